"""Reads the HJ 633 version modules of ``lantian.standards`` into :class:`AqiVersion` records."""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any

from lantian.airquality.engine.versions import AqiVersion
from lantian.standards.versions import AQI_STANDARDS


def _rule(mod: ModuleType, indicator: str) -> str | int:
    subs: dict[str, Any] = dict(getattr(mod, "SUBSTITUTES", {}))
    caps: dict[str, Any] = dict(getattr(mod, "CAPS", {}))
    if indicator in subs:
        return str(subs[indicator][1])
    if indicator in caps:
        cap = caps[indicator]
        return int(cap[1] if isinstance(cap, tuple) else cap)
    raise ValueError(f"{mod.__name__} states no rule above the table for {indicator}")


def _adapt(mod: ModuleType) -> AqiVersion:
    daily = tuple(mod.DAILY_INDICATORS)
    return AqiVersion(
        name=str(mod.NAME),
        start=mod.IN_FORCE_FROM,
        tables=dict(mod.BREAKPOINTS),
        ndigits={p: int(mod.PRECISION[p]) for p in ("so2", "no2", "co", "o3", "pm10", "pm25")},
        levels=tuple(mod.LEVELS),
        so2_1h_above=_rule(mod, "so2_1h"),
        o3_8h_above=_rule(mod, "o3_8h"),
        daily_o3_1h="o3_1h" in daily,
        exceedance=bool(mod.HAS_EXCEEDANCE),
        withholds_incomplete=bool(mod.WITHHOLDS_INCOMPLETE_AQI),
        realtime_profiles="CNEMC_PUBLISHED" in getattr(mod, "PROFILES", {}),
    )


@cache
def load_versions() -> tuple[AqiVersion, ...]:
    """Every registered HJ 633 version, oldest first."""
    mods = sorted(
        AQI_STANDARDS.values(), key=lambda m: (m.IN_FORCE_FROM is not None, m.IN_FORCE_FROM)
    )
    return tuple(_adapt(m) for m in mods)
