"""What the SQL builders need to know about an HJ 633 version, taken from ``lantian.standards``.

This module only *adapts* the standards' tables and rules into one small record per version
(:class:`AqiVersion`); it types no number of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import ModuleType
from typing import Any

from lantian.standards.aqi_result import Level
from lantian.standards.iaqi_formula import Table
from lantian.standards.versions import AQI_STANDARDS


@dataclass(frozen=True)
class AqiVersion:
    """One HJ 633 version as the SQL builders use it.

    ``so2_1h_above``: what the SO2 1-h index becomes above the 1-h table — ``"so2_24h"`` (2012
    note ⁽²⁾: the 24-hour IAQI) or a fixed index (2026 ᵇ: 200). ``o3_8h_above`` likewise:
    ``"o3_1h"`` (2012 note ⁽³⁾) or a fixed index (2026 ᶜ: 300).
    """

    name: str
    start: date | None  # first day in force (None: since ever)
    tables: Mapping[str, Table]
    ndigits: Mapping[str, int]  # reporting decimals per pollutant (co: 1)
    levels: tuple[Level, ...]
    so2_1h_above: str | int
    o3_8h_above: str | int
    daily_o3_1h: bool  # the daily AQI includes the O3 daily maximum 1-h value
    exceedance: bool  # the version defines 超标污染物 (IAQI > 100)
    withholds_incomplete: bool  # AQI published only when > 100 if an indicator is missing
    realtime_profiles: bool  # the 2012 real-time profiles apply (else the single 2026 method)


def _rule_above_table(mod: ModuleType, indicator: str) -> str | int:
    """What the version says an index becomes above its table: a substitute indicator's name
    or a fixed index (see :class:`AqiVersion`)."""
    subs: dict[str, Any] = dict(getattr(mod, "SUBSTITUTES", {}))
    caps: dict[str, Any] = dict(getattr(mod, "CAPS", {}))
    if indicator in subs:
        return str(subs[indicator][1])
    if indicator in caps:
        cap = caps[indicator]
        return int(cap[1] if isinstance(cap, tuple) else cap)
    raise ValueError(f"{mod.__name__} states no rule above the table for {indicator}")


def _adapt(mod: ModuleType) -> AqiVersion:
    """One HJ 633 version module of ``lantian.standards`` as an :class:`AqiVersion`."""
    daily = tuple(mod.DAILY_INDICATORS)
    return AqiVersion(
        name=str(mod.NAME),
        start=mod.IN_FORCE_FROM,
        tables=dict(mod.BREAKPOINTS),
        ndigits={p: int(mod.PRECISION[p]) for p in ("so2", "no2", "co", "o3", "pm10", "pm25")},
        levels=tuple(mod.LEVELS),
        so2_1h_above=_rule_above_table(mod, "so2_1h"),
        o3_8h_above=_rule_above_table(mod, "o3_8h"),
        daily_o3_1h="o3_1h" in daily,
        exceedance=bool(mod.HAS_EXCEEDANCE),
        withholds_incomplete=bool(mod.WITHHOLDS_INCOMPLETE_AQI),
        realtime_profiles="CNEMC_PUBLISHED" in getattr(mod, "PROFILES", {}),
    )


@cache
def aqi_versions() -> tuple[AqiVersion, ...]:
    """Every HJ 633 version known to ``lantian.standards``, oldest first."""
    mods = sorted(
        AQI_STANDARDS.values(), key=lambda m: (m.IN_FORCE_FROM is not None, m.IN_FORCE_FROM)
    )
    return tuple(_adapt(m) for m in mods)


def pick_versions(name: str | None) -> tuple[AqiVersion, ...]:
    """All versions (each for its own dates) when ``name`` is None, else the named one only."""
    versions = aqi_versions()
    if name is None:
        return versions
    for v in versions:
        if v.name == name:
            return (v,)
    known = ", ".join(v.name for v in versions)
    raise ValueError(f"未知的AQI标准版本 / unknown aqi_version {name!r}; known: {known}")
