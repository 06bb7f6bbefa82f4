"""The warning notice (重污染天气预警通知) as a Word document.

:class:`WarningNotice` holds plain values: issuer, document number, level and response grade,
the forecast behind the decision (rule, triggering days, AQI range, primary pollutant), the start
of the measures and the expected end (or "解除时间另行通知"), the lines of the reduction list with
their measure and reduction at the level, the totals against the required reductions, the
transport-restricted enterprises, the health advice and a contact. :func:`notice_from` assembles
it from the core values (a :class:`~lantian.emergency.decision.Decision`, an issued
:class:`~lantian.emergency.lifecycle.WarningRecord`, a
:class:`~lantian.emergency.lines.ReductionList`); :func:`write_notice` writes the ``.docx`` in
official style (GB/T 9704 page and fonts, Chinese; English with ``lang="en"``).

Which lines the notice lists: every line whose measure at the level is not "none" (a default or
its own, 自主减排 included); non-industrial sources (trucks, dust) are listed apart. Their
reductions add up to the list check's achieved totals (:func:`lantian.emergency.reduction.
check_list`). The wording of the dust, transport and work paragraphs is lantian's default text
built from the plans' sentences, not a city's plan: the office edits the document before it is
published. Format and rules: ``docs/emergency_notice.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from lantian.emergency.decision import BASIS_TEXT, Decision
from lantian.emergency.forecast import POLLUTANT_LABEL, SHANGHAI
from lantian.emergency.grades import Category
from lantian.emergency.industries import industry
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lifecycle import Kind as Action
from lantian.emergency.lifecycle import State, WarningRecord
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.measures import Kind, Measure, Transport
from lantian.emergency.reduction import check_list
from lantian.standards.aqi_result import level_of
from lantian.standards.versions import aqi_standard

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

#: Pollutant names in the notice (the list's four pollutants).
POLLUTANT_TEXT: dict[str, tuple[str, str]] = {
    "so2": ("二氧化硫", "SO2"),
    "nox": ("氮氧化物", "NOx"),
    "pm": ("颗粒物", "PM"),
    "vocs": ("挥发性有机物", "VOCs"),
}

#: Default addressees (主送机关).
RECIPIENTS_ZH = "各县（市、区）人民政府，市重污染天气应急指挥部各成员单位，各有关企业："
RECIPIENTS_EN = (
    "To the county and district governments, the member units of the city's heavy-pollution "
    "emergency command and the enterprises concerned:"
)

#: The notices the life cycle gives: issue, upgrade, downgrade (not assess, not lift).
NOTICE_ACTIONS = (Action.ISSUE, Action.UPGRADE, Action.DOWNGRADE)


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class NoticeRow:
    """One line of the list in the notice: its measure and reduction [t/d] at the level."""

    enterprise_id: str
    enterprise: str
    line_id: str
    line: str
    industry_zh: str
    industry_en: str
    grade: str  # performance grade (A, B, 引领性 …) or the list category (保障类 …); "" when none
    measure_zh: str
    measure_en: str
    transport_zh: str  # "" when the measure has no transport part
    transport_en: str
    reductions: Mapping[str, float]  # pollutant → t/d
    synthetic: bool = False


@dataclass(frozen=True)
class PollutantTotal:
    """The list's reduction of one pollutant at the level against the required one [t/d]."""

    pollutant: str
    city: float
    ratio: float
    required: float
    achieved: float
    passes: bool

    @property
    def shortfall(self) -> float:
        return 0.0 if self.passes else self.required - self.achieved

    @property
    def achieved_ratio(self) -> float:
        return self.achieved / self.city if self.city > 0 else 0.0


