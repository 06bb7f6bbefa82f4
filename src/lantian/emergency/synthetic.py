"""A synthetic city for the reduction-list demo and tests — every record invented, marked so.

Nothing here is data about a real place or enterprise: names are ``合成企业0001`` …, every row
has ``synthetic`` set, and the numbers are drawn from the documented distributions below with a
fixed seed (``random.Random(SEED)``), so the same call always gives the same city.

Distributions (illustrative, chosen to give a plausible mix, NOT taken from any inventory):

- enterprises: ``n`` (400) drawn by industry with the weights of :data:`PROFILES`; lines per
  enterprise uniform in the profile's range;
- annual emission of a line per pollutant [t/a]: the profile median × lognormal(0, 0.6),
  rounded to 0.1 t/a (a pollutant with median 0 is not emitted);
- capacities (process industries): EIA capacity = median × lognormal(0, 0.4); permit =
  EIA × U(0.9, 1.0); previous-year actual = EIA × U(0.6, 1.0) (daily averages, rounded);
- key industries: 5 % of enterprises non-compliant (not graded), 3 % 保障类, 15 % of foundry,
  coating, printing and "other" enterprises 小微; the rest graded A 6 %, B 24 %, C 45 %, D 25 %;
  40 % of the graded enterprises of the industries of :data:`PAIRS` take a second industry,
  graded separately (the enterprise takes its lowest grade);
- residential heating boilers are 保障类; "other" industries are not graded;
- own measures (一厂一策) where the spec has no national table, by grade: A none written
  (自主减排); B 限产10/20/30 % (a third stop at red); C 限产20 %/停产50 %/停产; D 停产; coking
  B and C by extended coking time (normal 20–24 h; B 30/36/48 h, C 36/48/48 h); 10 % of B–D
  lines write nothing (the check names them); heavy-transport industries add
  国四及以下重型货车停运 at orange and red; cement keeps the national defaults (20 % of B lines
  write 限产30 % at orange);
- ungraded "other": 60 % 限产20/30/50 %, 25 % stop at red only, 15 % nothing; 小微: half stop at
  orange and red, half nothing;
- non-industrial sources (:data:`NON_INDUSTRIAL`) with estimated reduction shares per level;
- the city's whole-society emission of each pollutant = the list's total / :data:`COVERAGE`
  (the share of the city's emission that the list's sources make), rounded to 10 t/a.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lantian.emergency.calendar_file import CalendarRow, write_calendar
from lantian.emergency.grades import Category, Grade
from lantian.emergency.industries import industry
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lines import Capacity, Line, ReductionList
from lantian.emergency.listfile import write_list
from lantian.emergency.measures import Kind, Measure, Transport, parse_measure
from lantian.emergency.reduction import DailyBasis
from lantian.emergency.staggered import StaggerPeriod

SEED = 20201  # 2020-2021 autumn-winter campaign, the season of the draft plan
N_ENTERPRISES = 400
YEAR_DAYS = 365.0


@dataclass(frozen=True)
class Profile:
    weight: float
    lines: tuple[int, int]
    process: str  # line name stem
    median_t_a: tuple[float, float, float, float]  # so2, nox, pm, vocs per line
    capacity_unit: str = ""
    capacity_median: float = 0.0  # per day; 0 = no capacity recorded
    heavy_transport: bool = False


PROFILES: dict[str, Profile] = {
    "steel_long": Profile(4, (3, 6), "烧结/高炉/转炉工序", (300, 600, 250, 40), "t/d", 8000, True),
    "steel_short": Profile(4, (1, 2), "电炉", (10, 40, 30, 5), "t/d", 2000, True),
    "coking": Profile(5, (1, 3), "焦炉", (60, 250, 60, 80), "t/d", 3000, True),
    "cement_clinker": Profile(10, (1, 2), "熟料生产线", (60, 600, 80, 0), "t/d", 4000, True),
    "flat_glass": Profile(3, (1, 2), "浮法玻璃窑炉", (150, 400, 40, 0), "t/d", 600, True),
    "foundry": Profile(25, (1, 3), "熔炼/造型线", (2, 5, 10, 3), "t/d", 50),
    "brick_tile": Profile(25, (1, 2), "隧道窑", (30, 25, 12, 0), "万块/d", 20),
    "industrial_coating": Profile(40, (1, 3), "喷涂线", (0, 1, 2, 20)),
    "packaging_printing": Profile(20, (1, 2), "印刷机组", (0, 0, 0.5, 15)),
    "alumina": Profile(1, (2, 3), "焙烧炉", (200, 300, 100, 0), "t/d", 5000, True),
    "electrolytic_aluminium": Profile(1, (2, 3), "电解系列", (200, 30, 80, 0), "t/d", 1000, True),
    "carbon": Profile(3, (1, 2), "焙烧炉", (40, 40, 30, 20), "t/d", 200),
    "copper_smelting": Profile(1, (1, 2), "熔炼炉", (150, 40, 30, 0), "t/d", 500, True),
    "ceramics": Profile(12, (1, 3), "辊道窑", (20, 40, 15, 2), "万m²/d", 3),
    "lime_kiln": Profile(12, (1, 2), "石灰窑", (10, 50, 20, 0), "t/d", 300, True),
    "refining_petrochemical": Profile(2, (3, 5), "装置", (80, 150, 30, 300), "t/d", 10000, True),
    "pharmaceutical": Profile(10, (1, 2), "合成车间", (2, 5, 2, 40)),
    "pesticide": Profile(3, (1, 2), "合成车间", (2, 5, 2, 40)),
    "coating_manufacture": Profile(6, (1, 1), "调配车间", (0, 0, 1, 20)),
    "ink_manufacture": Profile(3, (1, 1), "调配车间", (0, 0, 0.5, 10)),
    "other": Profile(120, (1, 2), "生产线", (3, 6, 4, 5)),
    "heating_boiler": Profile(20, (1, 3), "供暖锅炉", (30, 40, 8, 0), "MW", 58),
    "life_service": Profile(10, (1, 1), "经营设施", (0.2, 0.5, 0.3, 1)),
}
#: Second industries of multi-industry enterprises.
PAIRS: dict[str, str] = {
    "steel_long": "coking",
    "cement_clinker": "lime_kiln",
    "refining_petrochemical": "coating_manufacture",
    "ceramics": "other",
}
#: Non-industrial sources: (name, annual emission so2/nox/pm/vocs [t/a], estimated % by level).
NON_INDUSTRIAL: tuple[tuple[str, tuple[float, float, float, float], tuple[int, int, int]], ...] = (
    ("重型柴油货车限行", (0, 9000, 400, 600), (5, 10, 20)),
    ("施工工地停止土石方作业", (0, 0, 6000, 0), (10, 30, 50)),
    ("道路扬尘加密清扫保洁", (0, 0, 5000, 0), (5, 10, 15)),
    ("非道路移动机械停用", (0, 3000, 200, 300), (10, 20, 30)),
    ("建筑涂装及汽修喷涂停工", (0, 0, 0, 4000), (10, 20, 30)),
)
#: Share of the city's whole-society emission made by the list's sources (synthetic choice).
COVERAGE: dict[str, float] = {"so2": 0.75, "nox": 0.60, "pm": 0.50, "vocs": 0.45}
GRADE_WEIGHTS: tuple[tuple[Grade, float], ...] = (
    (Grade.A, 6),
    (Grade.B, 24),
    (Grade.C, 45),
    (Grade.D, 25),
)
SMALL_MICRO_INDUSTRIES = frozenset({"foundry", "industrial_coating", "packaging_printing", "other"})
LEVELS = (Level.YELLOW, Level.ORANGE, Level.RED)


@dataclass(frozen=True)
class SyntheticCity:
    lines: tuple[Line, ...]
    city_annual: dict[str, float]  # whole-society emission [t/a]
    seed: int

    @property
    def enterprises(self) -> int:
        return len({ln.enterprise_id for ln in self.lines})


def _m(text: str) -> Measure:
    return parse_measure(text)


def _own_graded(
    rng: random.Random, code: str, grade: Grade, prof: Profile, normal_h: float | None
) -> dict[Level, Measure]:
    if grade.own_decision:
        return {}
    if code == "cement_clinker":  # national table: defaults, some stricter at orange
        if grade is Grade.B and rng.random() < 0.2:
            return {Level.ORANGE: _m("限产30%+国四及以下重型货车停运")}
        return {}
    if rng.random() < 0.10:
        return {}  # writes nothing: the check names the line
    if code == "coking" and normal_h is not None:
        hours = {Grade.B: (30, 36, 48), Grade.C: (36, 48, 48)}.get(grade)
        texts = [f"出焦时间延长至{h}小时" for h in hours] if hours else ["停产"] * 3
    elif grade is Grade.B:
        texts = ["限产10%", "限产20%", "停产" if rng.random() < 1 / 3 else "限产30%"]
    elif grade is Grade.C:
        texts = ["限产20%", "停产50%", "停产"]
    else:
        texts = ["停产"] * 3
    own = {lv: _m(t) for lv, t in zip(LEVELS, texts, strict=True)}
    if prof.heavy_transport:
        for lv in (Level.ORANGE, Level.RED):
            m = own[lv]
            own[lv] = Measure(m.kind, m.value, Transport.TRUCK_BAN)
    return own


def _own_other(rng: random.Random, category: Category) -> dict[Level, Measure]:
    u = rng.random()
    if category is Category.SMALL_MICRO:
        return {Level.ORANGE: _m("停产"), Level.RED: _m("停产")} if u < 0.5 else {}
    if u < 0.60:
        return {lv: _m(f"限产{x}%") for lv, x in zip(LEVELS, (20, 30, 50), strict=True)}
    if u < 0.85:
        return {Level.RED: _m("停产")}
    return {}


def _emissions(rng: random.Random, prof: Profile) -> dict[str, float]:
    out = {}
    for p, median in zip(POLLUTANTS, prof.median_t_a, strict=True):
        if median > 0:
            out[p] = round(median * rng.lognormvariate(0.0, 0.6), 1)
    return out


def _capacity(rng: random.Random, prof: Profile) -> Capacity | None:
    if not prof.capacity_median:
        return None
    eia = prof.capacity_median * rng.lognormvariate(0.0, 0.4)
    digits = 0 if eia >= 100 else 1
    return Capacity(
        eia=round(eia, digits),
        permit=round(eia * rng.uniform(0.9, 1.0), digits),
        actual=round(eia * rng.uniform(0.6, 1.0), digits),
        unit=prof.capacity_unit,
    )


def _category(rng: random.Random, code: str) -> Category:
    if code == "heating_boiler":
        return Category.GUARANTEED
    if code == "life_service":
        return Category.UNGRADED
    u = rng.random()
    if code in SMALL_MICRO_INDUSTRIES and u < 0.15:
        return Category.SMALL_MICRO
    if code == "other":
        return Category.UNGRADED
    if u > 0.92:
        return Category.NON_COMPLIANT if u > 0.95 else Category.GUARANTEED
    return Category.GRADED


def generate_city(n: int = N_ENTERPRISES, seed: int = SEED) -> SyntheticCity:
    """The synthetic city of the module's distributions (daily emissions = annual ÷ 365)."""
    rng = random.Random(seed)
    codes = list(PROFILES)
    weights = [PROFILES[c].weight for c in codes]
    lines: list[Line] = []
    for e in range(1, n + 1):
        eid = f"E{e:04d}"
        name = f"合成企业{e:04d}"
        code = rng.choices(codes, weights)[0]
        category = _category(rng, code)
        industries_of = [code]
        if category is Category.GRADED and code in PAIRS and rng.random() < 0.4:
            industries_of.append(PAIRS[code])
        k = 0
        for ind_code in industries_of:
            prof = PROFILES[ind_code]
            grade = None
            if category is Category.GRADED and industry(ind_code).key:
                grade = rng.choices([g for g, _ in GRADE_WEIGHTS], [w for _, w in GRADE_WEIGHTS])[0]
            for _ in range(rng.randint(*prof.lines)):
                k += 1
                normal_h = round(rng.uniform(20, 24)) if ind_code == "coking" else None
                if grade is not None:
                    own = _own_graded(rng, ind_code, grade, prof, normal_h)
                elif (
                    category in (Category.UNGRADED, Category.SMALL_MICRO)
                    and not industry(ind_code).exempt
                ):
                    own = _own_other(rng, category)
                else:
                    own = {}
                annual = _emissions(rng, prof)
                lines.append(
                    Line(
                        line_id=f"{eid}-L{k}",
                        enterprise_id=eid,
                        industry=ind_code,
                        emissions={p: v / YEAR_DAYS for p, v in annual.items()},
                        name=f"{prof.process}{k}#",
                        enterprise=name,
                        grade=grade,
                        category=category,
                        capacity=_capacity(rng, prof),
                        normal_coking_h=normal_h,
                        own=own,
                        synthetic=True,
                    )
                )
    for i, (label, annual_t, pct) in enumerate(NON_INDUSTRIAL, start=1):
        lines.append(
            Line(
                line_id=f"N{i:02d}",
                enterprise_id=f"N{i:02d}",
                industry="non_industrial",
                emissions={
                    p: v / YEAR_DAYS for p, v in zip(POLLUTANTS, annual_t, strict=True) if v
                },
                name=label,
                enterprise="合成非工业源",
                category=Category.UNGRADED,
                own={
                    lv: Measure(Kind.ESTIMATE, float(x)) for lv, x in zip(LEVELS, pct, strict=True)
                },
                synthetic=True,
            )
        )
    city = {
        p: round(sum(ln.emission(p) for ln in lines) * YEAR_DAYS / COVERAGE[p], -1)
        for p in POLLUTANTS
    }
    return SyntheticCity(tuple(lines), city, seed)


