"""Reading a source file (plain or gzip) into physical lines and a string-typed frame."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import polars as pl

from lantian.airquality.errors import IngestError
from lantian.airquality.validation import check_field_counts


def read_text(path: str | Path) -> str:
    """The file's text (UTF-8, BOM removed), gunzipped when the name ends in ``.gz``."""
    p = Path(path)
    data = p.read_bytes()
    if p.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(p, line, "不是 UTF-8 编码 (not UTF-8 text)") from exc


def read_header(path: str | Path) -> list[str]:
    """The first line's fields, quotes stripped (used to sniff the format)."""
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt", encoding="utf-8-sig") as fh:
        first = fh.readline().rstrip("\r\n")
    return [f.strip().strip('"') for f in first.split(",")]


def read_table_text(path: str | Path, *, null_values: list[str] | None = None) -> pl.DataFrame:
    """Read a headed CSV as all-string columns after refusing ragged rows.

    Adds ``_line``, the 1-based physical line of each row.
    """
    text = read_text(path)
    lines = text.splitlines()
    if not lines:
        raise IngestError(path, 1, "空文件 (empty file)")
    header = [f.strip().strip('"') for f in lines[0].split(",")]
    check_field_counts(path, lines, len(header))
    df = pl.read_csv(
        io.StringIO(text),
        has_header=False,
        skip_rows=1,
        new_columns=header,
        infer_schema=False,
        null_values=null_values,
    )
    return df.with_row_index("_line", offset=2).with_columns(pl.col("_line").cast(pl.Int64))