@dataclass(frozen=True)
class WarningNotice:
    """Everything the notice says, as plain values (times aware, Beijing time when shown).

    ``action``: issue, upgrade or downgrade. ``trigger``: the labels of the forecast windows that
    triggered the rule (days ``2019-01-11`` or end hours ``2019-01-11T08:00``). ``aqi_low`` /
    ``aqi_high``: the forecast AQI range over the episode (None without an episode, e.g. a
    regional directive). ``expected_end`` None: "解除时间另行通知". ``rows``: industrial lines
    with a measure; ``sources``: non-industrial sources with a measure; ``transport``: the rows
    with a transport restriction.
    """

    issuer: str
    document_number: str
    city: str
    level: Level
    response: str
    action: Action
    basis_zh: str
    basis_en: str
    rule_zh: str
    rule_en: str
    observed_zh: str
    observed_en: str
    trigger: tuple[str, ...]
    forecast_issued: datetime
    episode_start: datetime | None
    episode_end: datetime | None
    aqi_low: int | None
    aqi_high: int | None
    primary: tuple[str, ...]
    issued_at: datetime
    measures_start: datetime
    expected_end: datetime | None
    rows: tuple[NoticeRow, ...]
    sources: tuple[NoticeRow, ...]
    totals: tuple[PollutantTotal, ...]
    transport: tuple[NoticeRow, ...]
    health_zh: str
    health_en: str
    contact: str = ""
    recipients_zh: str = RECIPIENTS_ZH
    recipients_en: str = RECIPIENTS_EN

    @property
    def enterprises(self) -> tuple[str, ...]:
        """Enterprise ids of :attr:`rows`, in order of first appearance."""
        return tuple(dict.fromkeys(r.enterprise_id for r in self.rows))

    @property
    def transport_enterprises(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.enterprise_id for r in self.transport))

    @property
    def synthetic(self) -> bool:
        return any(r.synthetic for r in (*self.rows, *self.sources))

    def total(self, pollutant: str) -> PollutantTotal:
        for t in self.totals:
            if t.pollutant == pollutant:
                return t
        raise KeyError(pollutant)


# --------------------------------------------------------------------------- assembling


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
    totals = tuple(
        PollutantTotal(
            pollutant=p,
            city=(r := check.result(lvl, p)).city,
            ratio=r.ratio,
            required=r.required,
            achieved=r.achieved,
            passes=r.passes,
        )
        for p in POLLUTANTS
    )

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


# --------------------------------------------------------------------------- wording

Block = tuple[str, str]  # (kind, text): "to" (addressees), "h1" (黑体 heading), "p" (body)


def _bj(t: datetime) -> datetime:
    return t.astimezone(SHANGHAI)


def when_zh(t: datetime) -> str:
    """``2019年1月11日0时`` (``…8时30分`` with minutes), Beijing time."""
    t = _bj(t)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时" + (f"{t.minute}分" if t.minute else "")


def day_zh(t: datetime) -> str:
    t = _bj(t)
    return f"{t.year}年{t.month}月{t.day}日"


def when_en(t: datetime) -> str:
    """``00:00 on 11 January 2019``, Beijing time."""
    t = _bj(t)
    return f"{t:%H:%M} on {day_en(t)}"


def day_en(t: datetime) -> str:
    t = _bj(t)
    return f"{t.day} {t:%B %Y}"


def _period_zh(start: datetime, end: datetime) -> str:
    """An episode's period: whole days as ``1月11日至1月14日``, else hours."""
    s, e = _bj(start), _bj(end)
    if s.hour == s.minute == e.hour == e.minute == 0:
        last = e - timedelta(days=1)
        return f"{s.year}年{s.month}月{s.day}日至{last.month}月{last.day}日"
    return f"{when_zh(s)}至{e.month}月{e.day}日{e.hour}时"


def _period_en(start: datetime, end: datetime) -> str:
    s, e = _bj(start), _bj(end)
    if s.hour == s.minute == e.hour == e.minute == 0:
        return f"{day_en(s)} to {day_en(e - timedelta(days=1))}"
    return f"{when_en(s)} to {when_en(e)}"


def _trigger_labels(labels: tuple[str, ...], lang: Lang) -> str:
    """Days as ``1月11日、1月12日``; hourly windows as their first and last end hour."""
    if not labels:
        return ""
    if all(len(x) == 10 for x in labels):
        days = [datetime.fromisoformat(x) for x in labels]
        if lang == "zh":
            return "、".join(f"{d.month}月{d.day}日" for d in days)
        return ", ".join(f"{d.day} {d:%B}" for d in days)
    first, last = datetime.fromisoformat(labels[0]), datetime.fromisoformat(labels[-1])
    if lang == "zh":
        return (
            f"以{first.month}月{first.day}日{first.hour}时至{last.month}月{last.day}日"
            f"{last.hour}时为结束时刻的{len(labels)}个滑动24小时窗口"
        )
    return (
        f"the {len(labels)} running 24-h windows ending {first:%d %B %H:%M} to {last:%d %B %H:%M}"
    )


def _primary(n: WarningNotice) -> str:
    return "、".join(POLLUTANT_LABEL.get(p, p) for p in n.primary)


def _tonnes(v: float) -> str:
    return f"{v:.3f}"


