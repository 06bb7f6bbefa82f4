"""The reduction-list check (warnings.md §5): does the list reach the required reductions?

For each level L and pollutant p::

    achieved = Σ_lines E_p,line,daily × r_line(L)   ≥   required = ratio(L) × E_p,city,daily

``ratio`` is :data:`lantian.emergency.levels.REQUIRED_REDUCTION` (10 / 20 / 30 %). Annual
inventories become daily baselines through an explicit :class:`DailyBasis` (÷ 365 by default;
a seasonal profile as an option — UNCONFIRMED in the spec), applied alike to the city and to the
lines. Non-industrial measures (diesel-truck restrictions, dust) are lines of industry
``non_industrial`` with an estimated reduction share (估算削减 x %).

A shortfall names the lines that would close it. Rule: every line that may be asked for more —
not exempt (保障类, heating, life service), not non-industrial, not an own-decision grade
(A, A+, 引领性) — is offered "stop" (停产, keeping its transport measure); its additional reduction
is E_p,line × (1 − r_line(L)). Lines are taken by the largest additional reduction first (ties by
line id) until the shortfall is covered; if all candidates together fall short the result says
so (``closable`` false) with what remains.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lantian.emergency.grades import Category
from lantian.emergency.industries import industry
from lantian.emergency.levels import POLLUTANTS, REQUIRED_REDUCTION, Level
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.measures import Kind, Measure, Transport

#: The levels a list is checked at by default (the 2018 scheme; blue has no mandatory ratio).
CHECK_LEVELS: tuple[Level, ...] = (Level.YELLOW, Level.ORANGE, Level.RED)
_EPS = 1e-9


@dataclass(frozen=True)
class DailyBasis:
    """annual [t/a] → daily [t/d]: ``annual × share / days``.

    The default ÷ 365 spreads the year evenly. A profile gives the share of the annual
    emission that falls in a period of ``days`` days (e.g. a heating season), one share for all
    pollutants or one per pollutant. Which basis a city uses: UNCONFIRMED (warnings.md §5).
    ``name`` is shown with a check; left blank it is "annual ÷ 365" for the even basis and
    "profile" for any other.
    """

    days: float = 365.0
    share: float | Mapping[str, float] = 1.0
    name: str = ""  # blank: "annual ÷ 365" for the even basis, else "profile"

    def __post_init__(self) -> None:
        if not self.days > 0:
            raise ValueError("天数须为正 / days must be positive")
        shares = self.share.values() if isinstance(self.share, Mapping) else [self.share]
        if any(not 0 < s <= 1 for s in shares):
            raise ValueError("份额须在 (0, 1] / share must be in (0, 1]")
        if not self.name:
            even = self.days == 365.0 and self.share == 1.0
            object.__setattr__(self, "name", "annual ÷ 365" if even else "profile")

    def share_of(self, pollutant: str) -> float:
        if isinstance(self.share, Mapping):
            return float(self.share[pollutant])
        return float(self.share)

    def daily(self, pollutant: str, annual: float) -> float:
        return annual * self.share_of(pollutant) / self.days

    def daily_all(self, annual: Mapping[str, float]) -> dict[str, float]:
        return {p: self.daily(p, v) for p, v in annual.items()}


@dataclass(frozen=True)
class Closer:
    """A line that would close (part of) a shortfall by moving to ``proposed``."""

    line_id: str
    label: str
    current: Measure | None
    proposed: Measure
    extra: float  # additional reduction [t/d]


@dataclass(frozen=True)
class PollutantCheck:
    level: Level
    pollutant: str
    city: float  # E_p,city,daily [t/d]
    ratio: float
    required: float  # [t/d]
    achieved: float  # [t/d]
    closers: tuple[Closer, ...] = ()
    closable: bool = True

    @property
    def passes(self) -> bool:
        return self.achieved >= self.required - _EPS

    @property
    def shortfall(self) -> float:
        return 0.0 if self.passes else self.required - self.achieved

    @property
    def achieved_ratio(self) -> float:
        return self.achieved / self.city if self.city > 0 else 0.0

    @property
    def remaining(self) -> float:
        """Shortfall left after every closer is applied (0 when closable)."""
        return max(0.0, self.shortfall - sum(c.extra for c in self.closers))


@dataclass(frozen=True)
class ListCheck:
    results: tuple[PollutantCheck, ...]
    basis: DailyBasis
    without_measure: Mapping[Level, tuple[Line, ...]] = field(default_factory=dict)
    exempt: tuple[Line, ...] = ()

    @property
    def passes(self) -> bool:
        return all(r.passes for r in self.results)

    @property
    def shortfalls(self) -> list[PollutantCheck]:
        return [r for r in self.results if not r.passes]

    def result(self, level: Level, pollutant: str) -> PollutantCheck:
        for r in self.results:
            if r.level is level and r.pollutant == pollutant:
                return r
        raise KeyError((level, pollutant))


def achieved(lst: ReductionList, level: Level, pollutant: str) -> float:
    """Σ_lines E_p,line,daily × r_line(L) [t/d]."""
    return sum(lst.emission_reduction(ln, level, pollutant) for ln in lst.lines)


def required(level: Level, city_daily: float) -> float:
    """ratio(L) × E_p,city,daily [t/d]."""
    return REQUIRED_REDUCTION[level] * city_daily


def can_be_asked(lst: ReductionList, line: Line) -> bool:
    """Whether the office may move the line to a stricter measure (module rule)."""
    if lst.exemption(line) is not None or industry(line.industry).non_industrial:
        return False
    grade = lst.applied_grade(line)
    return not (grade is not None and grade.own_decision and line.category is Category.GRADED)


def closers(
    lst: ReductionList, level: Level, pollutant: str, shortfall: float
) -> tuple[tuple[Closer, ...], bool]:
    """The lines that would close ``shortfall`` [t/d] (module rule) and whether they do."""
    if shortfall <= _EPS:
        return (), True
    offers: list[Closer] = []
    for ln in lst.lines:
        if not can_be_asked(lst, ln):
            continue
        extra = ln.emission(pollutant) * (1.0 - lst.r(ln, level))
        if extra <= _EPS:
            continue
        current = lst.measure(ln, level)
        transport = current.transport if current is not None else Transport.NONE
        offers.append(
            Closer(ln.line_id, ln.label, current, Measure(Kind.STOP, None, transport), extra)
        )
    offers.sort(key=lambda c: (-c.extra, c.line_id))
    chosen: list[Closer] = []
    total = 0.0
    for c in offers:
        if total >= shortfall - _EPS:
            break
        chosen.append(c)
        total += c.extra
    return tuple(chosen), total >= shortfall - _EPS


def check_list(
    lst: ReductionList,
    city_daily: Mapping[str, float],
    levels: Iterable[Level] = CHECK_LEVELS,
    basis: DailyBasis = DailyBasis(),
) -> ListCheck:
    """Check the list at ``levels`` against the city's daily emissions [t/d] of every pollutant.

    ``basis`` is recorded with the result (the caller converted annual values with it).
    """
    missing = [p for p in POLLUTANTS if p not in city_daily]
    if missing:
        raise ValueError(f"缺少全市排放量 / city emissions missing for {', '.join(missing)}")
    for p in POLLUTANTS:
        if not city_daily[p] > 0:
            raise ValueError(f"全市 {p} 排放量须为正 / city {p} emission must be positive")
    levels = tuple(levels)
    results = []
    for level in levels:
        for p in POLLUTANTS:
            req = required(level, city_daily[p])
            got = achieved(lst, level, p)
            chosen, ok = closers(lst, level, p, req - got)
            results.append(
                PollutantCheck(
                    level=level,
                    pollutant=p,
                    city=city_daily[p],
                    ratio=REQUIRED_REDUCTION[level],
                    required=req,
                    achieved=got,
                    closers=chosen,
                    closable=ok,
                )
            )
    return ListCheck(
        results=tuple(results),
        basis=basis,
        without_measure={lv: tuple(lst.without_measure(lv)) for lv in levels},
        exempt=tuple(ln for ln in lst.lines if lst.exemption(ln) is not None),
    )
