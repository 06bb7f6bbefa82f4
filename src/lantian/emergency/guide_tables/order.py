"""The guide's tables are monotone: at one level a higher grade never takes a stricter measure
than a lower grade, and for one grade a lower level never a stricter one than a higher level.

Strictness is the reduction share of :func:`lantian.emergency.measures.fraction` (under both
readings of 停产x%) and the transport rank; extended coking times compare by hours."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lantian.emergency.grades import Grade
from lantian.emergency.guide_tables.model import MEASURES_CSV, DefaultMeasure, Problem
from lantian.emergency.measures import Kind, Measure, StopShareRule, fraction


def _removes_more(a: Measure, b: Measure, rule: StopShareRule) -> bool:
    """``a``'s production part removes more than ``b``'s (the order of ``fraction``).

    Two coking-time extensions compare by hours; a coking time removes more than none and less
    than a stop, and is not ordered against a percentage (it depends on the line's normal cycle).
    """
    if Kind.COKING_TIME in (a.kind, b.kind):
        if a.kind is b.kind:
            assert a.value is not None and b.value is not None
            return a.value > b.value
        a_is_coking = a.kind is Kind.COKING_TIME
        r_other = fraction(b if a_is_coking else a, rule=rule)
        if r_other == 0.0:
            return a_is_coking
        if r_other == 1.0:
            return not a_is_coking
        return False
    return fraction(a, rule=rule) > fraction(b, rule=rule) + 1e-12


def stricter(a: Measure, b: Measure) -> StopShareRule | None:
    """The reading of 停产x% under which ``a`` is stricter than ``b`` (None: it is not).

    Stricter: it removes more production, or its transport part is stricter. ``line_stops`` (the
    default reading) is tried first."""
    if a.transport.rank > b.transport.rank:
        return StopShareRule.LINE_STOPS
    for rule in (StopShareRule.LINE_STOPS, StopShareRule.PROPORTIONAL):
        if _removes_more(a, b, rule):
            return rule
    return None


def _grade_label(g: Grade) -> str:
    return f"{g.value}级" if g.value[0].isascii() else g.value


def _reading(rule: StopShareRule) -> str:
    if rule is StopShareRule.LINE_STOPS:
        return ""
    return "（按「停产x%按比例计」的读法 / under the proportional reading of 停产x%）"


def _grade_order_reason(hi: DefaultMeasure, lo: DefaultMeasure, rule: StopShareRule) -> str:
    return (
        f"{_grade_label(hi.grade)}{hi.level.zh}措施「{hi.measure.zh}」严于"
        f"{_grade_label(lo.grade)}的「{lo.measure.zh}」({{ref_zh}})：同一预警级别，"
        f"较高等级的措施不能更严{_reading(rule)} / grade {hi.grade.value} {hi.level.value} "
        f"is stricter than grade {lo.grade.value} ({{ref_en}}): a higher grade never takes "
        "stricter measures at the same level"
    )


def _level_order_reason(lo: DefaultMeasure, hi: DefaultMeasure, rule: StopShareRule) -> str:
    return (
        f"{_grade_label(lo.grade)}{lo.level.zh}措施「{lo.measure.zh}」严于"
        f"{hi.level.zh}的「{hi.measure.zh}」({{ref_zh}})：同一等级，较低预警级别的措施不能更严"
        f"{_reading(rule)} / grade {lo.grade.value}: {lo.level.value} is stricter than "
        f"{hi.level.value} ({{ref_en}}): a lower level never takes stricter measures for the "
        "same grade"
    )


def _blame(x: DefaultMeasure, y: DefaultMeasure, reason: str, fallback: Path) -> Problem:
    """The problem at the row read last (a loaded file before the packaged one), citing the
    other row; ``reason`` has ``{ref_zh}`` and ``{ref_en}`` slots."""

    def pos(d: DefaultMeasure) -> tuple[int, int]:
        return (0 if d.path in (None, MEASURES_CSV) else 1, d.line or 0)

    at, other = (x, y) if pos(x) >= pos(y) else (y, x)
    if other.path == at.path:
        ref_zh, ref_en = f"第 {other.line} 行", f"line {other.line}"
    else:
        ref_zh = ref_en = f"{other.path or fallback}:{other.line}"
    return Problem(at.path or fallback, at.line, reason.format(ref_zh=ref_zh, ref_en=ref_en))


def monotonicity_problems(
    measures: Iterable[DefaultMeasure], fallback: Path = MEASURES_CSV
) -> list[Problem]:
    """Every pair of rows of one industry that breaks the guide's order (module docstring)."""
    by_industry: dict[str, list[DefaultMeasure]] = {}
    for d in measures:
        by_industry.setdefault(d.industry, []).append(d)
    out: list[Problem] = []
    for rows in by_industry.values():
        for hi in rows:
            for lo in rows:
                if hi.level is lo.level and hi.grade.rank > lo.grade.rank:
                    rule = stricter(hi.measure, lo.measure)
                    if rule is not None:
                        reason = _grade_order_reason(hi, lo, rule)
                        out.append(_blame(hi, lo, reason, fallback))
                if hi.grade is lo.grade and hi.level.rank > lo.level.rank:
                    rule = stricter(lo.measure, hi.measure)
                    if rule is not None:
                        reason = _level_order_reason(lo, hi, rule)
                        out.append(_blame(lo, hi, reason, fallback))
    out.sort(key=lambda p: (str(p.path), p.line or 0))
    return out
