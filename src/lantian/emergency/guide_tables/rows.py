"""The rows of the two CSV files: read, checked cell by cell, and merged onto a base set
(extend, replace, override; names kept)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.tables import read_table
from lantian.emergency.grades import ANY_SCALE, Grade, parse_grade
from lantian.emergency.guide_tables.model import (
    STATUSES,
    DefaultMeasure,
    FileProblems,
    GuideTables,
    GuideVersion,
    Industry,
    OverrideRequest,
    find_industry,
)
from lantian.emergency.levels import Level
from lantian.emergency.measures import Kind, Measure, parse_measure

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_YES_NO = {"yes": True, "no": False}


def read_csv(
    path: Path, columns: Sequence[str], bad: FileProblems
) -> list[tuple[int, dict[str, str]]]:
    """(physical line, row) of every non-blank data row; problems for the header and shape."""
    try:
        heading, body = read_table(path)
    except IngestError as e:
        bad.add(e.line, e.reason)
        return []
    header = [h.strip() for h in heading]
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h not in columns]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"缺少列 / missing columns: {', '.join(missing)}")
        if unknown:
            parts.append(f"未知列 / unknown columns: {', '.join(unknown)}")
        bad.add(1, "; ".join(parts) + f" (应为 / expected: {','.join(columns)})")
        return []
    out: list[tuple[int, dict[str, str]]] = []
    for line, cells in body:
        if len(cells) != len(header):
            bad.add(
                line,
                f"有 {len(cells)} 个字段，应为 {len(header)} / {len(cells)} fields, "
                f"expected {len(header)}",
            )
            continue
        out.append((line, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    return out


def _status(value: str, column: str, reasons: list[str]) -> str:
    if value not in STATUSES:
        reasons.append(
            f"{column}: 未知状态 / unknown status {value!r}; 可用 / known: {', '.join(STATUSES)}"
        )
    return value


def _parse_industry(row: dict[str, str], origin: str) -> tuple[Industry | None, list[str]]:
    reasons: list[str] = []
    code = row["code"]
    if not _CODE.match(code):
        reasons.append(
            f"code: 行业代码须为小写字母、数字和下划线 / code must be lower-case "
            f"letters, digits and _: {code!r}"
        )
    for col in ("name_zh", "name_en"):
        if not row[col]:
            reasons.append(f"{col}: 不能为空 / required")
    flags: dict[str, bool] = {}
    for col in ("key_2020", "graded_2019", "exempt"):
        v = _YES_NO.get(row[col].lower())
        if v is None:
            reasons.append(f"{col}: 须为 yes 或 no / must be yes or no, not {row[col]!r}")
        flags[col] = bool(v)
    scale: list[Grade] = []
    for text in (g for g in row["scale"].split(",") if g.strip()):
        try:
            g = parse_grade(text)
        except ValueError as e:
            reasons.append(f"scale: {e}")
            continue
        if g in scale:
            reasons.append(f"scale: 等级 {g.value} 重复 / grade {g.value} twice")
        scale.append(g)
    scale_status = _status(row["scale_status"], "scale_status", reasons)
    if not scale and scale_status == "confirmed":
        reasons.append(
            "scale_status: 等级体系为空却标为 confirmed / an empty scale cannot be confirmed"
        )
    status = _status(row["status"], "status", reasons)
    if reasons:
        return None, reasons
    ind = Industry(
        code=code,
        zh=row["name_zh"],
        en=row["name_en"],
        key=flags["key_2020"],
        graded_2019=flags["graded_2019"],
        scale=tuple(scale) or ANY_SCALE,
        scale_status=scale_status,
        exempt=flags["exempt"],
        spec=row["spec"],
        status=status,
        note=row["note"],
        origin=origin,
    )
    return ind, []


def scale_text(scale: tuple[Grade, ...]) -> str:
    return "any" if scale == ANY_SCALE else ",".join(g.value for g in scale)


def _confirmed_changes(old: Industry, new: Industry) -> list[str]:
    """What ``new`` changes of ``old``'s confirmed content (override needed when not empty)."""
    out = []
    if old.scale_status == "confirmed" and (old.scale, old.scale_status) != (
        new.scale,
        new.scale_status,
    ):
        out.append(
            f"scale {scale_text(old.scale)} ({old.scale_status}) → "
            f"{scale_text(new.scale)} ({new.scale_status})"
        )
    if old.status == "confirmed":
        for name in ("key", "graded_2019", "exempt"):
            a, b = getattr(old, name), getattr(new, name)
            if a != b:
                out.append(f"{name} {'yes' if a else 'no'} → {'yes' if b else 'no'}")
    return out


