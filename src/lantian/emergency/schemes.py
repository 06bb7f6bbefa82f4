"""Warning grading schemes as data (spec warnings.md §2, §3 step 5), the grading options, and
local stricter rules (更严格的预警启动条件) a city keeps in a TOML file.

A scheme lists, for each level, one or more alternatives; an alternative is a set of clauses
that must all hold; a clause is "AQI above a threshold for at least so many hours", durations
being spans of running 24-hour windows (§3 step 3). The national schemes:

- ``2017``: four levels, blue included (MEP briefing 2017-09-20);
- ``2018`` (default): three levels, blue dropped (环办大气函〔2018〕875号 as applied by cities);
  the orange "> 300 on one day" clause is switchable (``orange_needs_300``; UNCONFIRMED);
- ``2024``: 环大气〔2024〕6号 — its thresholds were not retrieved, so they are the 2018 values
  (UNCONFIRMED), plus the below-yellow temporary-control advice (临时管控).

A local rule may only be stricter than the national scheme it builds on; a looser one is
refused with the reason (:func:`check_stricter`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lantian.airquality.errors import IngestError
from lantian.emergency.episodes import EPISODE_MIN_AQI, HEAVY
from lantian.emergency.forecast import RangeReading
from lantian.emergency.levels import Level, colour_zh, parse_level

#: The switch on the orange "> 300" clause (§2: sources disagree; default on).
ORANGE_NEEDS_300 = "orange_needs_300"
#: National required lead time of a warning, hours (§4: 原则上提前1天(24小时)发布).
NATIONAL_LEAD_HOURS = 24


@dataclass(frozen=True)
class Clause:
    """AQI above ``threshold`` (or at least it, with ``inclusive``) for at least ``hours``.

    For ``AQI > 200`` the duration is the span of the (merged) episode, D200; for a higher
    threshold it is the longest span of consecutive windows above it within the episode (D300),
    spec §3 steps 3–4. ``switch`` names the option that can drop the clause.
    """

    threshold: int
    hours: int
    inclusive: bool = False
    switch: str | None = None

    @property
    def min_aqi(self) -> int:
        """The lowest (integer) AQI that satisfies the clause."""
        return self.threshold if self.inclusive else self.threshold + 1

    @property
    def op(self) -> str:
        return "≥" if self.inclusive else ">"

    def zh(self, first: bool = True) -> str:
        """``AQI>200 持续72小时`` (first clause) or ``AQI>300 达24小时``."""
        return f"AQI{self.op}{self.threshold} {'持续' if first else '达'}{self.hours}小时"

    def en(self) -> str:
        return f"AQI{self.op}{self.threshold} for {self.hours} h"

    def __str__(self) -> str:
        """The syntax of local rule files: ``AQI>200 72h``."""
        return f"AQI{'>=' if self.inclusive else '>'}{self.threshold} {self.hours}h"


#: Clauses that must all hold.
Alternative = tuple[Clause, ...]


@dataclass(frozen=True)
class LevelRule:
    """The condition of one level: any of the alternatives."""

    level: Level
    any_of: tuple[Alternative, ...]


def alternative_zh(alt: Alternative) -> str:
    return "且".join(c.zh(first=i == 0) for i, c in enumerate(alt))


def alternative_en(alt: Alternative) -> str:
    return " and ".join(c.en() for c in alt)


def rule_zh(level: Level, alt: Alternative) -> str:
    """``AQI>200 持续72小时且AQI>300 达24小时 → 橙色``."""
    return f"{alternative_zh(alt)} → {colour_zh(level)}"


def rule_en(level: Level, alt: Alternative) -> str:
    return f"{alternative_en(alt)} → {level.value}"


@dataclass(frozen=True)
class Note:
    """A remark in Chinese with its English."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"