_TITLE_ZH = {
    Action.ISSUE: "关于发布重污染天气{level}启动{response}应急响应的通知",
    Action.UPGRADE: "关于重污染天气预警升级为{level}启动{response}应急响应的通知",
    Action.DOWNGRADE: "关于重污染天气预警降级为{level}调整为{response}应急响应的通知",
}
_TITLE_EN = {
    Action.ISSUE: "Notice of a heavy-pollution {level} and a {response} emergency response",
    Action.UPGRADE: "Notice of the upgrade to a heavy-pollution {level} and a {response} "
    "emergency response",
    Action.DOWNGRADE: "Notice of the downgrade to a heavy-pollution {level} and a {response} "
    "emergency response",
}
_DECIDE_ZH = {
    Action.ISSUE: "发布重污染天气{level}",
    Action.UPGRADE: "将重污染天气预警升级为{level}",
    Action.DOWNGRADE: "将重污染天气预警降级为{level}",
}
_DECIDE_EN = {
    Action.ISSUE: "issue a heavy-pollution {level}",
    Action.UPGRADE: "upgrade the heavy-pollution warning to {level}",
    Action.DOWNGRADE: "downgrade the heavy-pollution warning to {level}",
}

#: Dust control by level: lantian's default wording from the plans' dust sentences (施工扬尘
#: "六个百分之百", 渣土车密闭运输, 道路机械化清扫); the city's plan text replaces it.
_DUST: dict[bool, tuple[str, str]] = {
    False: (
        "各类施工工地严格落实“六个百分之百”扬尘防治要求，增加洒水降尘频次；城市道路增加机械化清扫和"
        "洒水保洁频次（冰冻期除外）；渣土、砂石等散装物料运输车辆严格密闭运输。",
        "Construction sites apply the six dust-control rules in full (cover, wash, pave, wet "
        "work, sealed transport, enclosure) and spray water more often; city roads are swept "
        "and washed more often (except in freezing weather); trucks carrying spoil, sand and "
        "other bulk material travel sealed.",
    ),
    True: (
        "各类施工工地停止土石方作业、建筑拆除、室外喷涂粉刷等产生扬尘的施工环节，严格落实“六个百分之百”"
        "扬尘防治要求；渣土、砂石等散装物料运输车辆停止上路行驶（保障民生和应急抢险的除外）；"
        "城市道路增加机械化清扫和洒水保洁频次（冰冻期除外）。",
        "Construction sites stop earthworks, demolition, outdoor spraying and other dusty work "
        "and apply the six dust-control rules in full; trucks carrying spoil, sand and other "
        "bulk material stay off the roads (except for livelihood and emergency work); city roads "
        "are swept and washed more often (except in freezing weather).",
    ),
}


def _orange_up(level: Level) -> bool:
    return level >= Level.ORANGE


def blocks(n: WarningNotice, lang: Lang = "zh") -> list[Block]:
    """The notice's text from the addressees to the contact, as headings and paragraphs."""
    return _blocks_zh(n) if lang == "zh" else _blocks_en(n)


def title(n: WarningNotice, lang: Lang = "zh") -> str:
    if lang == "zh":
        return _TITLE_ZH[n.action].format(level=n.level.zh, response=n.response)
    return _TITLE_EN[n.action].format(level=n.level.en, response=response_en(n.response))


def response_en(response: str) -> str:
    """``II级`` → ``Level II``."""
    return f"Level {response.removesuffix('级')}"


def annex_titles(n: WarningNotice, lang: Lang = "zh") -> tuple[str, str, str]:
    if lang == "zh":
        return (
            f"应急减排企业名单及{n.level.zh}减排措施",
            f"{n.level.zh}应急减排量核算表",
            "运输管控企业名单",
        )
    return (
        f"Enterprises and their measures at the {n.level.en}",
        f"Reductions at the {n.level.en}: achieved against required",
        "Enterprises under transport restrictions",
    )


