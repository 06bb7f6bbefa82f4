"""GB 3095-2026 环境空气质量标准 — in force from 2026-03-01, in two stages (4.4).

Stage 1 (过渡阶段) 2026-03-01 … 2030-12-31 and stage 2 from 2031-01-01 (表1), 表2 other items with
the NOx transition footnotes, Annex A reference values. Units and averaging names as in
:mod:`lantian.standards.gb3095_2012`; the state of concentrations (4.3) is the 2018 rule,
:func:`lantian.standards.gb3095_2012.concentration_state`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, TypeAlias

from lantian.standards.gb3095_2012 import UNITS, ZoneClass, concentration_state, lookup

__all__ = ["UNITS", "concentration_state", "limit", "stage_on"]

NAME = "GB 3095-2026"
Stage: TypeAlias = Literal[1, 2]

IN_FORCE_FROM = date(2026, 3, 1)
STAGE2_FROM = date(2031, 1, 1)

_D = Decimal
_COMMON: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    # 表1 items that are the same in both stages.
    ("no2", "1h"): (_D(200), _D(200)),
    ("co", "24h"): (_D(4), _D(4)),
    ("co", "1h"): (_D(10), _D(10)),
    ("o3", "8h"): (_D(100), _D(160)),
    ("o3", "1h"): (_D(160), _D(200)),
    # 表2 (其他项目): TSP, Pb, BaP as in 2012; NOx 1 h.
    ("tsp", "annual"): (_D(80), _D(200)),
    ("tsp", "24h"): (_D(120), _D(300)),
    ("nox", "1h"): (_D(250), _D(250)),
    ("pb", "annual"): (_D("0.5"), _D("0.5")),
    ("pb", "quarterly"): (_D("1.0"), _D("1.0")),
    ("bap", "annual"): (_D("0.001"), _D("0.001")),
    ("bap", "24h"): (_D("0.0025"), _D("0.0025")),
}

#: 表1 "过渡阶段浓度限值" (stage 1) plus 表2; NOx annual 50 and daily 100 are the transition
#: values of footnotes a and b (2026-03-01 … 2030-12-31).
LIMITS_STAGE1: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    ("so2", "annual"): (_D(20), _D(60)),
    ("so2", "24h"): (_D(50), _D(150)),
    ("so2", "1h"): (_D(150), _D(500)),
    ("no2", "annual"): (_D(40), _D(40)),
    ("no2", "24h"): (_D(80), _D(80)),
    ("pm10", "annual"): (_D(40), _D(60)),
    ("pm10", "24h"): (_D(50), _D(120)),
    ("pm25", "annual"): (_D(15), _D(30)),
    ("pm25", "24h"): (_D(35), _D(60)),
    ("nox", "annual"): (_D(50), _D(50)),
    ("nox", "24h"): (_D(100), _D(100)),
    **_COMMON,
}

#: 表1 "浓度限值" (stage 2, from 2031-01-01) plus 表2 (NOx annual 40, daily 70).
LIMITS_STAGE2: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    ("so2", "annual"): (_D(20), _D(20)),
    ("so2", "24h"): (_D(50), _D(50)),
    ("so2", "1h"): (_D(150), _D(150)),
    ("no2", "annual"): (_D(30), _D(30)),
    ("no2", "24h"): (_D(50), _D(50)),
    ("pm10", "annual"): (_D(20), _D(50)),
    ("pm10", "24h"): (_D(50), _D(100)),
    ("pm25", "annual"): (_D(10), _D(25)),
    ("pm25", "24h"): (_D(25), _D(50)),
    ("nox", "annual"): (_D(40), _D(40)),
    ("nox", "24h"): (_D(70), _D(70)),
    **_COMMON,
}

LIMITS: dict[int, dict[tuple[str, str], tuple[Decimal, Decimal]]] = {
    1: LIMITS_STAGE1,
    2: LIMITS_STAGE2,
}

#: Annex A (informative) reference values for local standards [µg/m³]; fluoride deposition
#: values in [µg/(dm²·d)] are not included.
ANNEX_A_ANNUAL: dict[str, Decimal] = {
    "cd": _D("0.005"),
    "hg": _D("0.05"),
    "as": _D("0.006"),
    "cr6": _D("0.000025"),
}
ANNEX_A_FLUORIDE: dict[str, Decimal] = {"1h": _D(20), "24h": _D(7)}


def stage_on(on: date) -> Stage:
    """Implementation stage in force on ``on`` (4.4): 1 until 2030-12-31, 2 from 2031-01-01.

    Raises ``ValueError`` before 2026-03-01 (不适用: GB 3095-2012 applies).
    """
    if on < IN_FORCE_FROM:
        raise ValueError(f"GB 3095-2026 is not in force on {on} (from {IN_FORCE_FROM})")
    return 1 if on < STAGE2_FROM else 2


def limit(
    pollutant: str,
    averaging: str,
    *,
    zone_class: ZoneClass = 2,
    stage: Stage | None = None,
    on: date | None = None,
) -> Decimal:
    """GB 3095-2026 limit [µg/m³; CO mg/m³] of a stage (given, or in force ``on`` a date)."""
    if stage is None:
        if on is None:
            raise ValueError("give stage=1/2 or on=date")
        stage = stage_on(on)
    if stage not in LIMITS:
        raise ValueError(f"stage must be 1 or 2, not {stage!r}")
    return lookup(LIMITS[stage], pollutant, averaging, zone_class)