@dataclass(frozen=True)
class Scheme:
    """A national grading scheme (one definition each, :data:`SCHEMES`)."""

    key: str
    name_zh: str
    name_en: str
    source: str
    rules: tuple[LevelRule, ...]
    blue_default: bool
    notes: tuple[Note, ...] = ()
    #: 2024: below yellow, temporary control on instruction when AQI > 150 (any window) or
    #: > 100 for ≥ 48 h (§2); the decision carries it as a note.
    below_yellow: bool = False
    #: Required lead time of a warning under the scheme.
    lead_time_hours: int = NATIONAL_LEAD_HOURS

    def rule(self, level: Level) -> LevelRule | None:
        return next((r for r in self.rules if r.level is level), None)

    @property
    def switches(self) -> frozenset[str]:
        return frozenset(c.switch for r in self.rules for a in r.any_of for c in a if c.switch)

    def rules_for(self, options: GradingOptions) -> tuple[LevelRule, ...]:
        """The level rules under ``options``, highest level first: blue only when enabled, the
        orange "> 300" clause dropped when ``orange_needs_300`` is off."""
        if not options.orange_needs_300 and ORANGE_NEEDS_300 not in self.switches:
            raise ValueError(
                f"{self.key} 方案的橙色条件明确要求 AQI>300，不能关闭 "
                f"(the {self.key} scheme states the orange AQI>300 condition; "
                f"orange_needs_300 can only be switched off for: "
                f"{', '.join(k for k, s in SCHEMES.items() if ORANGE_NEEDS_300 in s.switches)})"
            )
        blue = self.blue_default if options.blue is None else options.blue
        out: list[LevelRule] = []
        for r in self.rules:
            if r.level is Level.BLUE and not blue:
                continue
            alts = tuple(
                tuple(c for c in alt if options.orange_needs_300 or c.switch != ORANGE_NEEDS_300)
                for alt in r.any_of
            )
            out.append(LevelRule(r.level, alts))
        return tuple(sorted(out, key=lambda r: r.level.rank, reverse=True))


@dataclass(frozen=True)
class GradingOptions:
    """The choices the spec leaves open, each defaulting to the published practice.

    - ``orange_needs_300``: orange also needs AQI > 300 for 24 h (§2; UNCONFIRMED for 875号).
    - ``lift_hours`` / ``lift_inclusive``: the lifting condition, below the yellow condition for
      36 h "or more" (§4); inclusive: exactly 36 h lifts (UNCONFIRMED). Runs separated by less
      are one episode (§3 step 4).
    - ``blue``: the blue level; ``None`` = the scheme's default (on in 2017, off since 2018).
    - ``range_reading``: which end of a forecast range is graded (default the upper, cautious).
    """

    orange_needs_300: bool = True
    lift_hours: int = 36
    lift_inclusive: bool = True
    blue: bool | None = None
    range_reading: RangeReading = RangeReading.UPPER

    def __post_init__(self) -> None:
        if self.lift_hours <= 0:
            raise ValueError(
                f"解除条件时长应为正数：{self.lift_hours} (lift_hours must be positive)"
            )


def _c(threshold: int, hours: int, inclusive: bool = False, switch: str | None = None) -> Clause:
    return Clause(threshold, hours, inclusive, switch)


_RED = LevelRule(Level.RED, ((_c(200, 96), _c(300, 48)), (_c(500, 24, inclusive=True),)))
_YELLOW = LevelRule(Level.YELLOW, ((_c(200, 48),),))
_BLUE = LevelRule(Level.BLUE, ((_c(200, 24),),))
_ORANGE_2017 = LevelRule(Level.ORANGE, ((_c(200, 72), _c(300, 24)),))
_ORANGE_2018 = LevelRule(Level.ORANGE, ((_c(200, 72), _c(300, 24, switch=ORANGE_NEEDS_300)),))

_NOTE_ORANGE = Note(
    "橙色的 AQI>300 条件：2017方案及多数资料要求，忻州2020年预案未要求，"
    "875号原文未核实（UNCONFIRMED），默认要求",
    "orange's AQI>300 condition: required by the 2017 scheme and most sources, absent from the "
    "Xinzhou 2020 plan; the text of 875号 was not retrieved (UNCONFIRMED); required by default",
)
_NOTE_LIFT = Note(
    "解除条件“持续36小时以上”是否含恰好36小时未核实（UNCONFIRMED），默认包含",
    "whether exactly 36 h meets the lifting condition (持续36小时以上) is UNCONFIRMED; "
    "inclusive by default",
)
_NOTE_SPAN = Note(
    "跨度满48小时才算“2天”，47小时不算（按字面，UNCONFIRMED）",
    "a span counts as 2 days from 48 h; 47 h does not (rule as written, UNCONFIRMED)",
)

