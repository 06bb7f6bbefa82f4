"""Reads the HJ 633 version modules of ``lantian.standards`` into :class:`AqiVersion` records."""

from __future__ import annotations

import importlib
from datetime import date
from functools import cache
from types import ModuleType
from typing import Any

from lantian.airquality.engine.versions import AqiVersion

#: Version modules in order of entry into force.
_MODULES: tuple[str, ...] = ("lantian.standards.hj633_2012", "lantian.standards.hj633_2026")


#: Versions that define the exceedance pollutant 超标污染物 (deleted by HJ 633-2026, 前言 item 4;
#: standards_2026.md §2.5). The version modules carry no flag for it.
_EXCEEDANCE: frozenset[str] = frozenset({"HJ 633-2012"})


def _precision(mod: ModuleType) -> dict[str, int]:
    src = (
        mod
        if hasattr(mod, "PRECISION")
        else importlib.import_module("lantian.standards.hj663_2013")
    )
    prec: dict[str, Any] = dict(src.PRECISION)
    return {p: int(prec[p]) for p in ("so2", "no2", "co", "o3", "pm10", "pm25")}


def _start(mod: ModuleType) -> date | None:
    """First day in force: the module's own constant, else the date the 2026 set of standards
    (GB 3095-2026, HJ 633-2026, HJ 663-2026) took effect together (standards_2026.md §0)."""
    for attr in ("IN_FORCE_FROM", "IN_FORCE", "EFFECTIVE_FROM"):
        v = getattr(mod, attr, None)
        if isinstance(v, date):
            return v
    if str(mod.NAME).endswith("-2026"):
        from lantian.standards import gb3095_2026

        return gb3095_2026.IN_FORCE_FROM
    return None


def _rule(mod: ModuleType, indicator: str) -> str | int:
    subs: dict[str, Any] = dict(getattr(mod, "SUBSTITUTES", {}))
    caps: dict[str, Any] = dict(getattr(mod, "CAPS", {}))
    if indicator in subs:
        return str(subs[indicator][1])
    if indicator in caps:
        cap = caps[indicator]
        return int(cap[1] if isinstance(cap, tuple) else cap)
    raise ValueError(f"{mod.__name__} states no rule above the table for {indicator}")


def _adapt(mod: ModuleType, start: date | None) -> AqiVersion:
    tables = dict(mod.BREAKPOINTS)
    daily = tuple(mod.DAILY_INDICATORS)
    return AqiVersion(
        name=str(mod.NAME),
        start=start,
        tables=tables,
        ndigits=_precision(mod),
        levels=tuple(mod.LEVELS),
        so2_1h_above=_rule(mod, "so2_1h"),
        o3_8h_above=_rule(mod, "o3_8h"),
        daily_o3_1h="o3_1h" in daily,
        exceedance=str(mod.NAME) in _EXCEEDANCE,
        realtime_profiles="CNEMC_PUBLISHED" in getattr(mod, "PROFILES", {}),
    )


@cache
def load_versions() -> tuple[AqiVersion, ...]:
    out: list[AqiVersion] = []
    for name in _MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        start = _start(mod)
        if out and start is None:
            raise ValueError(f"{name} has no date of entry into force")
        out.append(_adapt(mod, None if not out else start))
    return tuple(out)
