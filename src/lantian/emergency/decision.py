"""The warning decision for a forecast: level, the rule that fired, the forecast days or hours
behind it, the episode, and what a regional directive changed (spec warnings.md §2–§4, §6).

:func:`decide` grades the forecast under the national scheme; a local rule in force for the
city (a stricter one, :mod:`lantian.emergency.schemes`) can only raise the level; a regional
directive (预警提示信息) of a higher level overrides unless the office records a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from lantian.emergency.episodes import Window, longest, windows
from lantian.emergency.forecast import SHANGHAI, Forecast, ForecastId, RangeReading
from lantian.emergency.grading import Grade, grade_all, top
from lantian.emergency.levels import Level, colour_zh
from lantian.emergency.schemes import (
    DEFAULT_SCHEME,
    ORANGE_NEEDS_300,
    GradingOptions,
    LocalRule,
    Note,
    Scheme,
    checked_local_rules,
    get_scheme,
)


class Basis(StrEnum):
    """What decided the level."""

    NATIONAL = "national"
    LOCAL = "local"
    REGIONAL = "regional"


BASIS_TEXT: dict[Basis, tuple[str, str]] = {
    Basis.NATIONAL: ("国家分级", "national grading"),
    Basis.LOCAL: ("本地从严规则", "local stricter rule"),
    Basis.REGIONAL: ("区域预警提示", "regional directive"),
}


@dataclass(frozen=True)
class Directive:
    """A warning notice from a higher authority (生态环境部 or a regional forecasting centre,
    §6): the city must warn at least at ``level`` over ``start``–``end``."""

    issuer: str
    level: Level
    start: datetime
    end: datetime
    reference: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("区域预警时段缺少时区 (directive period is not time-zone aware)")
        if self.end <= self.start:
            raise ValueError("区域预警时段结束早于开始 (directive period ends before it starts)")
        if not self.issuer.strip():
            raise ValueError("区域预警缺少发布机构 (directive without an issuer)")

    @property
    def title(self) -> str:
        return f"{self.issuer} {self.reference}".strip()


@dataclass(frozen=True)
class Decision:
    """The decision for one forecast.

    ``level`` ``None`` = no warning. ``rule`` is the rule that fired (or why none did),
    ``observed`` what the forecast gives, ``trigger`` the labels of the windows behind it (days
    ``2019-01-11`` or end hours ``2019-01-11T08:00``), ``start``/``end`` the deciding
    (merged) episode — or the directive's period when it decided. ``grades`` lists every
    episode under the rules in force; ``national_level`` is the national scheme's answer alone.
    """

    forecast: ForecastId
    scheme: str
    options: GradingOptions
    level: Level | None
    basis: Basis
    rule: Note
    observed: Note | None
    trigger: tuple[str, ...]
    start: datetime | None
    end: datetime | None
    grade: Grade | None
    grades: tuple[Grade, ...]
    national_level: Level | None
    lead_time_hours: int
    local_rule: str | None = None
    directive: Directive | None = None
    waiver: str | None = None
    notes: tuple[Note, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly view (times ISO 8601, texts in Chinese and English)."""
        g = self.grade
        return {
            "city": self.forecast.city,
            "issued": self.forecast.issued.isoformat(),
            "scheme": self.scheme,
            "level": _level(self.level),
            "level_zh": self.level.zh if self.level else "无预警",
            "basis": self.basis.value,
            "rule_zh": self.rule.zh,
            "rule_en": self.rule.en,
            "observed_zh": self.observed.zh if self.observed else None,
            "observed_en": self.observed.en if self.observed else None,
            "trigger": list(self.trigger),
            "start": _iso(self.start),
            "end": _iso(self.end),
            "d200_hours": g.episode.d200 if g else 0,
            "national_level": _level(self.national_level),
            "local_rule": self.local_rule,
            "directive": None
            if self.directive is None
            else {
                "issuer": self.directive.issuer,
                "level": self.directive.level.value,
                "start": self.directive.start.isoformat(),
                "end": self.directive.end.isoformat(),
                "reference": self.directive.reference,
            },
            "waiver": self.waiver,
            "lead_time_required_hours": self.lead_time_hours,
            "episodes": [
                {
                    "start": e.episode.start.isoformat(),
                    "end": e.episode.end.isoformat(),
                    "level": _level(e.level),
                    "rule_zh": e.rule.zh,
                    "rule_en": e.rule.en,
                    "d200_hours": e.episode.d200,
                    "peak_aqi": e.episode.peak,
                    "open_end": e.episode.open_end,
                }
                for e in self.grades
            ],
            "options": {
                "orange_needs_300": self.options.orange_needs_300,
                "lift_hours": self.options.lift_hours,
                "lift_inclusive": self.options.lift_inclusive,
                "blue": self.options.blue,
                "range_reading": self.options.range_reading.value,
            },
            "notes": [{"zh": n.zh, "en": n.en} for n in self.notes],
        }


