"""The staggered-production calendar file (错峰生产日历表): one row per period of a line, in CSV
(UTF-8) or Excel (.xlsx, first sheet). Format: ``docs/emergency_calendar.md``.

Headings are Chinese (what an official edits; :func:`write_calendar` writes them) or the English
names of :data:`COLUMNS`. Each row is a :class:`~lantian.emergency.staggered.StaggerPeriod`: a
line (企业编号 + 生产线编号 of the reduction list), a start and an end day (both inclusive), a
measure that is ``停产`` or ``限产x%`` (nothing else, no transport part), an optional staggering
baseline (错峰基数, daily, ≥ 0; blank = the line's list baseline) and the plan rule it comes from
(依据). A file is taken whole or refused: :class:`CalendarFileError` lists every problem as
``file:line: reason`` (the heading is line 1; in a workbook the sheet row).

The file is read without the list: whether its lines are in the list, and the calendar's
conflicts (:func:`~lantian.emergency.staggered.calendar_conflicts`), are the caller's to check.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.tables import check_width, header, num_text, number, read_table, yes
from lantian.emergency.listfile import ListFileError
from lantian.emergency.measures import parse_measure
from lantian.emergency.staggered import Calendar, StaggerPeriod

#: English name → Chinese heading (written) — both are read.
COLUMNS: dict[str, str] = {
    "enterprise_id": "企业编号",
    "enterprise": "企业名称",
    "line_id": "生产线编号",
    "line": "生产线名称",
    "start": "开始日期",
    "end": "结束日期",
    "measure": "措施",
    "baseline": "错峰基数(日均)",
    "source": "依据",
    "synthetic": "合成数据",
    "note": "备注",
}
REQUIRED = ("enterprise_id", "line_id", "start", "end", "measure")
#: Day spellings read (a workbook's date cell arrives as ``2019-11-15 00:00:00``).
_DAY = re.compile(
    r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$"
)


class CalendarFileError(ListFileError):
    """A calendar file refused whole; ``problems`` holds every (line, reason), ``str()`` shows
    them one per row as ``file:line: reason``."""


@dataclass(frozen=True)
class CalendarRow:
    """One row of the file: its period and what the file says around it."""

    enterprise_id: str
    period: StaggerPeriod
    enterprise: str = ""
    line: str = ""
    synthetic: bool = False
    note: str = ""
    row: int | None = None  # line of the file it came from

    @property
    def line_id(self) -> str:
        return self.period.line_id


@dataclass(frozen=True)
class CalendarFile:
    path: Path
    rows: tuple[CalendarRow, ...] = field(default_factory=tuple)

    @property
    def calendar(self) -> Calendar:
        return Calendar(tuple(r.period for r in self.rows))

    @property
    def span(self) -> tuple[date, date]:
        """The season the file covers: its earliest start to its latest end."""
        return (
            min(r.period.start for r in self.rows),
            max(r.period.end for r in self.rows),
        )


def parse_day(text: str) -> date:
    """``2019-11-15`` (also ``2019/11/15``, ``2019.11.15``, ``2019年11月15日``)."""
    m = _DAY.match(text.strip())
    if m is None:
        raise ValueError(f"无法识别的日期 / unknown date {text!r} (YYYY-MM-DD)")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"日期不存在 / no such date {text!r}") from None


def _header(path: Path, cells: list[str]) -> dict[str, int]:
    out, problems = header(cells, COLUMNS, REQUIRED)
    if problems:
        raise CalendarFileError(path, problems)
    return out


def _row(cells: list[str], cols: Mapping[str, int], n: int) -> CalendarRow:
    def get(key: str) -> str:
        i = cols.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for key in REQUIRED:
        if not get(key):
            raise ValueError(f"{COLUMNS[key]} ({key}) 为空 / is empty")
    days: list[date] = []
    for key in ("start", "end"):
        try:
            days.append(parse_day(get(key)))
        except ValueError as e:
            raise ValueError(f"{COLUMNS[key]}: {e}") from None
    start, end = days
    if end < start:
        raise ValueError(f"结束日期 {end} 早于开始日期 {start} / the period ends before it starts")
    try:
        measure = parse_measure(get("measure"))
    except ValueError as e:
        raise ValueError(f"{COLUMNS['measure']}: {e}") from None
    baseline = number(get("baseline"), COLUMNS["baseline"])
    if baseline is not None and baseline < 0:
        raise ValueError(f"{COLUMNS['baseline']} 不能为负 / cannot be negative: {baseline:g}")
    try:
        period = StaggerPeriod(get("line_id"), start, end, measure, baseline, get("source"))
    except ValueError as e:
        raise ValueError(f"{COLUMNS['measure']}: {e}") from None
    return CalendarRow(
        enterprise_id=get("enterprise_id"),
        period=period,
        enterprise=get("enterprise"),
        line=get("line"),
        synthetic=yes(get("synthetic")),
        note=get("note"),
        row=n,
    )


def _duplicates(rows: Sequence[CalendarRow]) -> list[tuple[int | None, str]]:
    """A line under two enterprise numbers, or the same period twice."""
    problems: list[tuple[int | None, str]] = []
    owner: dict[str, CalendarRow] = {}
    seen: dict[StaggerPeriod, CalendarRow] = {}
    for r in rows:
        first = owner.setdefault(r.line_id, r)
        if first.enterprise_id != r.enterprise_id:
            problems.append(
                (
                    r.row,
                    f"生产线 {r.line_id} 在第 {first.row} 行属于企业 {first.enterprise_id}，"
                    f"此处为 {r.enterprise_id} / the line belongs to another enterprise on "
                    f"line {first.row}",
                )
            )
        key = _without_source(r.period)
        if key in seen:
            problems.append(
                (
                    r.row,
                    f"与第 {seen[key].row} 行的时段相同 / the same period as line {seen[key].row}",
                )
            )
        else:
            seen[key] = r
    return problems


def _without_source(period: StaggerPeriod) -> StaggerPeriod:
    """Two periods that differ only by their ``source`` are the same period."""
    return StaggerPeriod(period.line_id, period.start, period.end, period.measure, period.baseline)


def read_calendar(path: str | Path) -> CalendarFile:
    """Read a calendar file; raises :class:`CalendarFileError` with every problem."""
    path = Path(path)
    try:
        heading, rows = read_table(path)
    except IngestError as e:
        raise CalendarFileError(path, [(e.line, e.reason)]) from e
    cols = _header(path, heading)
    out: list[CalendarRow] = []
    problems: list[tuple[int | None, str]] = []
    for n, cells in rows:
        try:
            check_width(cells, heading)
            out.append(_row(cells, cols, n))
        except ValueError as e:
            problems.append((n, str(e)))
    problems += _duplicates(out)
    if problems:
        problems.sort(key=lambda p: p[0] or 0)
        raise CalendarFileError(path, problems)
    if not out:
        raise CalendarFileError(path, [(None, "日历没有时段 / the calendar has no period")])
    return CalendarFile(path, tuple(out))


# --- writing -----------------------------------------------------------------------------------

WRITTEN = list(COLUMNS)


def calendar_rows(rows: Iterable[CalendarRow]) -> list[list[str]]:
    """The rows of :func:`write_calendar` (heading first), dates as ``YYYY-MM-DD``."""
    out: list[list[str]] = [[COLUMNS[c] for c in WRITTEN]]
    for r in rows:
        p = r.period
        values = {
            "enterprise_id": r.enterprise_id,
            "enterprise": r.enterprise,
            "line_id": p.line_id,
            "line": r.line,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "measure": p.measure.zh,
            "baseline": num_text(p.baseline),
            "source": p.source,
            "synthetic": "是" if r.synthetic else "",
            "note": r.note,
        }
        out.append([values[c] for c in WRITTEN])
    return out


def write_calendar(rows: Iterable[CalendarRow], path: str | Path) -> Path:
    """Write a calendar file: .csv (UTF-8 with BOM, so Excel opens it in Chinese) or .xlsx
    (sheet ``错峰生产日历``, dates as date cells, baselines as numbers). Reads back the same."""
    path = Path(path)
    table = calendar_rows(rows)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        fill_sheet(ws, table)
        wb.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(table)
    return path


def fill_sheet(ws: Any, table: list[list[str]]) -> None:
    """Put :func:`calendar_rows` into an openpyxl worksheet: dates as date cells
    (``yyyy-mm-dd``), baselines as numbers, the heading frozen."""
    ws.title = "错峰生产日历"
    dates = {WRITTEN.index("start"), WRITTEN.index("end")}
    number = WRITTEN.index("baseline")
    for r, row in enumerate(table):
        values: list[object] = []
        for i, v in enumerate(row):
            if r > 0 and i in dates:
                values.append(date.fromisoformat(v))
            elif r > 0 and i == number and v:
                values.append(float(v))
            else:
                values.append(v)
        ws.append(values)
        if r > 0:
            for i in dates:
                ws.cell(row=r + 1, column=i + 1).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