def _reason_zh(n: WarningNotice) -> str:
    parts = [f"根据{when_zh(n.forecast_issued)}空气质量预报"]
    if n.episode_start is not None and n.episode_end is not None and n.aqi_low is not None:
        parts.append(
            f"，预计{_period_zh(n.episode_start, n.episode_end)}我市将出现一次重污染天气过程，"
            f"AQI日均值{n.aqi_low}～{n.aqi_high}"
        )
        if n.primary:
            parts.append(f"，首要污染物为{_primary(n)}")
        if n.observed_zh:
            parts.append(f"，{n.observed_zh}")
    parts.append(f"。依据{n.basis_zh}（{n.rule_zh}")
    if n.trigger:
        parts.append(f"；触发时段：{_trigger_labels(n.trigger, 'zh')}")
    decide = _DECIDE_ZH[n.action].format(level=n.level.zh)
    parts.append(
        f"），经研究，决定于{when_zh(n.issued_at)}{decide}，自{when_zh(n.measures_start)}起"
        f"启动{n.response}应急响应"
    )
    if n.expected_end is None:
        parts.append("，解除时间另行通知。")
    else:
        parts.append(f"，预计持续至{when_zh(n.expected_end)}，解除时间以解除通知为准。")
    parts.append("现将有关事项通知如下：")
    return "".join(parts)


def _reason_en(n: WarningNotice) -> str:
    parts = [f"The air-quality forecast issued at {when_en(n.forecast_issued)}"]
    if n.episode_start is not None and n.episode_end is not None and n.aqi_low is not None:
        parts.append(
            f" expects a heavy-pollution episode in {n.city} from "
            f"{_period_en(n.episode_start, n.episode_end)}, with daily AQI "
            f"{n.aqi_low}–{n.aqi_high}"
        )
        if n.primary:
            parts.append(
                f" and {', '.join(POLLUTANT_LABEL.get(p, p) for p in n.primary)} as "
                "the primary pollutant"
            )
        if n.observed_en:
            parts.append(f" ({n.observed_en})")
    parts.append(f". Under the {n.basis_en} ({n.rule_en}")
    if n.trigger:
        parts.append(f"; triggered by {_trigger_labels(n.trigger, 'en')}")
    decide = _DECIDE_EN[n.action].format(level=n.level.en)
    parts.append(
        f"), it has been decided to {decide} at {when_en(n.issued_at)} and to start a "
        f"{response_en(n.response)} emergency response from {when_en(n.measures_start)}"
    )
    if n.expected_end is None:
        parts.append("; the lifting will be announced separately.")
    else:
        parts.append(
            f", expected to last until {when_en(n.expected_end)}; the lifting notice decides "
            "the end."
        )
    parts.append(" The measures are as follows.")
    return "".join(parts)


def _totals_zh(n: WarningNotice) -> str:
    cut = "、".join(f"{POLLUTANT_TEXT[t.pollutant][0]}{_tonnes(t.achieved)}吨" for t in n.totals)
    ratio = f"{100 * n.totals[0].ratio:.0f}%" if n.totals else ""
    short = [t for t in n.totals if not t.passes]
    text = f"按上述措施，清单合计每日削减{cut}（见附件2）。"
    if not short:
        return text + f"各项污染物均达到全市排放量{ratio}的减排比例要求。"
    gaps = "、".join(
        f"{POLLUTANT_TEXT[t.pollutant][0]}缺口{_tonnes(t.shortfall)}吨/日" for t in short
    )
    return (
        text + f"未达到全市排放量{ratio}减排比例要求的：{gaps}，请各县（市、区）督促有关企业"
        "加严措施，确保减排比例落实到位。"
    )


def _totals_en(n: WarningNotice) -> str:
    cut = ", ".join(f"{POLLUTANT_TEXT[t.pollutant][1]} {_tonnes(t.achieved)} t" for t in n.totals)
    ratio = f"{100 * n.totals[0].ratio:.0f} %" if n.totals else ""
    short = [t for t in n.totals if not t.passes]
    text = f"With these measures the list removes, per day, {cut} (Annex 2)."
    if not short:
        return text + f" Every pollutant reaches the required {ratio} of the city's emission."
    gaps = ", ".join(
        f"{POLLUTANT_TEXT[t.pollutant][1]} short by {_tonnes(t.shortfall)} t/d" for t in short
    )
    return (
        text + f" Below the required {ratio} of the city's emission: {gaps}; the counties and "
        "districts are to have the enterprises concerned take stricter measures."
    )