#: The national schemes by key.
SCHEMES: dict[str, Scheme] = {
    "2017": Scheme(
        key="2017",
        name_zh="2017年重污染天气预警分级（四级）",
        name_en="2017 heavy-pollution warning grading (four levels)",
        source="环境保护部2017年9月20日例行新闻发布会：重污染天气预警分级标准",
        rules=(_RED, _ORANGE_2017, _YELLOW, _BLUE),
        blue_default=True,
        notes=(_NOTE_LIFT, _NOTE_SPAN),
    ),
    "2018": Scheme(
        key="2018",
        name_zh="2018–2023年重污染天气预警分级（三级）",
        name_en="2018–2023 heavy-pollution warning grading (three levels)",
        source="环办大气函〔2018〕875号《关于推进重污染天气应急预案修订工作的指导意见》（据各地预案）",
        rules=(_RED, _ORANGE_2018, _YELLOW, _BLUE),
        blue_default=False,
        notes=(_NOTE_ORANGE, _NOTE_LIFT, _NOTE_SPAN),
    ),
    "2024": Scheme(
        key="2024",
        name_zh="2024年修订（环大气〔2024〕6号），阈值暂用2018年值",
        name_en="2024 revision (环大气〔2024〕6号), thresholds kept at the 2018 values",
        source="环大气〔2024〕6号（据扬州2026、聊城2024预案）",
        rules=(_RED, _ORANGE_2018, _YELLOW, _BLUE),
        blue_default=False,
        notes=(
            Note(
                "2024年修订的黄/橙/红数值阈值未取得原文（UNCONFIRMED），暂用2018年值",
                "the 2024 numeric thresholds for yellow/orange/red were not retrieved "
                "(UNCONFIRMED); the 2018 values are kept until the text is keyed in",
            ),
            _NOTE_ORANGE,
            _NOTE_LIFT,
            _NOTE_SPAN,
        ),
        below_yellow=True,
    ),
}
DEFAULT_SCHEME = "2018"


class UnknownSchemeError(ValueError):
    """A scheme key that is not in :data:`SCHEMES`."""


def get_scheme(key: str) -> Scheme:
    """The national scheme ``key`` (``2017``, ``2018``, ``2024``); a bad key lists the known."""
    if key in SCHEMES:
        return SCHEMES[key]
    raise UnknownSchemeError(
        f"未知的预警分级方案 {key!r}，可选：{', '.join(SCHEMES)} "
        f"(unknown grading scheme {key!r}; known: {', '.join(SCHEMES)})"
    )


# --------------------------------------------------------------------------- local rules


class LocalRuleError(IngestError):
    """A local rule file that cannot be used: ``file:key: reason`` (``file:line:`` for TOML
    syntax errors). Raised also when a rule is looser than the national scheme."""

    def __init__(
        self, path: str | Path, line: int | None, reason: str, key: str | None = None
    ) -> None:
        super().__init__(path, line, reason)
        self.key = key

    def __str__(self) -> str:
        if self.key is not None:
            return f"{self.path}:{self.key}: {self.reason}"
        return super().__str__()


@dataclass(frozen=True)
class LocalRule:
    """A city's stricter starting conditions, in force from ``effective_from`` (inclusive) to
    ``effective_until`` (inclusive, ``None`` = open), for forecasts issued on those days.

    ``levels`` replace the national condition of the levels they name (the others stay
    national); giving a blue condition, or ``blue = true``, enables blue. ``lift_hours`` (≥ the
    national value) and ``lead_time_hours`` (≥ 24) are optional.
    """

    name: str
    city: str
    effective_from: date
    base: str = DEFAULT_SCHEME
    effective_until: date | None = None
    levels: tuple[LevelRule, ...] = ()
    blue: bool | None = None
    lift_hours: int | None = None
    lead_time_hours: int | None = None
    source: str = ""
    path: str = field(default="", compare=False)

    def applies(self, city: str, on: date) -> bool:
        in_force = self.effective_from <= on and (
            self.effective_until is None or on <= self.effective_until
        )
        return in_force and (not self.city or self.city == city)

    def rules(self, national: Sequence[LevelRule]) -> tuple[LevelRule, ...]:
        """The national rules with this rule's levels put in (highest level first)."""
        mine = {r.level: r for r in self.levels}
        out = [mine.pop(r.level, r) for r in national]
        if self.blue and Level.BLUE not in {r.level for r in out} and Level.BLUE not in mine:
            out.append(_BLUE)
        out.extend(mine.values())
        return tuple(sorted(out, key=lambda r: r.level.rank, reverse=True))


