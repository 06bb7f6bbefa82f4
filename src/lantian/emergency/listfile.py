"""The reduction-list file (应急减排清单表): one row per production line, one measure column per
warning level, in CSV (UTF-8) or Excel (.xlsx, first sheet). Format: ``docs/emergency_list.md``.

Headings are Chinese (what an official edits) or the English names of :data:`COLUMNS`. A blank
measure cell means "the industry default for the grade"; ``无`` writes "no measure". Emissions
are annual (``*_t_a``, converted with a :class:`~lantian.emergency.reduction.DailyBasis`) or daily
(``*_t_d``), one unit per file. A file is taken whole or refused: :class:`ListFileError` lists
every problem as ``file:line: reason`` (the heading is line 1).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.tables import check_width, header, num_text, number, read_table, yes
from lantian.emergency.grades import Category, Grade, parse_grade
from lantian.emergency.industries import industry
from lantian.emergency.levels import POLLUTANT_NAMES, POLLUTANTS, Level
from lantian.emergency.lines import Capacity, Line, ReductionList
from lantian.emergency.measures import Measure, StopShareRule, parse_measure
from lantian.emergency.reduction import DailyBasis

#: English name → Chinese heading (written) — both are read.
COLUMNS: dict[str, str] = {
    "enterprise_id": "企业编号",
    "enterprise": "企业名称",
    "category": "类别",
    "industry": "行业",
    "grade": "绩效等级",
    "line_id": "生产线编号",
    "line": "生产线名称",
    "capacity_unit": "产能单位",
    "eia_capacity": "环评批复产能(日均)",
    "permit_capacity": "排污许可产能(日均)",
    "actual_output": "上年实际产量(日均)",
    "normal_coking_h": "正常结焦时间(小时)",
    **{
        f"{p}_t_a": f"{zh}(吨/年)"
        for p, zh in zip(POLLUTANTS, ("SO2", "NOx", "颗粒物", "VOCs"), strict=True)
    },
    **{
        f"{p}_t_d": f"{zh}(吨/日)"
        for p, zh in zip(POLLUTANTS, ("SO2", "NOx", "颗粒物", "VOCs"), strict=True)
    },
    "blue": "蓝色预警措施",
    "yellow": "黄色预警措施",
    "orange": "橙色预警措施",
    "red": "红色预警措施",
    "synthetic": "合成数据",
    "note": "备注",
}
#: The default annual → daily conversion (÷ 365).
EVEN = DailyBasis()
REQUIRED = ("enterprise_id", "industry", "line_id")
#: The columns :func:`write_list` writes, in order (annual emissions; blue is optional).
WRITTEN = [c for c in COLUMNS if not c.endswith("_t_d") and c != "blue"]

_CATEGORY: dict[str, Category] = {
    "": Category.GRADED,
    "已评级": Category.GRADED,
    "未分级行业": Category.UNGRADED,
    "未分级": Category.UNGRADED,
    "保障类": Category.GUARANTEED,
    "小微": Category.SMALL_MICRO,
    "不达标不评级": Category.NON_COMPLIANT,
    "不评级": Category.NON_COMPLIANT,
    **{c.value: c for c in Category},
}
POLLUTANT_CODES: dict[str, str] = {
    **{zh: code for code, (zh, _en) in POLLUTANT_NAMES.items()},
    **{p: p for p in POLLUTANTS},
}


class ListFileError(IngestError):
    """A list file refused whole; ``problems`` holds every (line, reason), ``str()`` shows them
    one per row as ``file:line: reason``."""

    def __init__(self, path: str | Path, problems: Sequence[tuple[int | None, str]]) -> None:
        self.problems = list(problems)
        line, reason = self.problems[0]
        super().__init__(path, line, reason)

    def __str__(self) -> str:
        name = str(self.path)
        return "\n".join(
            f"{name}:{line}: {reason}" if line is not None else f"{name}: {reason}"
            for line, reason in self.problems
        )


@dataclass(frozen=True)
class ListFile:
    path: Path
    lines: tuple[Line, ...]
    unit: str  # "t/a" or "t/d" as written in the file
    basis: DailyBasis


def _header(path: Path, cells: list[str]) -> dict[str, int]:
    out, problems = header(cells, COLUMNS, REQUIRED)
    units = {k[-3:] for k in out if k.endswith(("_t_a", "_t_d"))}
    if not units:
        problems.append((1, "没有排放量列 / no emission column (so2_t_a … or so2_t_d …)"))
    elif len(units) > 1:
        problems.append((1, "排放量单位混用 / emissions both annual and daily: use one unit"))
    if problems:
        raise ListFileError(path, problems)
    return out


def _line(
    cells: list[str], cols: Mapping[str, int], unit: str, basis: DailyBasis, row: int
) -> Line:
    def get(key: str) -> str:
        i = cols.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for key in REQUIRED:
        if not get(key):
            raise ValueError(f"{COLUMNS[key]} ({key}) 为空 / is empty")
    ind = industry(get("industry"))
    cat_text = get("category")
    if cat_text not in _CATEGORY:
        raise ValueError(
            f"未知类别 / unknown category {cat_text!r}; 可用 / known: "
            + ", ".join(f"{c.zh} ({c.value})" for c in Category)
        )
    grade: Grade | None = parse_grade(get("grade")) if get("grade") else None
    category = _CATEGORY[cat_text]
    if not cat_text and grade is None and (not ind.key or ind.non_industrial):
        category = Category.UNGRADED
    emissions: dict[str, float] = {}
    for p in POLLUTANTS:
        v = number(get(f"{p}_{unit}"), COLUMNS[f"{p}_{unit}"])
        if v is not None:
            emissions[p] = basis.daily(p, v) if unit == "t_a" else v
    caps = {
        k: number(get(k), COLUMNS[k]) for k in ("eia_capacity", "permit_capacity", "actual_output")
    }
    for k, v in caps.items():
        if v is not None and v < 0:
            raise ValueError(f"{COLUMNS[k]} 不能为负 / cannot be negative: {v:g}")
    capacity = (
        Capacity(
            caps["eia_capacity"],
            caps["permit_capacity"],
            caps["actual_output"],
            get("capacity_unit"),
        )
        if any(v is not None for v in caps.values())
        else None
    )
    own: dict[Level, Measure] = {}
    for level in Level:
        text = get(level.value)
        if text:
            try:
                own[level] = parse_measure(text)
            except ValueError as e:
                raise ValueError(f"{COLUMNS[level.value]}: {e}") from None
    return Line(
        line_id=get("line_id"),
        enterprise_id=get("enterprise_id"),
        industry=ind.code,
        emissions=emissions,
        name=get("line"),
        enterprise=get("enterprise"),
        grade=grade,
        category=category,
        capacity=capacity,
        normal_coking_h=number(get("normal_coking_h"), COLUMNS["normal_coking_h"]),
        own=own,
        synthetic=yes(get("synthetic")),
        note=get("note"),
        row=row,
    )


def read_list_file(path: str | Path, basis: DailyBasis = EVEN) -> ListFile:
    """Read the lines of a list file (each row checked alone; :func:`read_list` also checks
    the list's rules). Raises :class:`ListFileError` with every problem."""
    path = Path(path)
    heading, rows = _table(path)
    cols = _header(path, heading)
    unit = "t_a" if any(k.endswith("_t_a") for k in cols) else "t_d"
    lines: list[Line] = []
    problems: list[tuple[int | None, str]] = []
    for n, cells in rows:
        try:
            check_width(cells, heading)
            lines.append(_line(cells, cols, unit, basis, n))
        except (ValueError, KeyError) as e:
            problems.append((n, str(e.args[0]) if isinstance(e, KeyError) else str(e)))
    if problems:
        raise ListFileError(path, problems)
    if not lines:
        raise ListFileError(path, [(None, "清单没有生产线 / the list has no line")])
    return ListFile(path, tuple(lines), unit.replace("_", "/"), basis)


def _table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """:func:`~lantian.airquality.readers.tables.read_table`, its refusal as a ListFileError."""
    try:
        return read_table(path)
    except IngestError as e:
        raise ListFileError(path, [(e.line, e.reason)]) from e


def read_list(
    path: str | Path,
    basis: DailyBasis = EVEN,
    rule: StopShareRule = StopShareRule.LINE_STOPS,
) -> ReductionList:
    """Read and check a list file: every refusal of the list's rules (weaker own measures, stop
    or limit on exempt lines, grades off the industry scale, …) comes back as ``file:line``."""
    lf = read_list_file(path, basis)
    lst = ReductionList(lf.lines, rule)
    problems = lst.problems()
    if problems:
        raise ListFileError(lf.path, [(p.row, p.reason) for p in problems])
    return lst


def read_city_emissions(path: str | Path) -> tuple[dict[str, float], str]:
    """A city inventory file: ``pollutant,t_a`` (or ``t_d``) rows for so2, nox, pm, vocs (or
    二氧化硫, 氮氧化物, 颗粒物, 挥发性有机物). Returns (values, "t/a" | "t/d")."""
    path = Path(path)
    heading, rows = _table(path)
    head = [c.strip().lower() for c in heading]
    aliases = {"污染物": "pollutant", "吨/年": "t_a", "吨/日": "t_d", "t/a": "t_a", "t/d": "t_d"}
    head = [aliases.get(h, h) for h in head]
    if "pollutant" not in head or len({"t_a", "t_d"} & set(head)) != 1:
        raise ListFileError(
            path, [(1, "需要列 pollutant 和 t_a（或 t_d） / need columns pollutant and t_a or t_d")]
        )
    unit = "t_a" if "t_a" in head else "t_d"
    ip, iv = head.index("pollutant"), head.index(unit)
    values: dict[str, float] = {}
    problems: list[tuple[int | None, str]] = []
    for n, cells in rows:
        name = cells[ip].strip() if ip < len(cells) else ""
        p = POLLUTANT_CODES.get(name.lower()) or POLLUTANT_CODES.get(name)
        try:
            check_width(cells, heading)
            v = number(cells[iv] if iv < len(cells) else "", unit)
        except ValueError as e:
            problems.append((n, str(e)))
            continue
        if p is None:
            problems.append((n, f"未知污染物 / unknown pollutant {name!r}"))
        elif p in values:
            problems.append((n, f"{p} 重复 / given twice"))
        elif v is None or not v > 0:
            problems.append((n, f"{p} 排放量须为正 / emission must be positive"))
        else:
            values[p] = v
    missing = [p for p in POLLUTANTS if p not in values]
    if missing and not problems:
        problems.append((None, f"缺少 / missing: {', '.join(missing)}"))
    if problems:
        raise ListFileError(path, problems)
    return values, unit.replace("_", "/")


def _annual(line: Line, p: str, basis: DailyBasis) -> str:
    if p not in line.emissions:
        return ""
    v = line.emissions[p] * basis.days / basis.share_of(p)
    return f"{round(v, 4):g}"


def list_rows(lines: Iterable[Line], basis: DailyBasis = EVEN) -> list[list[str]]:
    """The rows of :func:`write_list` (heading first): own measures written, defaults blank."""
    out: list[list[str]] = [[COLUMNS[c] for c in WRITTEN]]
    for ln in lines:
        cap = ln.capacity
        values = {
            "enterprise_id": ln.enterprise_id,
            "enterprise": ln.enterprise,
            "category": ""
            if ln.category is Category.GRADED and ln.grade is not None
            else ln.category.zh,
            "industry": industry(ln.industry).zh,
            "grade": ln.grade.value if ln.grade is not None else "",
            "line_id": ln.line_id,
            "line": ln.name,
            "capacity_unit": cap.unit if cap else "",
            "eia_capacity": num_text(cap.eia if cap else None),
            "permit_capacity": num_text(cap.permit if cap else None),
            "actual_output": num_text(cap.actual if cap else None),
            "normal_coking_h": num_text(ln.normal_coking_h),
            **{f"{p}_t_a": _annual(ln, p, basis) for p in POLLUTANTS},
            **{lv.value: m.zh for lv, m in ln.own.items()},
            "synthetic": "是" if ln.synthetic else "",
            "note": ln.note,
        }
        out.append([values.get(c, "") for c in WRITTEN])
    return out


def write_list(lines: Iterable[Line], path: str | Path, basis: DailyBasis = EVEN) -> Path:
    """Write a list file (.csv UTF-8 with BOM so Excel opens it in Chinese, or .xlsx)."""
    path = Path(path)
    rows = list_rows(lines, basis)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(rows, path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _write_xlsx(rows: list[list[str]], path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    numbers = ("eia_capacity", "permit_capacity", "actual_output", "normal_coking_h")
    numeric = {i for i, c in enumerate(WRITTEN) if c.endswith("_t_a") or c in numbers}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "应急减排清单"
    for r, row in enumerate(rows):
        ws.append([float(v) if r > 0 and i in numeric and v else v for i, v in enumerate(row)])
    ws.freeze_panes = "A2"
    fixed = datetime(2020, 1, 1)
    wb.properties.creator = "lantian"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    # the same rows give the same bytes: fixed member times in the zip
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z", data
                )
            dst.writestr(member, data)