def _blocks_zh(n: WarningNotice) -> list[Block]:
    lv = n.level.zh
    out: list[Block] = [("to", n.recipients_zh), ("p", _reason_zh(n))]
    out.append(("h1", "一、工业企业减排措施"))
    out.append(
        (
            "p",
            f"列入应急减排清单的{len(n.enterprises)}家企业{len(n.rows)}条生产线（见附件1）须于"
            f"{when_zh(n.measures_start)}前落实{lv}减排措施，措施落实到具体生产线、生产环节、"
            "生产设施，确保可操作、可监测、可核查。绩效评级为A级和引领性的企业自主采取减排措施；"
            "保障类企业和居民供暖锅炉纳入清单但不采取停限产措施。",
        )
    )
    if n.sources:
        out.append(
            (
                "p",
                f"非工业源管控措施{len(n.sources)}项按清单估算削减比例落实（见附件1第二部分）。",
            )
        )
    if n.totals:
        out.append(("p", _totals_zh(n)))
    out.append(("h1", "二、运输管控措施"))
    k = len(n.transport_enterprises)
    if _orange_up(n.level):
        text = (
            "橙色及以上预警期间，重点用车企业不允许国四及以下重型载货车辆（含燃气）进出厂区"
            "（保证安全生产运行的除外）；对承担煤炭、矿石等大宗物料运输的柴油车辆实施应急运输响应。"
        )
        text += f"附件3所列{k}家企业按清单落实运输管控措施。" if k else ""
    else:
        text = (
            f"附件3所列{k}家企业按清单落实运输管控措施。" if k else "本级别清单中无运输管控措施。"
        )
    out.append(("p", text + "各重点用车单位通过门禁视频系统如实记录进出厂区车辆。"))
    out.append(("h1", "三、扬尘管控措施"))
    out.append(("p", _DUST[_orange_up(n.level)][0]))
    out.append(("h1", "四、健康防护提示"))
    out.append(
        (
            "p",
            f"{n.health_zh}。请公众关注空气质量预报和预警信息，做好健康防护，倡导绿色出行。",
        )
    )
    out.append(("h1", "五、工作要求"))
    out.append(
        (
            "p",
            "各县（市、区）人民政府、市直有关部门要按照职责分工，立即组织落实应急响应措施；"
            "加强督查检查，严查应急减排措施落实情况，预警期间每日报送措施落实情况。",
        )
    )
    return out


def _count_en(k: int, noun: str) -> str:
    return f"{k} {noun}" if k == 1 else f"{k} {noun}s"


def _blocks_en(n: WarningNotice) -> list[Block]:
    lv = n.level.en
    out: list[Block] = [("to", n.recipients_en), ("p", _reason_en(n))]
    out.append(("h1", "1. Industrial enterprises"))
    who = (
        f"The {_count_en(len(n.enterprises), 'enterprise')} "
        f"({_count_en(len(n.rows), 'production line')}) of the emergency reduction list"
    )
    out.append(
        (
            "p",
            f"{who} (Annex 1) take their {lv} measures by {when_en(n.measures_start)}, line by "
            "line, process by process and facility by facility, so that each can be operated, "
            "monitored and checked. Enterprises graded A or leading decide their own "
            "reductions; guaranteed enterprises and residential heating boilers stay on the "
            "list without stopping or limiting production.",
        )
    )
    if n.sources:
        out.append(
            (
                "p",
                f"Non-industrial sources ({len(n.sources)}) take the estimated shares of the "
                "list (Annex 1, part 2).",
            )
        )
    if n.totals:
        out.append(("p", _totals_en(n)))
    out.append(("h1", "2. Transport"))
    k = len(n.transport_enterprises)
    annex3 = f"The enterprises of Annex 3 ({k}) apply their transport measures."
    if _orange_up(n.level):
        text = (
            "At orange and above, no China IV-or-older heavy goods vehicle (gas-fuelled "
            "included) enters or leaves the premises of the enterprises with heavy transport "
            "(except for safe operation); diesel trucks carrying coal, ore and other bulk "
            "material follow the emergency transport response."
        )
        text += f" {annex3}" if k else ""
    else:
        text = annex3 if k else "No line of the list has a transport measure at this level."
    out.append(("p", text + " Enterprises with heavy transport record every vehicle at the gate."))
    out.append(("h1", "3. Dust"))
    out.append(("p", _DUST[_orange_up(n.level)][1]))
    out.append(("h1", "4. Health advice"))
    out.append(
        (
            "p",
            f"{n.health_en} Follow the air-quality forecasts and warnings, protect your health "
            "and travel green.",
        )
    )
    out.append(("h1", "5. Duties"))
    out.append(
        (
            "p",
            "The county and district governments and the city departments concerned put the "
            "response into effect at once within their duties, inspect the enterprises' "
            "measures and report on them every day while the warning is in force.",
        )
    )
    return out


# --------------------------------------------------------------------------- the .docx