def _implies(strong: Alternative, weak: Alternative) -> bool:
    """Every forecast meeting ``strong`` meets ``weak``: each clause of ``weak`` asks for no
    higher an AQI, for no longer, than some clause of ``strong`` (durations above a lower
    threshold are never shorter: a D300 span lies inside the episode's D200)."""
    return all(any(w.min_aqi <= s.min_aqi and w.hours <= s.hours for s in strong) for w in weak)


def check_stricter(
    local: LocalRule, national: Sequence[LevelRule], options: GradingOptions
) -> list[tuple[str, str]]:
    """Why ``local`` is not at least as strict as the national rules: a list of (key, reason),
    empty when it is. Sufficient test: every national alternative of a level must imply some
    local alternative of that level or a higher one, and lifting must take no less time."""
    problems: list[tuple[str, str]] = []
    local_rules = local.rules(national)
    for nat in national:
        for alt in nat.any_of:
            if any(
                lr.level >= nat.level and any(_implies(alt, la) for la in lr.any_of)
                for lr in local_rules
            ):
                continue
            mine = next((r for r in local_rules if r.level is nat.level), None)
            shown_zh = " 或 ".join(alternative_zh(a) for a in mine.any_of) if mine else "无"
            shown_en = " or ".join(alternative_en(a) for a in mine.any_of) if mine else "none"
            problems.append(
                (
                    f"levels.{nat.level.value}",
                    f"本地{colour_zh(nat.level)}条件（{shown_zh}）宽于国家条件"
                    f"（{alternative_zh(alt)}）：本地规则只能从严 "
                    f"(local {nat.level.value} condition ({shown_en}) is looser than the "
                    f"national one ({alternative_en(alt)}): a local rule may only be stricter)",
                )
            )
    if local.lift_hours is not None and local.lift_hours < options.lift_hours:
        problems.append(
            (
                "lift_hours",
                f"本地解除条件 {local.lift_hours} 小时短于国家的 {options.lift_hours} 小时"
                f"（过程更易被拆分）：本地规则只能从严 (local lifting condition "
                f"{local.lift_hours} h is shorter than the national {options.lift_hours} h: "
                "a local rule may only be stricter)",
            )
        )
    if local.blue is False and any(r.level is Level.BLUE for r in national):
        problems.append(
            (
                "blue",
                "国家方案启用蓝色预警，本地规则不能取消 "
                "(the national scheme has the blue level; a local rule cannot drop it)",
            )
        )
    return problems


_CLAUSE = re.compile(
    r"^\s*AQI\s*(>=|≥|>)\s*(\d+)\s*(?:持续|达)?\s*(\d+)\s*(?:h|小时)\s*$", re.IGNORECASE
)
_AND = re.compile(r"\s*(?:&|且|\band\b)\s*", re.IGNORECASE)


def parse_alternative(text: str) -> Alternative:
    """``"AQI>200 72h & AQI>300 24h"`` → clauses (also ``AQI≥500 24h``, ``AQI>200 持续48小时``,
    ``且`` or ``and`` between clauses). Thresholds below the heavy-pollution line (AQI > 200)
    and durations under 24 h (one window) are refused."""
    clauses: list[Clause] = []
    for part in _AND.split(text.strip()):
        m = _CLAUSE.match(part)
        if not m:
            raise ValueError(
                f"条件应写作 “AQI>200 48h” 并以 & 连接：{part!r} "
                f"(a condition reads 'AQI>200 48h', joined by &; got {part!r})"
            )
        clause = Clause(int(m.group(2)), int(m.group(3)), inclusive=m.group(1) != ">")
        if clause.min_aqi < EPISODE_MIN_AQI:
            raise ValueError(
                f"阈值应高于重污染线 AQI>{HEAVY}：{part!r} "
                f"(a threshold must be above the heavy-pollution line AQI>{HEAVY}: {part!r})"
            )
        if clause.hours < 24:
            raise ValueError(
                f"时长至少24小时（一个24小时窗口）：{part!r} "
                f"(a duration is at least 24 h, one 24-hour window: {part!r})"
            )
        clauses.append(clause)
    return tuple(clauses)


_RULE_KEYS = {
    "name",
    "city",
    "effective_from",
    "effective_until",
    "base",
    "levels",
    "blue",
    "lift_hours",
    "lead_time_hours",
    "source",
}


