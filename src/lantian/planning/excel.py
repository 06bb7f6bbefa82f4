"""The task breakdown table (任务分解表) as Excel (.xlsx): import and export.

The template is written in ``docs/task_template.md``: sheet ``任务分解表``, optional title rows,
then a header row whose first cell is ``序号`` (within the first :data:`HEADER_SEARCH_ROWS`
rows), then one row per task. Several units in a cell are separated by ``、`` (also accepted:
``，`` ``,`` ``；`` ``;`` and line breaks); several deadlines or indicators go one per line
(also accepted: ``；`` ``;``). A sheet that does not follow the template is refused whole with an
:class:`ExcelError` naming ``sheet!cell`` and the reason; nothing is half-read.

Export → import gives back the same tasks. Export refuses a value it could not write faithfully
(a separator inside a name, surrounding spaces, a number with more digits than Excel keeps).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lantian.planning.model import Indicator, Milestone, Task

SHEET = "任务分解表"
HEADER_SEARCH_ROWS = 5

#: Header → Task field, in the order of the template. Indicator columns are aligned by line.
COLUMNS: dict[str, str] = {
    "序号": "number",
    "任务": "heading",
    "具体内容": "text",
    "类别": "category",
    "牵头单位": "lead_units",
    "配合单位": "cooperating_units",
    "责任单位": "responsible_units",
    "区域": "areas",
    "完成时限": "milestones",
    "量化指标": "indicator_names",
    "单位": "indicator_units",
    "目标值": "indicator_targets",
}
REQUIRED = ("序号", "具体内容", "牵头单位")

UNIT_SEP = re.compile(r"[、，,；;\n]")
LINE_SEP = re.compile(r"[；;\n]")
_DATE = re.compile(
    r"^(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
)


class ExcelError(ValueError):
    """A sheet that does not follow the template; ``str()`` is ``sheet!cell: reason``."""

    def __init__(self, sheet: str, cell: str, reason: str) -> None:
        self.sheet = sheet
        self.cell = cell
        self.reason = reason
        super().__init__(f"{sheet}!{cell}: {reason}")


# ----------------------------------------------------------------------------------- import


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _split(value: Any, sep: re.Pattern[str]) -> list[str]:
    return [p.strip() for p in sep.split(_text(value)) if p.strip()]


def _parse_date(text: str) -> tuple[date, str]:
    """``"2019-06-30 完成A级企业整治"`` → (date, label); also ``2019/6/30``, ``2019年6月30日``."""
    m = _DATE.match(text)
    if not m:
        raise ValueError(
            f"无法识别的日期 / not a date: {text!r}（应为 2019-06-30 / use 2019-06-30）"
        )
    y = int(m.group(1))
    mo, d = next((m.group(i), m.group(i + 1)) for i in (2, 4, 6) if m.group(i))
    try:
        day = date(y, int(mo), int(d))
    except ValueError as exc:
        raise ValueError(f"不存在的日期 / no such date: {text!r}") from exc
    return day, text[m.end() :].strip()


def _milestones(value: Any) -> tuple[Milestone, ...]:
    if isinstance(value, datetime):
        return (Milestone(value.date()),)
    if isinstance(value, date):
        return (Milestone(value),)
    return tuple(Milestone(*_parse_date(p)) for p in _split(value, LINE_SEP))


def _lines(value: Any, n: int) -> list[str]:
    """``n`` aligned lines of an indicator column (a blank cell gives ``n`` blanks)."""
    if value is None or _text(value) == "":
        return [""] * n
    if isinstance(value, int | float):
        parts = [_text(value)]
    else:
        parts = [p.strip() for p in LINE_SEP.split(str(value))]
    if len(parts) != n:
        raise ValueError(
            f"有{len(parts)}行，量化指标有{n}行，应一一对应 / "
            f"{len(parts)} lines but {n} indicators; they must line up"
        )
    return parts


def _target(text: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise ValueError(f"目标值不是数字 / target is not a number: {text!r}") from exc


def _find_header(ws: Worksheet, sheet: str) -> int:
    for row in range(1, HEADER_SEARCH_ROWS + 1):
        if _text(ws.cell(row, 1).value) == "序号":
            return row
    raise ExcelError(
        sheet,
        "A1",
        f"找不到表头：前{HEADER_SEARCH_ROWS}行的A列没有“序号” / no header row: no 序号 in column A "
        f"of the first {HEADER_SEARCH_ROWS} rows",
    )


def read_tasks(path: Path | str, sheet: str = SHEET) -> list[Task]:
    """Read the tasks of a task breakdown table; a malformed sheet raises :class:`ExcelError`."""
    wb = load_workbook(path, data_only=True)
    if sheet not in wb.sheetnames:
        raise ExcelError(
            sheet,
            "A1",
            f"缺少工作表 / no such sheet; 工作簿中有 / the workbook has: {wb.sheetnames}",
        )
    ws = wb[sheet]
    header_row = _find_header(ws, sheet)
    columns: dict[str, int] = {}
    blank_headers: list[int] = []
    for col in range(1, ws.max_column + 1):
        name = _text(ws.cell(header_row, col).value)
        where = ws.cell(header_row, col).coordinate
        if not name:
            blank_headers.append(col)
        elif name not in COLUMNS:
            raise ExcelError(
                sheet,
                where,
                f"未知列 / unknown column {name!r}; 可用 / known: {'、'.join(COLUMNS)}",
            )
        elif name in columns:
            raise ExcelError(sheet, where, f"列重复 / duplicate column {name!r}")
        else:
            columns[name] = col
    for name in REQUIRED:
        if name not in columns:
            where = ws.cell(header_row, ws.max_column + 1).coordinate
            raise ExcelError(sheet, where, f"缺少列 / missing column {name!r}")

    tasks: list[Task] = []
    first_seen: dict[str, str] = {}
    for row in range(header_row + 1, ws.max_row + 1):
        values = {name: ws.cell(row, col).value for name, col in columns.items()}
        for col in blank_headers:
            if _text(ws.cell(row, col).value):
                raise ExcelError(
                    sheet, ws.cell(row, col).coordinate, "该列没有表头 / data under a blank header"
                )
        if not any(_text(v) for v in values.values()):
            continue  # blank row

        def cell(name: str, row: int = row) -> str:
            col = columns.get(name, columns["序号"])
            return str(ws.cell(row, col).coordinate)

        tasks.append(_row_task(values, cell, sheet, first_seen))
    return tasks


def _row_task(
    values: dict[str, Any], cell: Callable[[str], str], sheet: str, first_seen: dict[str, str]
) -> Task:
    def guard(name: str, parse: Callable[[Any], Any]) -> Any:
        try:
            return parse(values.get(name))
        except ValueError as exc:
            raise ExcelError(sheet, cell(name), str(exc)) from exc

    number = _text(values["序号"])
    if not number:
        raise ExcelError(sheet, cell("序号"), "序号为空 / empty numbering")
    if number in first_seen:
        raise ExcelError(
            sheet,
            cell("序号"),
            f"序号重复 / duplicate numbering {number!r}"
            f"（首次出现于 / first at {first_seen[number]}）",
        )
    first_seen[number] = cell("序号")
    text = _text(values["具体内容"])
    if not text:
        raise ExcelError(sheet, cell("具体内容"), "具体内容为空 / empty task text")
    names = _split(values.get("量化指标"), LINE_SEP)
    units = guard("单位", lambda v: _lines(v, len(names)))
    targets = guard("目标值", lambda v: [_target(t) for t in _lines(v, len(names))])
    milestones = guard("完成时限", _milestones)
    lead = _split(values["牵头单位"], UNIT_SEP)
    responsible = _split(values.get("责任单位"), UNIT_SEP)
    areas = _split(values.get("区域"), UNIT_SEP)
    if not lead and not responsible and not areas:
        raise ExcelError(
            sheet,
            cell("牵头单位"),
            "没有牵头单位、责任单位或责任区域 / no lead unit, responsible unit or area",
        )
    try:
        return Task(
            number=number,
            heading=_text(values.get("任务")),
            text=text,
            category=_text(values.get("类别")),
            lead_units=tuple(lead),
            cooperating_units=tuple(_split(values.get("配合单位"), UNIT_SEP)),
            responsible_units=tuple(responsible),
            areas=tuple(areas),
            milestones=milestones,
            indicators=tuple(
                Indicator(n, u, t) for n, u, t in zip(names, units, targets, strict=True)
            ),
        )
    except ValueError as exc:  # numbering format
        raise ExcelError(sheet, cell("序号"), str(exc)) from exc


# ----------------------------------------------------------------------------------- export


def _clean(value: str, what: str, sep: re.Pattern[str] | None = None) -> str:
    if value != value.strip():
        raise ValueError(f"{what} {value!r}: 首尾有空白 / surrounding spaces")
    if sep is not None and sep.search(value):
        raise ValueError(f"{what} {value!r}: 含分隔符 / contains a separator")
    return value


def _number(x: float) -> float:
    # openpyxl writes numbers with 16 significant digits ("%.16g").
    if float(f"{x:.16g}") != x:
        raise ValueError(f"目标值 {x!r} 超过16位有效数字 / more than 16 significant digits")
    return x


def _cells(task: Task) -> dict[str, Any]:
    n = task.number
    joined = {
        "lead_units": task.lead_units,
        "cooperating_units": task.cooperating_units,
        "responsible_units": task.responsible_units,
        "areas": task.areas,
    }
    out: dict[str, Any] = {
        "序号": task.number,
        "任务": _clean(task.heading, f"{n} 任务"),
        "具体内容": _clean(task.text, f"{n} 具体内容"),
        "类别": _clean(task.category, f"{n} 类别"),
    }
    for header, fname in COLUMNS.items():
        if fname in joined:
            out[header] = "、".join(_clean(u, f"{n} {header}", UNIT_SEP) for u in joined[fname])
    out["完成时限"] = "\n".join(
        f"{m.due.isoformat()} {_clean(m.label, f'{n} 完成时限', LINE_SEP)}".strip()
        for m in task.milestones
    )
    inds = task.indicators
    out["量化指标"] = "\n".join(_clean(i.name, f"{n} 量化指标", LINE_SEP) for i in inds)
    out["单位"] = "\n".join(_clean(i.unit, f"{n} 单位", LINE_SEP) for i in inds)
    targets = [_number(i.target) if i.target is not None else None for i in inds]
    if len(targets) == 1 and targets[0] is not None:
        out["目标值"] = targets[0]  # a number cell
    else:
        out["目标值"] = "\n".join("" if t is None else repr(t) for t in targets)
    return out


def write_tasks(
    tasks: Sequence[Task], path: Path | str, title: str = "", sheet: str = SHEET
) -> None:
    """Write ``tasks`` as a task breakdown table (``title``, if given, above the header)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    header_row = 1
    if title:
        ws.cell(1, 1, title)
        header_row = 2
    positions = {header: col for col, header in enumerate(COLUMNS, start=1)}
    for header, col in positions.items():
        ws.cell(header_row, col, header)
    for r, task in enumerate(tasks, start=header_row + 1):
        for header, value in _cells(task).items():
            if value == "":
                continue
            c: Cell = ws.cell(r, positions[header], value)
            if isinstance(value, str):
                c.data_type = "s"  # never a formula, even when the text starts with "="
    for col, width in enumerate((10, 16, 48, 8, 18, 18, 18, 12, 22, 18, 8, 10), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    wb.save(path)