def _level(level: Level | None) -> str | None:
    return None if level is None else level.value


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _rank(level: Level | None) -> int:
    return 0 if level is None else level.rank


_NONE_ZH = "无预警"


def _name_zh(level: Level | None) -> str:
    return _NONE_ZH if level is None else colour_zh(level)


def _name_en(level: Level | None) -> str:
    return "no warning" if level is None else level.value


def decide(
    forecast: Forecast,
    scheme: str | Scheme = DEFAULT_SCHEME,
    options: GradingOptions | None = None,
    *,
    local: LocalRule | None = None,
    directive: Directive | None = None,
    waiver: str | None = None,
) -> Decision:
    """Decide the warning level for ``forecast`` (spec §3) under ``scheme`` and ``options``.

    ``local``: a city's stricter rule, used when it is in force for the forecast's city on its
    issue day (a looser rule raises :class:`~lantian.emergency.schemes.LocalRuleError`).
    ``directive``: a regional notice; when its period meets the forecast's and its level is
    higher, it decides — unless ``waiver`` records the office's reason for not following it.
    """
    sch = get_scheme(scheme) if isinstance(scheme, str) else scheme
    opts = options or GradingOptions()
    if waiver is not None and not waiver.strip():
        raise ValueError("不执行区域预警须记录理由 (a waiver needs a recorded reason)")
    national = sch.rules_for(opts)
    ws = windows(forecast, opts.range_reading)
    nat_grades = grade_all(ws, national, opts.lift_hours, opts.lift_inclusive)
    nat_top = top(nat_grades)
    national_level = nat_top.level if nat_top else None
    notes: list[Note] = []
    grades, chosen, basis = nat_grades, nat_top, Basis.NATIONAL
    lead = sch.lead_time_hours
    lift = opts.lift_hours
    local_name: str | None = None

    if local is not None:
        if local.applies(forecast.city, forecast.issued.astimezone(SHANGHAI).date()):
            rules = checked_local_rules(local, national, opts)
            local_lift = max(opts.lift_hours, local.lift_hours or 0)
            loc_grades = grade_all(ws, rules, local_lift, opts.lift_inclusive)
            loc_top = top(loc_grades)
            local_name = local.name
            lead = max(lead, local.lead_time_hours or 0)
            if loc_top is not None and _rank(loc_top.level) > _rank(national_level):
                grades, chosen, basis, lift = loc_grades, loc_top, Basis.LOCAL, local_lift
            else:
                notes.append(
                    Note(
                        f"本地规则（{local.name}）已适用，未提高级别",
                        f"local rule ({local.name}) applied; it does not raise the level",
                    )
                )
            if local.base != sch.key:
                notes.append(
                    Note(
                        f"本地规则基于 {local.base} 方案，按 {sch.key} 方案核对从严",
                        f"the local rule builds on the {local.base} scheme; it was checked "
                        f"against the {sch.key} scheme",
                    )
                )
        else:
            notes.append(
                Note(
                    f"本地规则（{local.name}）不适用：城市或生效期不符",
                    f"local rule ({local.name}) not in force for this city or issue day",
                )
            )

    level = chosen.level if chosen else None
    if chosen is None:
        rule = Note("预报期内无 AQI>200 → 无预警", "no forecast window with AQI > 200 → no warning")
    elif basis is Basis.LOCAL:
        rule = Note(
            f"{chosen.rule.zh}（本地规则：{local_name}）",
            f"{chosen.rule.en} (local rule: {local_name})",
        )
    else:
        rule = chosen.rule
    start = chosen.episode.start if chosen else None
    end = chosen.episode.end if chosen else None

    notes.extend(_episode_notes(chosen, opts, lift, lead))
    if basis is Basis.NATIONAL:
        notes.extend(_switch_note(ws, sch, opts, national_level))
    notes.extend(_scheme_notes(sch, ws, level, chosen))

    applied: Directive | None = None
    if directive is not None:
        applied = directive
        if directive.end <= ws[0].start or directive.start >= ws[-1].end:
            notes.append(
                Note(
                    f"区域预警提示（{directive.title}）时段不在本预报期内",
                    f"regional directive ({directive.title}) falls outside this forecast",
                )
            )
        elif directive.level.rank > _rank(level):
            if waiver is not None:
                notes.append(
                    Note(
                        f"区域预警提示（{directive.title}）要求{colour_zh(directive.level)}预警，"
                        f"办公室记录理由维持{_name_zh(level)}：{waiver.strip()}",
                        f"regional directive ({directive.title}) asks for "
                        f"{directive.level.value}; the office keeps {_name_en(level)}, "
                        f"reason recorded: {waiver.strip()}",
                    )
                )
            else:
                rule = Note(
                    f"区域预警提示（{directive.title}）要求{colour_zh(directive.level)}预警 → "
                    f"{colour_zh(directive.level)}（本地研判：{_name_zh(level)}）",
                    f"regional directive ({directive.title}) asks for {directive.level.value} → "
                    f"{directive.level.value} (local assessment: {_name_en(level)})",
                )
                level, basis = directive.level, Basis.REGIONAL
                start, end = directive.start, directive.end
        else:
            notes.append(
                Note(
                    f"区域预警提示（{directive.title}）为{colour_zh(directive.level)}，"
                    f"不高于本地研判{_name_zh(level)}",
                    f"regional directive ({directive.title}) is {directive.level.value}, "
                    f"not above the local {_name_en(level)}",
                )
            )

    return Decision(
        forecast=forecast.id,
        scheme=sch.key,
        options=opts,
        level=level,
        basis=basis,
        rule=rule,
        observed=chosen.observed if chosen else None,
        trigger=tuple(w.label for w in chosen.trigger) if chosen else (),
        start=start,
        end=end,
        grade=chosen,
        grades=grades,
        national_level=national_level,
        lead_time_hours=lead,
        local_rule=local_name,
        directive=applied,
        waiver=waiver.strip() if waiver else None,
        notes=tuple(notes),
    )


