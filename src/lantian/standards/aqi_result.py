"""Result types of the AQI standards (HJ 633-2012, HJ 633-2026) and the steps they share.

The version modules hold the tables; this module holds the frozen result types and the two rules
that both versions word identically: AQI = max of the IAQIs (formula (2)) and the primary
pollutant (首要污染物: AQI > 50, every indicator whose IAQI equals the AQI, ties together).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Colour:
    """Colour of an AQI level (HJ 633 附录A): RGB for screens, CMYK [%] for print."""

    name_zh: str
    name_en: str
    rgb: tuple[int, int, int]
    hex: str
    cmyk: tuple[int, int, int, int]


@dataclass(frozen=True)
class Level:
    """One row of the AQI level table (级别, 类别, 颜色, 对健康影响情况, 建议采取的措施)."""

    number: int  # 1..6
    name_zh: str  # 一级 …
    name_en: str
    aqi_lo: int
    aqi_hi: int | None  # None: open upper end (> 300)
    category_zh: str
    category_en: str
    colour: Colour
    health_effect_zh: str
    health_effect_en: str
    advice_zh: str
    advice_en: str


@dataclass(frozen=True)
class IAQI:
    """Individual index of one indicator.

    ``concentration`` is the value the index was computed from (after rounding to the reporting
    precision when that was asked), ``None`` when missing or invalid (shown as ``NA``).
    ``value`` is ``None`` when there is no index. ``beyond_table``: the concentration is above the
    top breakpoint and the index is shown as 500 (大于500). ``rule`` names a special rule that
    decided the value (e.g. ``"so2_1h>800→so2_24h"``, ``"o3_8h>800→300"``).
    """

    indicator: str
    concentration: Decimal | None
    value: int | None
    beyond_table: bool = False
    rule: str | None = None


@dataclass(frozen=True)
class AQIResult:
    """AQI of one report (daily or real-time) under one standard and profile.

    ``aqi`` is ``None`` when no indicator has an index, or when the 2026 publication rule 5.3.1
    withholds it (``published`` is then False and ``computed_aqi`` keeps the value).
    ``exceedance`` is a tuple under HJ 633-2012 and ``None`` under HJ 633-2026 (field deleted).
    """

    standard: str
    report: str  # "daily" or "hourly"
    profile: str | None
    aqi: int | None
    iaqis: Mapping[str, IAQI]
    level: Level | None
    primary: tuple[str, ...]
    primary_labels: tuple[str, ...]
    exceedance: tuple[str, ...] | None
    missing: tuple[str, ...]
    not_monitored: tuple[str, ...] = ()
    beyond_table: bool = False
    published: bool = True
    computed_aqi: int | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def category_zh(self) -> str | None:
        return None if self.level is None else self.level.category_zh

    @property
    def category_en(self) -> str | None:
        return None if self.level is None else self.level.category_en

    @property
    def colour(self) -> Colour | None:
        return None if self.level is None else self.level.colour


def level_of(aqi: int | None, levels: tuple[Level, ...]) -> Level | None:
    """The level whose range holds ``aqi`` (an integer, so 51–100 means 50 < AQI ≤ 100)."""
    if aqi is None:
        return None
    for lv in levels:
        if aqi >= lv.aqi_lo and (lv.aqi_hi is None or aqi <= lv.aqi_hi):
            return lv
    raise ValueError(f"AQI {aqi} is outside the level table")


def max_iaqi(iaqis: Mapping[str, IAQI]) -> int | None:
    """AQI = max(IAQI_1 … IAQI_n) over the indicators that have an index (formula (2))."""
    values = [i.value for i in iaqis.values() if i.value is not None]
    return max(values) if values else None


def primary_of(iaqis: Mapping[str, IAQI], aqi: int | None) -> tuple[str, ...]:
    """首要污染物: only when AQI > 50, every indicator whose IAQI equals the AQI (ties together)."""
    if aqi is None or aqi <= 50:
        return ()
    return tuple(k for k, v in iaqis.items() if v.value == aqi)
