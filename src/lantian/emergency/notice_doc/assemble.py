"""Assembling the notice from the core values: :func:`notice_from`.

Which lines the notice lists: every line whose measure at the level is not "none" (a default or
its own, 自主减排 included); non-industrial sources (trucks, dust) are listed apart. Their
reductions add up to the list check's achieved totals (:func:`lantian.emergency.reduction.
check_list`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from lantian.emergency.decision import BASIS_TEXT, Decision
from lantian.emergency.forecast import SHANGHAI
from lantian.emergency.grades import Category
from lantian.emergency.industries import industry
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lifecycle import Kind as Action
from lantian.emergency.lifecycle import State, WarningRecord
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.measures import Kind, Measure, Transport
from lantian.emergency.notice_doc.values import NoticeRow, WarningNotice
from lantian.emergency.reduction import check_list
from lantian.standards.aqi_result import level_of
from lantian.standards.versions import aqi_standard

#: The notices the life cycle gives: issue, upgrade, downgrade (not assess, not lift).
NOTICE_ACTIONS = (Action.ISSUE, Action.UPGRADE, Action.DOWNGRADE)


_TRANSPORT_EN = {
    Transport.NONE: "",
    Transport.TRUCK_BAN: "no China IV-or-older heavy trucks",
    Transport.NO_ROAD: "no road transport",
}


def measure_en(m: Measure) -> str:
    """English text of a measure (the list spells it in Chinese: :attr:`Measure.zh`)."""
    v = f"{m.value:g}" if m.value is not None else ""
    production = {
        Kind.NONE: "",
        Kind.OWN: "own measures (自主减排)",
        Kind.STOP: "stop",
        Kind.LIMIT: f"limit output by {v} %",
        Kind.STOP_SHARE: f"stop {v} % (counted per line)",
        Kind.COKING_TIME: f"coking time extended to {v} h",
        Kind.ESTIMATE: f"estimated cut {v} %",
    }[m.kind]
    parts = [p for p in (production, _TRANSPORT_EN[m.transport]) if p]
    return " + ".join(parts) or "none"


def measure_zh(m: Measure) -> str:
    """The list's Chinese text, with "停产x%" spelled out as counted per line."""
    if m.kind is Kind.STOP_SHARE:
        return m.zh.replace(f"停产{m.value:g}%", f"停产{m.value:g}%（以生产线计）", 1)
    return m.zh


def _has_measure(m: Measure | None) -> bool:
    return m is not None and (m.kind is not Kind.NONE or m.transport is not Transport.NONE)


def _row(lst: ReductionList, ln: Line, level: Level, m: Measure) -> NoticeRow:
    ind = industry(ln.industry)
    grade = ln.grade.value if ln.grade is not None else ""
    if ln.category is not Category.GRADED:
        grade = ln.category.zh
    return NoticeRow(
        enterprise_id=ln.enterprise_id,
        enterprise=ln.enterprise or ln.enterprise_id,
        line_id=ln.line_id,
        line=ln.name,
        industry_zh=ind.zh,
        industry_en=ind.en,
        grade=grade,
        measure_zh=measure_zh(m),
        measure_en=measure_en(m),
        transport_zh=m.transport.zh,
        transport_en=_TRANSPORT_EN[m.transport],
        reductions=lst.reduction(ln, level),
        synthetic=ln.synthetic,
    )


def _grouped(rows: Iterable[NoticeRow]) -> tuple[NoticeRow, ...]:
    """Rows with each enterprise's lines together, enterprises in order of first appearance."""
    rows = list(rows)
    first: dict[str, int] = {}
    for i, r in enumerate(rows):
        first.setdefault(r.enterprise_id, i)
    return tuple(sorted(rows, key=lambda r: first[r.enterprise_id]))


def _bounds(value: str) -> tuple[int, int]:
    """``"210-240"`` → (210, 240); ``"250"`` → (250, 250) (a window's forecast as given)."""
    lo, _, hi = value.partition("-")
    return int(lo), int(hi or lo)


def _observed(text: str, prefix: str, sep: str, nil: str) -> str:
    """The durations of :attr:`Grade.observed` without its prefix and without the zero ones
    (``AQI>300 最长0小时`` says nothing in a notice)."""
    parts = text.removeprefix(prefix).split(sep)
    return sep.join(p for p in parts if not p.endswith(nil))


