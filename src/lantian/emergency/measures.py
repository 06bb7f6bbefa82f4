"""Emergency measures of a production line and the share of its emission each removes.

A measure has a production part (:class:`Kind`) and a transport part (:class:`Transport`).
The reduction fraction ``r`` of a line at a level (warnings.md §5) is, for every pollutant:

==============================  =========================================================
自主减排 ``own`` / 无 ``none``     0 (A and 引领性 decide their own cuts; nothing is counted)
停产 ``stop``                     1
限产 x % ``limit``                x / 100 of the baseline output (:func:`baseline_output`)
停产 x % ``stop_share``           以生产线计: :class:`StopShareRule` (default: the line stops, 1)
出焦时间延长至 h 小时              1 − normal / h (output per day falls with the coking cycle)
估算削减 x % ``estimate``          x / 100 — non-industrial sources (trucks, dust), estimated
==============================  =========================================================

Transport measures (国四及以下重型货车停运, 停止公路运输) remove no production; they put the
enterprise on the transport-restriction list. An enterprise's own measure (一厂一策) may be
stricter than the industry default, never weaker (:func:`check_not_weaker`); 保障类 and the
exempt industries (居民供暖锅炉, 生活服务业) take no stop or limit (:func:`check_exempt`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum

from lantian.emergency.levels import POLLUTANTS, Level


class Kind(StrEnum):
    NONE = "none"
    OWN = "own"  # 自主减排
    STOP = "stop"  # 停产
    LIMIT = "limit"  # 限产 x %
    STOP_SHARE = "stop_share"  # 停产 x %，以生产线计
    COKING_TIME = "coking_time"  # 出焦时间延长至 h 小时
    ESTIMATE = "estimate"  # 估算削减 x % (non-industrial sources)


#: Kinds that stop or limit production (refused on 保障类 and exempt industries).
STOP_OR_LIMIT = frozenset({Kind.STOP, Kind.LIMIT, Kind.STOP_SHARE, Kind.COKING_TIME})


class Transport(Enum):
    """Transport part of a measure, ordered by strictness (``rank``)."""

    NONE = 0
    TRUCK_BAN = 1  # 国四及以下重型货车（含燃气）停止运输
    NO_ROAD = 2  # 停止公路运输

    @property
    def rank(self) -> int:
        return int(self.value)

    @property
    def zh(self) -> str:
        return _TRANSPORT_ZH[self]


_TRANSPORT_ZH = {
    Transport.NONE: "",
    Transport.TRUCK_BAN: "国四及以下重型货车停运",
    Transport.NO_ROAD: "停止公路运输",
}


class StopShareRule(StrEnum):
    """How "停产 x %，以生产线计" counts for one line (spec §4: interpretation UNCONFIRMED).

    ``line_stops`` (default): a single line cannot run at x %, so the line stops (r = 1) —
    the reading of the spec's worked example. ``proportional``: the line cuts x % (r = x / 100).
    """

    LINE_STOPS = "line_stops"
    PROPORTIONAL = "proportional"


@dataclass(frozen=True)
class Measure:
    """One line's measure at one level. ``value`` is a percentage (limit, stop_share,
    estimate) or hours (coking_time)."""

    kind: Kind = Kind.NONE
    value: float | None = None
    transport: Transport = Transport.NONE

    def __post_init__(self) -> None:
        needs_value = self.kind in (Kind.LIMIT, Kind.STOP_SHARE, Kind.ESTIMATE, Kind.COKING_TIME)
        if needs_value and self.value is None:
            raise ValueError(f"措施 {self.kind} 需要数值 / measure {self.kind} needs a value")
        if not needs_value and self.value is not None:
            raise ValueError(f"措施 {self.kind} 不带数值 / measure {self.kind} takes no value")
        if self.kind is Kind.COKING_TIME:
            if self.value is not None and not self.value > 0:
                raise ValueError("出焦时间须为正 / coking time must be positive")
        elif self.value is not None and not 0 < self.value <= 100:
            raise ValueError(f"百分比须在 (0, 100] / percentage must be in (0, 100]: {self.value}")

    @property
    def zh(self) -> str:
        """The canonical text (the list file's spelling, :func:`parse_measure` reads it back)."""
        parts = [_production_zh(self)] if self.kind is not Kind.NONE else []
        if self.transport is not Transport.NONE:
            parts.append(self.transport.zh)
        return "+".join(parts) or "无"

    @property
    def is_stop_or_limit(self) -> bool:
        return self.kind in STOP_OR_LIMIT

    def __str__(self) -> str:
        return self.zh


def _production_zh(m: Measure) -> str:
    if m.kind is Kind.OWN:
        return "自主减排"
    if m.kind is Kind.STOP:
        return "停产"
    v = f"{m.value:g}"
    return {
        Kind.LIMIT: f"限产{v}%",
        Kind.STOP_SHARE: f"停产{v}%",
        Kind.COKING_TIME: f"出焦时间延长至{v}小时",
        Kind.ESTIMATE: f"估算削减{v}%",
    }[m.kind]


_N = r"(\d+(?:\.\d+)?)"
#: Accepted spellings of one part of a measure cell (Chinese canonical, English aliases).
_PRODUCTION: list[tuple[re.Pattern[str], Kind]] = [
    (
        re.compile(rf"^(?:停产|stop)\s*{_N}\s*[%％](?:\s*[（(]?以生产线计[）)]?)?$", re.I),
        Kind.STOP_SHARE,
    ),
    (re.compile(rf"^(?:限产|limit)\s*{_N}\s*[%％]$", re.I), Kind.LIMIT),
    (re.compile(rf"^(?:估算削减|estimate)\s*{_N}\s*[%％]$", re.I), Kind.ESTIMATE),
    (re.compile(rf"^(?:出焦时间延长至|coking)\s*{_N}\s*(?:小时|h)$", re.I), Kind.COKING_TIME),
    (re.compile(r"^(?:停产|stop)$", re.I), Kind.STOP),
    (re.compile(r"^(?:自主减排|own)$", re.I), Kind.OWN),
    (re.compile(r"^(?:无|none)$", re.I), Kind.NONE),
]
_TRANSPORT: dict[str, Transport] = {
    "国四及以下重型货车停运": Transport.TRUCK_BAN,
    "truck_ban": Transport.TRUCK_BAN,
    "停止公路运输": Transport.NO_ROAD,
    "no_road": Transport.NO_ROAD,
}
_SPLIT = re.compile(r"\s*[+＋;；]\s*")


def parse_measure(text: str) -> Measure:
    """Read a measure cell: parts joined by ``+`` (or ``；``), at most one production and one
    transport part, e.g. ``限产20%+国四及以下重型货车停运`` or ``limit 20% + truck_ban``.

    Raises ValueError with the reason (the list reader adds file and line).
    """
    kind, value, transport = Kind.NONE, None, Transport.NONE
    seen_production = False
    parts = [p for p in _SPLIT.split(text.strip()) if p]
    if not parts:
        raise ValueError("措施为空 / empty measure")
    for part in parts:
        t = _TRANSPORT.get(part.lower() if part.isascii() else part)
        if t is not None:
            if transport is not Transport.NONE:
                raise ValueError(f"运输措施重复 / two transport measures in {text!r}")
            transport = t
            continue
        for pattern, k in _PRODUCTION:
            m = pattern.match(part)
            if m:
                if seen_production:
                    raise ValueError(f"生产措施重复 / two production measures in {text!r}")
                seen_production = True
                kind = k
                value = float(m.group(1)) if m.groups() else None
                break
        else:
            raise ValueError(
                f"无法识别的措施 / unknown measure {part!r}; 可用 / known: 停产, 停产x%, 限产x%, "
                "自主减排, 无, 出焦时间延长至h小时, 估算削减x%, 国四及以下重型货车停运, "
                "停止公路运输"
            )
    return Measure(kind, value, transport)


def baseline_output(
    eia: float | None = None, permit: float | None = None, actual: float | None = None
) -> float:
    """Baseline output of "限产 x %" (spec §1): the minimum of the EIA-approved capacity, the
    permit capacity and the previous normal year's actual output, all as daily averages.
    Confirmed for cement, assumed for the other industries (UNCONFIRMED)."""
    given = [v for v in (eia, permit, actual) if v is not None]
    if not given:
        raise ValueError("没有产能数据 / no capacity given")
    if any(v < 0 for v in given):
        raise ValueError("产能不能为负 / capacity cannot be negative")
    return min(given)


def fraction(
    measure: Measure | None,
    *,
    normal_coking_h: float | None = None,
    rule: StopShareRule = StopShareRule.LINE_STOPS,
) -> float:
    """The share r ∈ [0, 1] of a line's baseline emission the measure removes (module table).

    Extended coking time h with a normal cycle n: daily output falls to n / h, so
    r = 1 − n / h (0 when h ≤ n). Needs ``normal_coking_h``.
    """
    if measure is None:
        return 0.0
    k, v = measure.kind, measure.value
    if k in (Kind.NONE, Kind.OWN):
        return 0.0
    if k is Kind.STOP:
        return 1.0
    assert v is not None
    if k is Kind.STOP_SHARE:
        return 1.0 if rule is StopShareRule.LINE_STOPS else v / 100
    if k is Kind.COKING_TIME:
        if normal_coking_h is None or not normal_coking_h > 0:
            raise ValueError(
                "出焦时间措施需要正常结焦时间 / a coking-time measure needs the normal coking time"
            )
        return max(0.0, 1.0 - normal_coking_h / v)
    return v / 100  # LIMIT, ESTIMATE


class MeasureRefused(ValueError):
    """A measure the list cannot take; ``str()`` names the line, level and pollutant."""

    def __init__(self, line: str, level: Level | None, pollutant: str | None, reason: str) -> None:
        self.line = line
        self.level = level
        self.pollutant = pollutant
        self.reason = reason
        self.row: int | None = None  # line of the list file, set by the list's check
        super().__init__(reason)


def check_not_weaker(
    default: Measure | None,
    own: Measure,
    *,
    line: str,
    level: Level,
    emissions: Mapping[str, float] | None = None,
    normal_coking_h: float | None = None,
    rule: StopShareRule = StopShareRule.LINE_STOPS,
) -> None:
    """Refuse an own measure weaker than the industry default (减排力度不低于技术指南).

    Compared per pollutant the line emits (every pollutant when none is given): the own
    measure's reduction must not be below the default's; the transport part must not be
    weaker either. A default of 自主减排 or none accepts anything.
    """
    if default is None:
        return
    r_default = fraction(default, normal_coking_h=normal_coking_h, rule=rule)
    r_own = fraction(own, normal_coking_h=normal_coking_h, rule=rule)
    if r_own < r_default - 1e-12:
        emitted = [p for p in POLLUTANTS if emissions and emissions.get(p, 0.0) > 0]
        pollutants = emitted or list(POLLUTANTS)
        e = emissions or {}
        detail = "; ".join(
            f"{p}: {e.get(p, 0.0) * r_own:.4g} < {e.get(p, 0.0) * r_default:.4g} t/d"
            if e
            else f"{p}: r {r_own:.3g} < {r_default:.3g}"
            for p in pollutants
        )
        raise MeasureRefused(
            line,
            level,
            pollutants[0],
            f"生产线 {line} {level.zh}措施「{own.zh}」弱于行业默认「{default.zh}」({detail}) / "
            f"line {line}, {level.en}: own measure is weaker than the industry default for "
            f"{', '.join(pollutants)}",
        )
    if own.transport.rank < default.transport.rank:
        raise MeasureRefused(
            line,
            level,
            None,
            f"生产线 {line} {level.zh}运输措施「{own.transport.zh or '无'}」弱于行业默认"
            f"「{default.transport.zh}」 / line {line}, {level.en}: transport measure is weaker "
            "than the industry default (all pollutants)",
        )


def check_exempt(own: Measure, *, line: str, level: Level, why: str) -> None:
    """Refuse a stop or limit on a line that must not be stopped or limited (保障类, 居民供暖锅炉,
    生活服务业: spec §1 "纳入清单但不应采取停限产措施"). ``why`` names the exemption."""
    if own.is_stop_or_limit:
        raise MeasureRefused(
            line,
            level,
            None,
            f"生产线 {line} 属{why}，不应采取停限产措施，{level.zh}措施「{own.zh}」被拒绝 / "
            f"line {line} is exempt from stop/limit ({why}); {level.en} measure refused",
        )


def strictest(
    a: Measure | None,
    b: Measure | None,
    *,
    normal_coking_h: float | None = None,
    rule: StopShareRule = StopShareRule.LINE_STOPS,
) -> Measure | None:
    """The stricter of two measures for one line: the production part with the larger r (the
    first on a tie) and the stricter transport part of the two."""
    if a is None:
        return b
    if b is None:
        return a
    ra = fraction(a, normal_coking_h=normal_coking_h, rule=rule)
    rb = fraction(b, normal_coking_h=normal_coking_h, rule=rule)
    production = b if rb > ra else a
    transport = max(a.transport, b.transport, key=lambda t: t.rank)
    return Measure(production.kind, production.value, transport)
