"""Reading and writing the office's tabular files (the reduction list, the staggering calendar):
CSV (UTF-8, with or without BOM) or the first sheet of an .xlsx, cells as text, headings in
Chinese or English, numbers checked. One definition for every file of the emergency core."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

#: (physical line, reason) of a problem; ``None`` for the file as a whole.
Problem = tuple[int | None, str]


def rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(physical line, cells) of a CSV or the first sheet of an .xlsx."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                yield n, ["" if v is None else cell(v) for v in values]
        finally:
            wb.close()
        return
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    for cells in reader:
        yield reader.line_num, cells


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
