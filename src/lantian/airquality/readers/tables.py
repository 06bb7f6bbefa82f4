"""Reading the office's tabular files (the reduction list, the staggering calendar, the guide's
tables, a unit directory): CSV (UTF-8, with or without BOM) or the first sheet of an .xlsx, cells
as text, headings in Chinese or English, numbers checked. One definition for every such file of
the emergency and planning cores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.textfile import read_text

#: (physical line, reason) of a problem; ``None`` for the file as a whole.
Problem = tuple[int | None, str]
#: Spellings of "yes" in a yes/no column (合成数据).
YES = frozenset({"是", "yes", "true", "1", "y"})


def rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(physical line, cells) of a CSV or the first sheet of an .xlsx.

    A file that cannot be read raises :class:`IngestError` naming it (and the line where
    known): not UTF-8, not a workbook, a malformed CSV row."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _sheet_rows(path)
        return
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as e:
        raise IngestError(path, reader.line_num, f"CSV 格式错误 / malformed CSV: {e}") from e


def _sheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as e:  # BadZipFile, InvalidFileException, KeyError: not a workbook
        raise IngestError(
            path,
            None,
            f"不是可读取的 Excel 工作簿 (.xlsx) / not a readable .xlsx workbook: {e}",
        ) from e
    try:
        ws = wb.worksheets[0]
        for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield n, ["" if v is None else cell(v) for v in values]
    finally:
        wb.close()


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The heading (line 1) and every non-blank row after it, as (physical line, cells).

    Raises :class:`IngestError` (file, line where known, reason) when the file cannot be read
    or is empty."""
    try:
        found = iter(rows(path))
        first = next(found, None)
        body = [(n, cells) for n, cells in found if any(c.strip() for c in cells)]
    except OSError as e:
        raise IngestError(path, None, f"无法读取 / cannot read: {e.strerror or e}") from e
    except IngestError as e:
        raise IngestError(path, e.line, f"无法读取 / cannot read: {e.reason}") from e
    if first is None:
        raise IngestError(path, None, "文件为空 / empty file")
    return first[1], body


def check_width(cells: Sequence[str], heading: Sequence[str]) -> None:
    """Refuse a row with values beyond the heading's columns (in a CSV, a comma inside an
    unquoted value shifts every later cell): ValueError with the counts."""
    if len(cells) > len(heading) and any(c.strip() for c in cells[len(heading) :]):
        raise ValueError(
            f"有 {len(cells)} 个字段，表头只有 {len(heading)} 列（含逗号的值须加引号）/ "
            f"{len(cells)} fields but {len(heading)} columns in the heading (quote a value "
            "that contains a comma)"
        )


def yes(text: str) -> bool:
    """A yes/no cell: :data:`YES` (case-insensitive) is yes, anything else no."""
    return text.strip().lower() in YES


def cell(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def header(
    cells: Sequence[str], columns: Mapping[str, str], required: Sequence[str]
) -> tuple[dict[str, int], list[Problem]]:
    """The column index of each known heading (its key or its Chinese name, ``columns`` maps keys to
    names) and the problems of the heading row: unknown, repeated or missing columns."""
    names = {**{k: k for k in columns}, **{v: k for k, v in columns.items()}}
    out: dict[str, int] = {}
    problems: list[Problem] = []
    for i, c in enumerate(cells):
        c = c.strip()
        if not c:
            continue
        key = names.get(c) or names.get(c.lower())
        if key is None:
            problems.append((1, f"未知列 / unknown column {c!r}"))
        elif key in out:
            problems.append((1, f"列重复 / column twice: {c!r}"))
        else:
            out[key] = i
    missing = [f"{k} ({columns[k]})" for k in required if k not in out]
    if missing:
        problems.append((1, f"缺少必需列 / missing columns: {', '.join(missing)}"))
    return out, problems


def number(text: str, what: str) -> float | None:
    t = text.strip().replace(",", "")
    if not t:
        return None
    try:
        v = float(t)
    except ValueError:
        raise ValueError(f"{what} 不是数字 / not a number: {text!r}") from None
    if v != v or v in (float("inf"), float("-inf")):
        raise ValueError(f"{what} 不是有限数 / not a finite number: {text!r}")
    return v


def num_text(v: float | None) -> str:
    """A number as written back to a file (``""`` for none)."""
    return "" if v is None else f"{v:g}"