SAMPLE_NAME = "synthetic_city_list"


def write_city_emissions(city_annual: dict[str, float], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pollutant", "t_a"])
        for p in POLLUTANTS:
            w.writerow([p, f"{city_annual[p]:g}"])
    return path


def write_sample(directory: Path, city: SyntheticCity | None = None) -> list[Path]:
    """Write ``synthetic_city_list.csv``, ``.xlsx`` and ``.city_emissions.csv`` to ``directory``."""
    city = city or generate_city()
    directory.mkdir(parents=True, exist_ok=True)
    basis = DailyBasis(days=YEAR_DAYS)
    return [
        write_list(city.lines, directory / f"{SAMPLE_NAME}.csv", basis),
        write_list(city.lines, directory / f"{SAMPLE_NAME}.xlsx", basis),
        write_city_emissions(city.city_annual, directory / f"{SAMPLE_NAME}.city_emissions.csv"),
    ]


# --- the synthetic city's staggered-production calendar (错峰生产日历) ----------------------------

#: The heating season of the calendar (spec §3: 2017-2018 and 2019 onward, 11-15 … 03-15).
SEASON = (date(2019, 11, 15), date(2020, 3, 15))
#: Seasonal limit of C and 非引领性 lines by industry [%] — a synthetic choice after spec §3's
#: 2018-2019 row (steel 50 % in Shijiazhuang, ≥ 30 % elsewhere); every other industry 30 %.
STAGGER_LIMIT: dict[str, int] = {"steel_long": 50, "steel_short": 50}
DEFAULT_STAGGER_LIMIT = 30
#: The rules, as written in the file's 依据 column.
RULE_STOP = "合成规则：D级或不达标企业采暖季停产（石家庄2019第30条差异化错峰；晋中2020）"
RULE_LIMIT = "合成规则：C级及非引领性企业采暖季错峰限产{pct}%（晋中2020；比例参照2018-2019方案）"
#: The deliberate conflicts the office must see (documented in PROVENANCE_list.md).
EXEMPT_STOP = (date(2020, 1, 6), date(2020, 1, 19))
OVERLAP_STOP = (date(2020, 1, 6), date(2020, 1, 19))
RULE_EXEMPT = "合成冲突：保障类生产线被列入停产（应为不停限产）"
RULE_OVERLAP = "合成冲突：采暖季限产期间另列停产检修，时段重叠"
CALENDAR_NAME = "synthetic_city_calendar"


def _stagger_measure(lst: ReductionList, line: Line) -> Measure | None:
    """The season's measure of a line by the synthetic rules (module docstring)."""
    ind = industry(line.industry)
    if ind.non_industrial or ind.exempt or lst.exemption(line) is not None:
        return None
    if line.category is Category.NON_COMPLIANT:
        return Measure(Kind.STOP)
    if line.category is not Category.GRADED:
        return None  # 小微, 非重点行业: not staggered
    grade = lst.applied_grade(line)
    if grade is Grade.D:
        return Measure(Kind.STOP)
    if grade in (Grade.C, Grade.NON_LEADING):
        pct = STAGGER_LIMIT.get(line.industry, DEFAULT_STAGGER_LIMIT)
        return Measure(Kind.LIMIT, float(pct))
    return None  # A+, A, B, B−, 引领性: not staggered


def _row(line: Line, start: date, end: date, measure: Measure, source: str) -> CalendarRow:
    baseline = line.capacity.baseline if line.capacity is not None else None
    return CalendarRow(
        enterprise_id=line.enterprise_id,
        period=StaggerPeriod(line.line_id, start, end, measure, baseline, source),
        enterprise=line.enterprise,
        line=line.name,
        synthetic=True,
    )


def generate_calendar(city: SyntheticCity | None = None) -> tuple[CalendarRow, ...]:
    """The synthetic city's heating-season calendar (every row marked synthetic).

    Rules (spec §3, Shijiazhuang 2019 plan item 30 "差异化错峰", Jinzhong 2020): a line of a D
    enterprise (its lowest grade, on the line's industry scale) or of a non-compliant one stops
    for the season; C and 非引领性 are limited by :data:`STAGGER_LIMIT` (else 30 %); A+, A, B,
    B−, 引领性, 保障类, 小微, 非重点行业, the exempt industries and non-industrial sources are not
    staggered. The staggering baseline is the line's list baseline (blank without capacities).

    Two deliberate conflicts follow the season's rows: the first 保障类 line of a key industry
    stops from 2020-01-06 to 01-19 (``exempt``), and the first C line whose own yellow measure
    is a limit gets a stop over the same days on top of its season limit (``overlap``; under a
    yellow or orange warning on those days also ``stopped_and_limited``). A small city without
    such a line goes without that conflict.
    """
    city = city or generate_city()
    lst = ReductionList(city.lines)
    rows: list[CalendarRow] = []
    for line in city.lines:
        measure = _stagger_measure(lst, line)
        if measure is None:
            continue
        rule = (
            RULE_STOP if measure.kind is Kind.STOP else RULE_LIMIT.format(pct=f"{measure.value:g}")
        )
        rows.append(_row(line, *SEASON, measure, rule))
    guaranteed = next(
        (
            ln
            for ln in city.lines
            if ln.category is Category.GUARANTEED and industry(ln.industry).key
        ),
        None,
    )
    if guaranteed is not None:
        rows.append(_row(guaranteed, *EXEMPT_STOP, Measure(Kind.STOP), RULE_EXEMPT))
    limited = next(
        (
            ln
            for ln in city.lines
            if lst.applied_grade(ln) is Grade.C
            and (own := ln.own.get(Level.YELLOW)) is not None
            and own.kind is Kind.LIMIT
        ),
        None,
    )
    if limited is not None:
        rows.append(_row(limited, *OVERLAP_STOP, Measure(Kind.STOP), RULE_OVERLAP))
    return tuple(rows)


def write_calendar_sample(directory: Path, city: SyntheticCity | None = None) -> Path:
    """Write ``synthetic_city_calendar.csv`` to ``directory`` (next to the synthetic list)."""
    directory.mkdir(parents=True, exist_ok=True)
    return write_calendar(generate_calendar(city), directory / f"{CALENDAR_NAME}.csv")