#: Fonts (GB/T 9704): body 3号仿宋, headings 黑体, title 2号小标宋; tables 宋体.
FONT_BODY = "仿宋"
FONT_H1 = "黑体"
FONT_TITLE = "方正小标宋简体"
FONT_TABLE = "宋体"
FONT_LATIN = "Times New Roman"
RED = RGBColor(0xE6, 0x00, 0x12)
_SIZE_BODY = Pt(16)  # 三号
_SIZE_TITLE = Pt(22)  # 二号
_SIZE_TABLE = Pt(10.5)  # 五号


def _fonts(element: Any, east_asia: str, latin: str = FONT_LATIN) -> None:
    """Set the Latin and East Asian typefaces on the ``w:rPr`` of a run's or a style's element
    (``w:eastAsia`` is what Word uses for Chinese characters)."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _run(
    p: Paragraph,
    text: str,
    font: str = FONT_BODY,
    size: Pt = _SIZE_BODY,
    bold: bool = False,
    colour: RGBColor | None = None,
) -> None:
    r = p.add_run(text)
    _fonts(r._r, font)
    r.font.size = size
    r.font.bold = bold
    if colour is not None:
        r.font.color.rgb = colour


def _para(
    doc: DocxDocument,
    text: str = "",
    *,
    font: str = FONT_BODY,
    size: Pt = _SIZE_BODY,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    bold: bool = False,
    colour: RGBColor | None = None,
) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28) if size <= _SIZE_BODY else Pt(36)
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Pt(2 * 16)  # two characters of 三号
    if text:
        _run(p, text, font, size, bold, colour)
    return p


#: The children of ``w:pPr`` that come after ``w:pBdr`` (the schema's order; Word is strict).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _rule(p: Paragraph) -> None:
    """A red line under the paragraph (the 红头's separator)."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "12")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "E60012")
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _page(doc: DocxDocument, landscape: bool = False) -> None:
    section = doc.sections[-1]
    a4 = (Cm(21.0), Cm(29.7))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = a4[1], a4[0]
        section.top_margin = section.bottom_margin = Cm(2.6)
        section.left_margin, section.right_margin = Cm(3.7), Cm(3.5)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = a4
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)


def _page_number(doc: DocxDocument) -> None:
    """Footer ``— 1 —`` (a PAGE field), centred."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", FONT_BODY, Pt(14))
    r = p.add_run()
    _fonts(r._r, FONT_BODY)
    r.font.size = Pt(14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
    _run(p, " —", FONT_BODY, Pt(14))


def _cell(cell: _Cell, text: str, *, bold: bool = False, align: str = "left") -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    _run(p, text, FONT_TABLE, _SIZE_TABLE, bold)


def _table(
    doc: DocxDocument,
    head: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    numeric_from: int,
) -> Table:
    t: Table = doc.add_table(rows=1 + len(rows), cols=len(head))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = t.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the heading row on every page
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for c, h in zip(header.cells, head, strict=True):
        _cell(c, h, bold=True, align="center")
    for row, values in zip(t.rows[1:], rows, strict=True):
        for i, (c, v) in enumerate(zip(row.cells, values, strict=True)):
            _cell(c, v, align="right" if i >= numeric_from else "left")
    t.autofit = False
    for col, w in zip(t.columns, widths_cm, strict=True):
        col.width = Cm(w)  # w:gridCol
    for row in t.rows:
        for c, w in zip(row.cells, widths_cm, strict=True):
            c.width = Cm(w)  # w:tcW
    return t


def _merge_enterprises(t: Table, rows: tuple[NoticeRow, ...], columns: tuple[int, ...]) -> None:
    """Merge the cells of ``columns`` down each enterprise's consecutive rows (``w:vMerge``;
    the table's first row is the heading). The text is in the first row of each enterprise."""
    trs = t._tbl.tr_lst[1:]
    for i, r in enumerate(rows):
        first = i == 0 or rows[i - 1].enterprise_id != r.enterprise_id
        last = i == len(rows) - 1 or rows[i + 1].enterprise_id != r.enterprise_id
        if first and last:
            continue
        for col in columns:
            trs[i].tc_lst[col].vMerge = "restart" if first else "continue"


def _enterprise_cells(rows: tuple[NoticeRow, ...]) -> list[tuple[str, str]]:
    """(number, name) of each row's enterprise, blank below its first row (merged cells)."""
    numbers: dict[str, int] = {}
    out = []
    for r in rows:
        new = r.enterprise_id not in numbers
        n = numbers.setdefault(r.enterprise_id, len(numbers) + 1)
        out.append((str(n), r.enterprise) if new else ("", ""))
    return out