def _episode_notes(chosen: Grade | None, opts: GradingOptions, lift: int, lead: int) -> list[Note]:
    notes: list[Note] = []
    if chosen is None:
        return notes
    ep = chosen.episode
    if len(ep.runs) > 1:
        notes.append(
            Note(
                f"{len(ep.runs)} 段 AQI>200 间隔不足解除条件（{lift}小时），合并为一个过程",
                f"{len(ep.runs)} runs of AQI>200 closer than the lifting condition "
                f"({lift} h) merged into one episode",
            )
        )
    if ep.open_start:
        notes.append(
            Note(
                "过程从预报首个时段开始，可能已在进行",
                "the episode starts with the forecast's first window; it may be under way",
            )
        )
    if not ep.lifted(lift, opts.lift_inclusive):
        notes.append(
            Note(
                f"预报期内未见解除条件（AQI≤200 持续{lift}小时），过程可能延续",
                f"the forecast does not show the lifting condition (AQI≤200 for "
                f"{lift} h); the episode may last longer",
            )
        )
    if any(w.value != str(w.aqi) for w in chosen.trigger):
        end = {
            RangeReading.UPPER: ("上限", "upper"),
            RangeReading.LOWER: ("下限", "lower"),
            RangeReading.MID: ("中值", "middle"),
        }[opts.range_reading]
        notes.append(
            Note(
                f"预报为范围值，按{end[0]}分级",
                f"forecast ranges graded on their {end[1]} end",
            )
        )
    if chosen.level is not None:
        notes.append(
            Note(
                f"应至少提前{lead}小时发布",
                f"to be issued at least {lead} h ahead",
            )
        )
    return notes


def _switch_note(
    ws: tuple[Window, ...], sch: Scheme, opts: GradingOptions, level: Level | None
) -> list[Note]:
    """Say so when the UNCONFIRMED orange ">300" switch changes the answer."""
    if ORANGE_NEEDS_300 not in sch.switches:
        return []
    flipped = replace(opts, orange_needs_300=not opts.orange_needs_300)
    other = top(grade_all(ws, sch.rules_for(flipped), opts.lift_hours, opts.lift_inclusive))
    other_level = other.level if other else None
    if other_level == level:
        return []
    if opts.orange_needs_300:
        return [
            Note(
                f"若橙色不要求 AQI>300（忻州口径，UNCONFIRMED），则为{_name_zh(other_level)}",
                f"without orange's AQI>300 condition (Xinzhou reading, UNCONFIRMED) it would be "
                f"{_name_en(other_level)}",
            )
        ]
    return [
        Note(
            f"若橙色要求 AQI>300（2017方案口径），则为{_name_zh(other_level)}",
            f"with orange's AQI>300 condition (2017 reading) it would be {_name_en(other_level)}",
        )
    ]


def _scheme_notes(
    sch: Scheme, ws: tuple[Window, ...], level: Level | None, chosen: Grade | None
) -> list[Note]:
    """The 2024 revision's extras (§2): temporary control below yellow; O3 episodes."""
    if not sch.below_yellow:
        return []
    if level is None:
        if any(w.aqi > 150 for w in ws) or longest(ws, 101) >= 48:
            return [
                Note(
                    "未达黄色，但预报 AQI>150 或 AQI>100 持续48小时："
                    "可在上级指导下采取临时管控措施",
                    "below yellow, but AQI>150 or AQI>100 for 48 h is forecast: temporary "
                    "control measures may be taken on instruction (临时管控)",
                )
            ]
        return []
    if chosen is not None and chosen.trigger and all(w.primary == ("o3",) for w in chosen.trigger):
        return [
            Note(
                "臭氧主导的过程：以健康防护提示为主，不按颗粒物类应急减排",
                "O3-driven episode: health advice rather than PM-style emergency reduction",
            )
        ]
    return []