def merge_industries(
    rows: list[tuple[int, dict[str, str]]],
    base: GuideTables,
    version: GuideVersion,
    overrides: dict[str, OverrideRequest],
    bad: FileProblems,
) -> dict[str, Industry]:
    out = dict(base.industries)
    by_code: dict[str, int] = {}
    by_zh: dict[str, int] = {}
    for line, row in rows:
        ind, reasons = _parse_industry(row, version.name)
        for r in reasons:
            bad.add(line, r)
        if ind is None:
            continue
        _example_status(ind.status, version, line, bad)
        if ind.code in by_code:
            bad.add(
                line,
                f"行业 {ind.code} 重复（第 {by_code[ind.code]} 行）/ duplicate industry "
                f"{ind.code} (line {by_code[ind.code]})",
            )
            continue
        if ind.zh in by_zh:
            bad.add(
                line,
                f"行业名称「{ind.zh}」重复（第 {by_zh[ind.zh]} 行）/ duplicate industry "
                f"name (line {by_zh[ind.zh]})",
            )
            continue
        by_code[ind.code], by_zh[ind.zh] = line, line
        old = base.industries.get(ind.code)
        if old is None:
            clash = next((i for i in base.industries.values() if ind.zh in (i.zh, i.en)), None)
            if clash is not None:
                bad.add(
                    line,
                    f"名称「{ind.zh}」已是行业 {clash.code} 的名称 / the name is that of "
                    f"industry {clash.code}; use its code",
                )
                continue
            out[ind.code] = ind
            continue
        if (old.zh, old.en) != (ind.zh, ind.en):
            bad.add(
                line,
                f"行业 {ind.code} 已定义为「{old.zh}」({old.en})，不能改名为「{ind.zh}」"
                f"({ind.en}) / industry {ind.code} cannot be redefined with another "
                "name",
            )
            continue
        changes = _confirmed_changes(old, ind)
        if changes:
            ov = overrides.get(ind.code)
            if ov is None:
                bad.add(line, _needs_override(ind.code, changes))
                continue
            ov.replaced.extend(changes)
        out[ind.code] = ind
    return out


def _needs_override(code: str, changes: list[str]) -> str:
    return (
        f"替换行业 {code} 已确认的数据（{'; '.join(changes)}）需要在清单说明中写 [[override]] "
        f"及理由 / replacing confirmed data of {code} ({'; '.join(changes)}) needs an "
        "[[override]] with a reason in the manifest"
    )


def _example_status(status: str, version: GuideVersion, line: int, bad: FileProblems) -> None:
    if version.illustrative and status != "example":
        bad.add(
            line,
            f"示例数据（illustrative = true）的状态须为 example / rows of an "
            f"illustrative set have status example, not {status!r}",
        )
    elif not version.illustrative and status == "example":
        bad.add(
            line,
            "状态 example 只用于示例数据（illustrative = true）/ status example is "
            "only for an illustrative set",
        )


def _parse_measure_row(
    row: dict[str, str], industries: dict[str, Industry]
) -> tuple[tuple[Industry, Grade, Level, Measure] | None, list[str]]:
    reasons: list[str] = []
    ind: Industry | None = None
    try:
        ind = find_industry(industries, row["industry"])
    except KeyError as e:
        reasons.append(f"industry: {e.args[0]}")
    grade: Grade | None = None
    try:
        grade = parse_grade(row["grade"])
    except ValueError as e:
        reasons.append(f"grade: {e}")
    level: Level | None = None
    try:
        level = Level(row["level"].lower())
    except ValueError:
        known = ", ".join(lv.value for lv in Level)
        reasons.append(
            f"level: 未知预警级别 / unknown level {row['level']!r}; 可用 / known: {known}"
        )
    measure: Measure | None = None
    try:
        measure = parse_measure(row["measure"])
    except ValueError as e:
        reasons.append(f"measure: {e}")
    _status(row["status"], "status", reasons)
    if not row["source"]:
        reasons.append("source: 须写明出处（指南条款）/ required: where the row comes from")
    if ind is not None and grade is not None and grade not in ind.scale:
        reasons.append(
            f"grade: {ind.zh}的等级只有 {scale_text(ind.scale)}，没有 {grade.value} / grade "
            f"{grade.value} is not on the {ind.en} scale"
        )
    if ind is not None and measure is not None:
        if ind.non_industrial:
            reasons.append(
                "industry: 非工业源没有默认措施（各自填写估算削减）/ non-industrial "
                "sources have no default measure"
            )
        elif measure.kind is Kind.ESTIMATE:
            reasons.append(
                "measure: 估算削减只用于非工业源 / 估算削减 is for non-industrial sources only"
            )
        elif ind.exempt and measure.is_stop_or_limit:
            reasons.append(
                f"measure: {ind.zh}不应采取停限产措施 / {ind.en} is exempt from "
                f"stop/limit, not 「{measure.zh}」"
            )
    if reasons or ind is None or grade is None or level is None or measure is None:
        return None, reasons
    return (ind, grade, level, measure), []


def merge_measures(
    rows: list[tuple[int, dict[str, str]]],
    base: GuideTables,
    industries: dict[str, Industry],
    version: GuideVersion,
    overrides: dict[str, OverrideRequest],
    bad: FileProblems,
) -> dict[tuple[str, Grade, Level], DefaultMeasure]:
    out = dict(base.measures)
    seen: dict[tuple[str, Grade, Level], int] = {}
    for line, row in rows:
        parsed, reasons = _parse_measure_row(row, industries)
        for r in reasons:
            bad.add(line, r)
        if parsed is None:
            continue
        ind, grade, level, measure = parsed
        _example_status(row["status"], version, line, bad)
        key = (ind.code, grade, level)
        if key in seen:
            bad.add(
                line,
                f"{ind.code} {grade.value} {level.value} 重复（第 {seen[key]} 行）/ "
                f"duplicate row (line {seen[key]})",
            )
            continue
        seen[key] = line
        old = base.measures.get(key)
        if old is not None and old.status == "confirmed" and old.measure != measure:
            change = f"{grade.value} {level.value}: {old.measure.zh} → {measure.zh}"
            ov = overrides.get(ind.code)
            if ov is None:
                bad.add(line, _needs_override(ind.code, [change]))
                continue
            ov.replaced.append(change)
        out[key] = DefaultMeasure(
            industry=ind.code,
            grade=grade,
            level=level,
            measure=measure,
            status=row["status"],
            source=row["source"],
            origin=version.name,
            path=bad.path,
            line=line,
        )
    return out