def _line_text(r: NoticeRow) -> str:
    return f"{r.line}（{r.line_id}）" if r.line else r.line_id


def _annex_heading(doc: DocxDocument, number: int, text: str, lang: Lang) -> None:
    label = f"附件{number}" if lang == "zh" else f"Annex {number}"
    _para(doc, label, font=FONT_H1)
    _para(doc, text, font=FONT_TITLE, size=Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER)


def _annex_measures(doc: DocxDocument, n: WarningNotice, lang: Lang) -> None:
    zh = lang == "zh"
    names = [POLLUTANT_TEXT[p][1] for p in POLLUTANTS]
    if zh:
        head = ["序号", "企业名称", "生产线（编号）", "行业", "绩效等级/类别", "减排措施"]
        head += [f"{x}削减量（吨/日）" for x in ("SO2", "NOx", "颗粒物", "VOCs")]
    else:
        head = ["No.", "Enterprise", "Line (id)", "Industry", "Grade / category", "Measure"]
        head += [f"{x} cut (t/d)" for x in names]
    who = _enterprise_cells(n.rows)
    body = [
        [
            *who[i],
            _line_text(r),
            r.industry_zh if zh else r.industry_en,
            r.grade or "—",
            r.measure_zh if zh else r.measure_en,
            *(_tonnes(r.reductions.get(p, 0.0)) for p in POLLUTANTS),
        ]
        for i, r in enumerate(n.rows)
    ]
    if not body:
        body = [["—", "无" if zh else "none", "", "", "", "", "", "", "", ""]]
    widths = [1.0, 3.2, 3.6, 2.2, 1.8, 4.3, 1.6, 1.6, 1.6, 1.6]
    if n.sources:
        _para(doc, "一、工业企业" if zh else "Part 1. Industrial enterprises", font=FONT_H1)
    t = _table(doc, head, body, widths, numeric_from=6)
    if n.rows:
        _merge_enterprises(t, n.rows, (0, 1))
    if n.sources:
        sub = "二、非工业源（估算削减）" if zh else "Part 2. Non-industrial sources"
        _para(doc, "")
        _para(doc, sub, font=FONT_H1)
        head2 = ["序号", "管控对象", "措施"] if zh else ["No.", "Source", "Measure"]
        head2 += head[6:]
        body2 = [
            [
                str(i + 1),
                _line_text(r),
                r.measure_zh if zh else r.measure_en,
                *(_tonnes(r.reductions.get(p, 0.0)) for p in POLLUTANTS),
            ]
            for i, r in enumerate(n.sources)
        ]
        _table(doc, head2, body2, [1.0, 6.0, 5.1, 2.6, 2.6, 2.6, 2.6], numeric_from=3)
    note = (
        "注：削减量 = 生产线日基准排放量 × 措施削减比例；自主减排不计削减量。"
        if zh
        else "Note: cut = the line's daily baseline emission × the measure's reduction share; "
        "own measures count no cut."
    )
    if n.synthetic:
        note += (
            "本清单含合成数据（合成企业），仅供演示。"
            if zh
            else " The list holds synthetic data (invented enterprises), for demonstration only."
        )
    _para(doc, note, font=FONT_BODY, size=Pt(12))


def _annex_totals(doc: DocxDocument, n: WarningNotice, lang: Lang) -> None:
    zh = lang == "zh"
    head = (
        [
            "污染物",
            "全市日排放量（吨/日）",
            "要求减排比例",
            "要求削减量（吨/日）",
            "清单削减量（吨/日）",
            "清单削减比例",
            "结果",
        ]
        if zh
        else [
            "Pollutant",
            "City emission (t/d)",
            "Required share",
            "Required cut (t/d)",
            "List cut (t/d)",
            "List share",
            "Result",
        ]
    )
    body = []
    for t in n.totals:
        if t.passes:
            verdict = "达标" if zh else "passes"
        else:
            gap = _tonnes(t.shortfall)
            verdict = f"缺口 {gap} 吨/日" if zh else f"short by {gap} t/d"
        name_zh, name_en = POLLUTANT_TEXT[t.pollutant]
        body.append(
            [
                f"{name_zh}（{name_en}）" if zh else name_en,
                _tonnes(t.city),
                f"{100 * t.ratio:.0f}%",
                _tonnes(t.required),
                _tonnes(t.achieved),
                f"{100 * t.achieved_ratio:.1f}%",
                verdict,
            ]
        )
    _table(doc, head, body, [3.6, 3.2, 2.4, 3.2, 3.2, 2.4, 4.5], numeric_from=1)
    note = (
        "注：要求削减量 = 全市日排放量 × 要求减排比例；清单削减量为附件1各项削减量之和。"
        if zh
        else "Note: required cut = the city's daily emission × the required share; the list's "
        "cut is the sum of Annex 1."
    )
    _para(doc, note, font=FONT_BODY, size=Pt(12))


