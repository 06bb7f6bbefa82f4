"""GB 3095-2012 环境空气质量标准 (with the 2018 修改单) — in force until 2026-02-28.

Concentration limits of 表1 (basic items) and 表2 (other items) by class (一级 / 二级), and the
state of the concentrations (2018 amendment). Units in ``UNITS``: [µg/m³], CO [mg/m³].
Averaging times: ``"annual"`` 年平均, ``"quarterly"`` 季平均, ``"24h"`` 24小时平均 (日平均),
``"8h"`` 日最大8小时平均 (O3 MDA8), ``"1h"`` 1小时平均.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, TypeAlias

NAME = "GB 3095-2012"

ZoneClass: TypeAlias = Literal[1, 2]
State: TypeAlias = Literal["standard", "reference", "actual"]

#: Units of the limits.
UNITS: dict[str, str] = {
    "so2": "µg/m³",
    "no2": "µg/m³",
    "co": "mg/m³",
    "o3": "µg/m³",
    "pm10": "µg/m³",
    "pm25": "µg/m³",
    "tsp": "µg/m³",
    "nox": "µg/m³",
    "pb": "µg/m³",
    "bap": "µg/m³",
}

_D = Decimal
#: 表1 and 表2: (pollutant, averaging) → (class I, class II) limit.
LIMITS: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    ("so2", "annual"): (_D(20), _D(60)),
    ("so2", "24h"): (_D(50), _D(150)),
    ("so2", "1h"): (_D(150), _D(500)),
    ("no2", "annual"): (_D(40), _D(40)),
    ("no2", "24h"): (_D(80), _D(80)),
    ("no2", "1h"): (_D(200), _D(200)),
    ("co", "24h"): (_D(4), _D(4)),
    ("co", "1h"): (_D(10), _D(10)),
    ("o3", "8h"): (_D(100), _D(160)),
    ("o3", "1h"): (_D(160), _D(200)),
    ("pm10", "annual"): (_D(40), _D(70)),
    ("pm10", "24h"): (_D(50), _D(150)),
    ("pm25", "annual"): (_D(15), _D(35)),
    ("pm25", "24h"): (_D(35), _D(75)),
    ("tsp", "annual"): (_D(80), _D(200)),
    ("tsp", "24h"): (_D(120), _D(300)),
    ("nox", "annual"): (_D(50), _D(50)),
    ("nox", "24h"): (_D(100), _D(100)),
    ("nox", "1h"): (_D(250), _D(250)),
    ("pb", "annual"): (_D("0.5"), _D("0.5")),
    ("pb", "quarterly"): (_D(1), _D(1)),
    ("bap", "annual"): (_D("0.001"), _D("0.001")),
    ("bap", "24h"): (_D("0.0025"), _D("0.0025")),
}


def lookup(
    table: dict[tuple[str, str], tuple[Decimal, Decimal]],
    pollutant: str,
    averaging: str,
    zone_class: ZoneClass,
) -> Decimal:
    """Cell of a (pollutant, averaging) → (class I, class II) limit table, with a helpful error."""
    if zone_class not in (1, 2):
        raise ValueError(f"zone_class must be 1 or 2, not {zone_class!r}")
    try:
        return table[(pollutant, averaging)][zone_class - 1]
    except KeyError:
        known = ", ".join(f"{p}/{a}" for p, a in table)
        raise ValueError(f"no limit for {pollutant}/{averaging}; known: {known}") from None


def limit(pollutant: str, averaging: str, *, zone_class: ZoneClass = 2) -> Decimal:
    """GB 3095-2012 表1/表2 limit [µg/m³; CO mg/m³] for a class-1 or class-2 zone."""
    return lookup(LIMITS, pollutant, averaging, zone_class)


#: 2018 修改单: gases at the reference state from this date (before: standard state).
REFERENCE_STATE_FROM = date(2018, 9, 1)
#: Pollutants measured at the reference state (298.15 K, 1013.25 hPa) since 2018-09-01.
GASES: frozenset[str] = frozenset({"so2", "no2", "co", "o3", "nox"})


def concentration_state(pollutant: str, on: date) -> State:
    """State of a concentration (2018 amendment; GB 3095-2026 4.3 repeats it).

    From 2018-09-01 gases are at the reference state (参比状态, 298.15 K, 1013.25 hPa) and
    particulates (PM10, PM2.5, TSP, Pb, BaP) at actual conditions (实况); before that everything
    was at the standard state (标准状态, 273 K, 101.325 kPa).
    """
    if on < REFERENCE_STATE_FROM:
        return "standard"
    return "reference" if pollutant in GASES else "actual"
