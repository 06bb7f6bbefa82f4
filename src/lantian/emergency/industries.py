"""The graded industries and their default measures, loaded from ``data/`` (see its README).

``industries.csv`` lists the industries the spec names among the 39 of the 2020 technical guide
(20 of them — the other 19 are not named and must be keyed in from the guide), plus 非重点行业,
the exempt categories (居民供暖锅炉, 生活服务业) and non-industrial sources. ``scale`` is the grade
scale where the spec gives it; elsewhere it is empty and any grade is accepted (UNCONFIRMED).

``measures_default.csv`` holds the default measures by industry × grade × level. Only cement
clinker has a national table in the spec (§2.1, confirmed); every other industry has no default
and its lines carry the enterprise's own measures (一厂一策). A+ (2026) takes A's row
(its measures UNCONFIRMED); a level without a row (blue) has no default measure.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lantian.emergency.grades import ANY_SCALE, Grade, parse_grade
from lantian.emergency.levels import Level
from lantian.emergency.measures import Measure, Transport, parse_measure

DATA_DIR = Path(__file__).resolve().parent / "data"
INDUSTRIES_CSV = DATA_DIR / "industries.csv"
MEASURES_CSV = DATA_DIR / "measures_default.csv"


@dataclass(frozen=True)
class Industry:
    code: str
    zh: str
    en: str
    key: bool  # one of the 39 key industries of the 2020 guide
    graded_2019: bool  # one of the 15 graded by the 2019 guidance (648号)
    scale: tuple[Grade, ...]  # ANY_SCALE where the spec does not give it
    scale_status: str  # confirmed | UNCONFIRMED | n/a
    exempt: bool  # listed but never stopped or limited
    spec: str
    status: str
    note: str

    @property
    def non_industrial(self) -> bool:
        return self.code == "non_industrial"


@dataclass(frozen=True)
class DefaultMeasure:
    industry: str
    grade: Grade
    level: Level
    measure: Measure
    status: str
    source: str


def _yes(v: str) -> bool:
    return v.strip().lower() == "yes"


@cache
def industries() -> dict[str, Industry]:
    """Code → industry, in file order."""
    out: dict[str, Industry] = {}
    with INDUSTRIES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            scale = tuple(parse_grade(g) for g in row["scale"].split(",") if g.strip())
            out[row["code"]] = Industry(
                code=row["code"],
                zh=row["name_zh"],
                en=row["name_en"],
                key=_yes(row["key_2020"]),
                graded_2019=_yes(row["graded_2019"]),
                scale=scale or ANY_SCALE,
                scale_status=row["scale_status"],
                exempt=_yes(row["exempt"]),
                spec=row["spec"],
                status=row["status"],
                note=row["note"],
            )
    return out


def industry(code_or_name: str) -> Industry:
    """By code (``cement_clinker``) or Chinese name (``水泥熟料``); KeyError lists the codes."""
    key = code_or_name.strip()
    table = industries()
    if key in table:
        return table[key]
    for ind in table.values():
        if key == ind.zh:
            return ind
    raise KeyError(
        f"未知行业 / unknown industry {code_or_name!r}; 可用 / known: {', '.join(table)}"
    )


@cache
def default_measures() -> dict[tuple[str, Grade, Level], DefaultMeasure]:
    out: dict[tuple[str, Grade, Level], DefaultMeasure] = {}
    with MEASURES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            d = DefaultMeasure(
                industry=industry(row["industry"]).code,
                grade=parse_grade(row["grade"]),
                level=Level(row["level"]),
                measure=parse_measure(row["measure"]),
                status=row["status"],
                source=row["source"],
            )
            out[(d.industry, d.grade, d.level)] = d
    return out


def has_default_table(code: str) -> bool:
    return any(k[0] == code for k in default_measures())


def default_measure(code: str, grade: Grade, level: Level) -> Measure | None:
    """The guide's measure for ``grade`` at ``level`` in industry ``code``; None where the spec
    gives none (every industry but cement clinker; the blue level). A+ falls back to A."""
    table = default_measures()
    hit = table.get((code, grade, level))
    if hit is None and grade is Grade.A_PLUS:
        hit = table.get((code, Grade.A, level))
    return hit.measure if hit is not None else None


def strictest_transport(code: str, level: Level) -> Transport:
    """The strictest transport measure of the industry's table at ``level`` (NONE without one)."""
    found = [
        d.measure.transport
        for (ind, _, lvl), d in default_measures().items()
        if ind == code and lvl is level
    ]
    return max(found, key=lambda t: t.rank, default=Transport.NONE)