def _annex_transport(doc: DocxDocument, n: WarningNotice, lang: Lang) -> None:
    zh = lang == "zh"
    head = (
        ["序号", "企业名称", "生产线（编号）", "运输管控措施"]
        if zh
        else ["No.", "Enterprise", "Line (id)", "Transport measure"]
    )
    who = _enterprise_cells(n.transport)
    body = [
        [*who[i], _line_text(r), r.transport_zh if zh else r.transport_en]
        for i, r in enumerate(n.transport)
    ]
    if not body:
        body = [["—", "无" if zh else "none", "", ""]]
    t = _table(doc, head, body, [1.0, 6.0, 7.0, 8.5], numeric_from=len(head))
    if n.transport:
        _merge_enterprises(t, n.transport, (0, 1))


def write_notice(
    notice: WarningNotice, path_or_stream: str | Path | IO[bytes], lang: str = "zh"
) -> None:
    """Write ``notice`` as a .docx: 红头 with the issuer, the document number, the title, the
    body, the attachment list, the signature and date, then the annexes (landscape A4): the
    measures per enterprise, the reductions against the required ones, the transport list."""
    if lang not in LANGS:
        raise ValueError(f"未知语言 {lang!r} (unknown language {lang!r}; expected zh or en)")
    lg: Lang = "zh" if lang == "zh" else "en"
    zh = lg == "zh"
    doc = Document()
    normal = doc.styles["Normal"]
    _fonts(normal.element, FONT_BODY)
    assert isinstance(normal, ParagraphStyle)
    normal.font.size = _SIZE_BODY
    _page(doc)
    _page_number(doc)
    props = doc.core_properties
    props.title = title(notice, lg)
    props.author = notice.issuer
    props.created = notice.issued_at.astimezone(UTC)  # written with a Z
    props.modified = props.created
    props.language = "zh-CN" if zh else "en"

    _para(
        doc,
        notice.issuer,
        font=FONT_TITLE,
        size=Pt(26),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        colour=RED,
    )
    number = notice.document_number or ("（待编号）" if zh else "(number to be assigned)")
    p = _para(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.space_before = Pt(12)
    _run(p, number if zh else f"No. {number}")
    _rule(p)
    _para(doc, "")
    _para(
        doc, title(notice, lg), font=FONT_TITLE, size=_SIZE_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    _para(doc, "")
    for kind, text in blocks(notice, lg):
        if kind == "to":
            _para(doc, text)
        elif kind == "h1":
            _para(doc, text, font=FONT_H1, indent=True)
        else:
            _para(doc, text, indent=True)
    _para(doc, "")
    annexes = annex_titles(notice, lg)
    for i, text in enumerate(annexes, start=1):
        if zh:  # 附件：1. …, the following numbers under the first
            label = "附件：" if i == 1 else "　　　"
            _para(doc, f"{label}{i}. {text}", indent=True)
        else:
            if i == 1:
                _para(doc, "Annexes:", indent=True)
            _para(doc, f"{i}. {text}", indent=True)
    _para(doc, "")
    _para(doc, "")
    _para(doc, notice.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    date = day_zh(notice.issued_at) if zh else day_en(notice.issued_at)
    _para(doc, date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if notice.contact:
        contact = f"（联系人及电话：{notice.contact}）" if zh else f"(Contact: {notice.contact})"
        _para(doc, contact, indent=True)

    for i, (text, write) in enumerate(
        zip(annexes, (_annex_measures, _annex_totals, _annex_transport), strict=True), start=1
    ):
        doc.add_section(WD_SECTION.NEW_PAGE)
        _page(doc, landscape=True)
        _annex_heading(doc, i, text, lg)
        _para(doc, "", size=Pt(10))
        write(doc, notice, lg)
    doc.save(path_or_stream if not isinstance(path_or_stream, Path) else str(path_or_stream))