def read_local_rule(path: str | Path) -> LocalRule:
    """Read a local rule file (TOML; format and example in ``docs/emergency_warnings.md``).

    The rule is checked against its base scheme with the default options; :func:`decide`
    checks it again against the options in use.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise LocalRuleError(p, None, f"无法打开文件 (cannot open file: {exc.strerror})") from exc
    return parse_local_rule(text, p)


def parse_local_rule(text: str, path: str | Path) -> LocalRule:
    """A local rule from its TOML text (as stored by the platform); ``path`` names it in
    refusals and in the rule. :func:`read_local_rule` reads a file through it."""
    p = Path(path)
    try:
        doc = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise LocalRuleError(
            p, int(m.group(1)) if m else None, f"TOML 语法错误 (TOML syntax error: {exc})"
        ) from exc

    def fail(key: str, reason: str) -> LocalRuleError:
        return LocalRuleError(p, None, reason, key)

    unknown = sorted(set(doc) - _RULE_KEYS)
    if unknown:
        raise fail(
            unknown[0],
            f"未知字段 {unknown[0]!r} (unknown key {unknown[0]!r}; "
            f"known: {', '.join(sorted(_RULE_KEYS))})",
        )
    name = _text(doc, "name", fail, required=True)
    base = _text(doc, "base", fail) or DEFAULT_SCHEME
    try:
        scheme = get_scheme(base)
    except UnknownSchemeError as exc:
        raise fail("base", str(exc)) from exc
    start = _date(doc, "effective_from", fail, required=True)
    assert start is not None
    until = _date(doc, "effective_until", fail)
    if until is not None and until < start:
        raise fail(
            "effective_until",
            "失效日期早于生效日期 (effective_until is before effective_from)",
        )
    levels = doc.get("levels", {})
    if not isinstance(levels, dict):
        raise fail("levels", "应为表 [levels] (expected a table [levels])")
    rules: list[LevelRule] = []
    for key, value in levels.items():
        try:
            level = parse_level(key)
        except ValueError as exc:
            raise fail(f"levels.{key}", str(exc)) from exc
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise fail(
                f"levels.{key}",
                "应为条件文本或其列表 (expected a condition text or a list of them)",
            )
        alts: list[Alternative] = []
        for i, t in enumerate(texts):
            try:
                alts.append(parse_alternative(t))
            except ValueError as exc:
                raise fail(f"levels.{key}[{i}]", str(exc)) from exc
        rules.append(LevelRule(level, tuple(alts)))
    rule = LocalRule(
        name=name,
        city=_text(doc, "city", fail),
        effective_from=start,
        effective_until=until,
        base=base,
        levels=tuple(rules),
        blue=_bool(doc, "blue", fail),
        lift_hours=_hours(doc, "lift_hours", fail, minimum=1),
        lead_time_hours=_hours(doc, "lead_time_hours", fail, minimum=scheme.lead_time_hours),
        source=_text(doc, "source", fail),
        path=str(p),
    )
    options = GradingOptions()
    problems = check_stricter(rule, scheme.rules_for(options), options)
    if problems:
        raise fail(*problems[0])
    return rule


def checked_local_rules(
    rule: LocalRule, national: Sequence[LevelRule], options: GradingOptions
) -> tuple[LevelRule, ...]:
    """The rules in force with ``rule``; raises :class:`LocalRuleError` if it is looser than
    ``national`` under ``options``."""
    problems = check_stricter(rule, national, options)
    if problems:
        key, reason = problems[0]
        raise LocalRuleError(rule.path or rule.name, None, reason, key)
    return rule.rules(national)


def _text(doc: Mapping[str, Any], key: str, fail: Any, required: bool = False) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise fail(key, f"{key} 应为非空文本 ({key} must be non-empty text)")
    return value.strip()


def _date(doc: Mapping[str, Any], key: str, fail: Any, required: bool = False) -> date | None:
    value = doc.get(key)
    if value is None and not required:
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    raise fail(key, f"{key} 应为日期，如 2019-10-01 ({key} must be a date such as 2019-10-01)")


def _bool(doc: Mapping[str, Any], key: str, fail: Any) -> bool | None:
    value = doc.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise fail(key, f"{key} 应为 true 或 false ({key} must be true or false)")


def _hours(doc: Mapping[str, Any], key: str, fail: Any, minimum: int) -> int | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return value
    raise fail(
        key,
        f"{key} 应为不小于 {minimum} 的整数小时 "
        f"({key} must be a whole number of hours, at least {minimum})",
    )