def _last_notice_change(record: WarningRecord) -> tuple[Action, datetime]:
    for change in reversed(record.history):
        if change.kind in NOTICE_ACTIONS:
            return change.kind, change.at
    raise ValueError("预警记录没有发布事件 (the record has no issue event)")


def notice_from(
    decision: Decision,
    record: WarningRecord,
    reduction_list: ReductionList,
    level: Level | None = None,
    *,
    city_daily: Mapping[str, float],
    issuer: str,
    document_number: str = "",
    contact: str = "",
) -> WarningNotice:
    """The notice of the warning ``record`` (issued, at ``level``) decided by ``decision``.

    ``city_daily``: the city's daily emission of each pollutant [t/d], for the totals against
    the required reduction (:func:`~lantian.emergency.reduction.check_list` at the level).
    The issue time and the kind of notice (issue, upgrade, downgrade) come from the record's
    latest such change; the start of the measures and the expected end from the record.
    Raises ``ValueError`` when the record is not in force, the level is not the record's, or
    the decision is for another city.
    """
    if record.state is not State.ISSUED or record.level is None:
        raise ValueError(
            "预警未发布或已解除，不能生成通知 (the warning is not in force: no notice)"
        )
    lvl = record.level if level is None else level
    if lvl is not record.level:
        raise ValueError(
            f"通知级别{lvl.zh}与预警记录{record.level.zh}不符 "
            f"(the notice's level {lvl.value} is not the record's {record.level.value})"
        )
    if decision.forecast.city != record.city:
        raise ValueError(
            f"研判城市 {decision.forecast.city} 与预警城市 {record.city} 不符 "
            f"(the decision is for {decision.forecast.city}, the warning for {record.city})"
        )
    if not issuer.strip():
        raise ValueError("缺少发布机构 (the issuer is missing)")
    action, issued_at = _last_notice_change(record)
    assert record.measures_start is not None  # issued records always have it

    rows: list[NoticeRow] = []
    sources: list[NoticeRow] = []
    for ln in reduction_list.lines:
        m = reduction_list.measure(ln, lvl)
        if m is None or not _has_measure(m):
            continue
        row = _row(reduction_list, ln, lvl, m)
        (sources if industry(ln.industry).non_industrial else rows).append(row)
    grouped = _grouped(rows)
    restricted = {ln.line_id for ln, _ in reduction_list.transport_restricted(lvl)}
    check = check_list(reduction_list, city_daily, (lvl,))
    totals = tuple(check.result(lvl, p) for p in POLLUTANTS)

    grade = decision.grade
    episode = grade.episode if grade is not None else None
    aqi_low = aqi_high = None
    primary: tuple[str, ...] = ()
    if episode is not None:
        bounds = [_bounds(w.value) for w in episode.windows]
        aqi_low = min(b[0] for b in bounds)
        aqi_high = max(b[1] for b in bounds)
        primary = tuple(dict.fromkeys(p for w in episode.polluted for p in w.primary))
    on = (episode.start if episode is not None else issued_at).astimezone(SHANGHAI).date()
    peak = episode.peak if episode is not None else 201
    aqi_level = level_of(max(peak, 201), aqi_standard(on=on).LEVELS)
    assert aqi_level is not None
    basis_zh, basis_en = BASIS_TEXT[decision.basis]
    observed = decision.observed
    return WarningNotice(
        issuer=issuer.strip(),
        document_number=document_number.strip(),
        city=record.city,
        level=lvl,
        response=lvl.response,
        action=action,
        basis_zh=basis_zh,
        basis_en=basis_en,
        rule_zh=decision.rule.zh,
        rule_en=decision.rule.en,
        observed_zh=_observed(observed.zh, "预报：", "，", "最长0小时") if observed else "",
        observed_en=_observed(observed.en, "forecast: ", ", ", " 0 h at most") if observed else "",
        trigger=decision.trigger,
        forecast_issued=decision.forecast.issued,
        episode_start=decision.start,
        episode_end=decision.end,
        aqi_low=aqi_low,
        aqi_high=aqi_high,
        primary=primary,
        issued_at=issued_at,
        measures_start=record.measures_start,
        expected_end=record.expected_end,
        rows=grouped,
        sources=tuple(sources),
        totals=totals,
        transport=tuple(r for r in grouped if r.line_id in restricted),
        health_zh=aqi_level.advice_zh,
        health_en=aqi_level.advice_en,
        contact=contact.strip(),
    )
