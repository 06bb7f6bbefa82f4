"""Registries of the standard versions and the one in force on a date (standards_2026.md §5).

``aqi_standard(on=d)``, ``limits_standard(on=d)`` and ``evaluation_standard(on=d)`` give the version
in force on ``d``; ``aqi_standard("HJ 633-2026")`` the one named (spaces and case are ignored, so
``"HJ633-2026"`` works too). An unknown name raises :class:`UnknownStandardError`, whose message
lists the known names. A value belongs to the version in force for the period it describes:
an hourly value stamped 2026-03-01 00:00 (the hour 23:00–24:00 of 28 February) belongs to
28 February (:func:`period_date`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import ModuleType

from lantian.standards import (
    gb3095_2012,
    gb3095_2026,
    hj633_2012,
    hj633_2026,
    hj663_2013,
    hj663_2026,
)
from lantian.standards.gb3095_2012 import ZoneClass

#: First day of the 2026 standards (GB 3095-2026, HJ 633-2026, HJ 663-2026).
SWITCH_2026 = date(2026, 3, 1)
assert hj633_2026.IN_FORCE_FROM == SWITCH_2026
#: First day of GB 3095-2026 stage 2.
STAGE2_FROM = gb3095_2026.STAGE2_FROM


class UnknownStandardError(ValueError):
    """A standard version name that is not registered."""


@dataclass(frozen=True)
class LimitSet:
    """A set of concentration limits: GB 3095-2012 or one stage of GB 3095-2026."""

    name: str
    module: ModuleType
    stage: int | None = None

    def limit(self, pollutant: str, averaging: str, *, zone_class: ZoneClass = 2) -> Decimal:
        """Limit [µg/m³; CO mg/m³] of ``pollutant`` over ``averaging`` for a zone class."""
        if self.stage is None:
            return gb3095_2012.limit(pollutant, averaging, zone_class=zone_class)
        stage: gb3095_2026.Stage = 1 if self.stage == 1 else 2
        return gb3095_2026.limit(pollutant, averaging, zone_class=zone_class, stage=stage)


AQI_STANDARDS: dict[str, ModuleType] = {"HJ 633-2012": hj633_2012, "HJ 633-2026": hj633_2026}
LIMIT_STANDARDS: dict[str, LimitSet] = {
    "GB 3095-2012": LimitSet("GB 3095-2012", gb3095_2012),
    "GB 3095-2026/stage1": LimitSet("GB 3095-2026/stage1", gb3095_2026, 1),
    "GB 3095-2026/stage2": LimitSet("GB 3095-2026/stage2", gb3095_2026, 2),
}
EVALUATION_STANDARDS: dict[str, ModuleType] = {"HJ 663-2013": hj663_2013, "HJ 663-2026": hj663_2026}


def _key(name: str) -> str:
    return "".join(name.split()).upper()


def _lookup(registry: dict[str, object], name: str, kind: str) -> str:
    wanted = _key(name)
    for known in registry:
        if _key(known) == wanted:
            return known
    raise UnknownStandardError(f"unknown {kind} standard {name!r}; known: {', '.join(registry)}")


def _in_force(version: str | None, on: date | None, kind: str) -> date | None:
    if version is None and on is None:
        raise ValueError(f"give the {kind} standard's name or the date it applies on (on=...)")
    return on


def aqi_standard(version: str | None = None, *, on: date | None = None) -> ModuleType:
    """The HJ 633 module named, or in force on ``on`` (2012 before 2026-03-01)."""
    if version is not None:
        return AQI_STANDARDS[_lookup(dict(AQI_STANDARDS), version, "AQI")]
    d = _in_force(version, on, "AQI")
    assert d is not None
    return hj633_2012 if d < SWITCH_2026 else hj633_2026


def limits_standard(version: str | None = None, *, on: date | None = None) -> LimitSet:
    """The GB 3095 limit set named, or in force on ``on`` (2012; stage 1; stage 2 from 2031)."""
    if version is not None:
        return LIMIT_STANDARDS[_lookup(dict(LIMIT_STANDARDS), version, "limits")]
    d = _in_force(version, on, "limits")
    assert d is not None
    if d < SWITCH_2026:
        return LIMIT_STANDARDS["GB 3095-2012"]
    if d < STAGE2_FROM:
        return LIMIT_STANDARDS["GB 3095-2026/stage1"]
    return LIMIT_STANDARDS["GB 3095-2026/stage2"]


def evaluation_standard(version: str | None = None, *, on: date | None = None) -> ModuleType:
    """The HJ 663 module named, or in force on ``on`` (2013 before 2026-03-01)."""
    if version is not None:
        return EVALUATION_STANDARDS[_lookup(dict(EVALUATION_STANDARDS), version, "evaluation")]
    d = _in_force(version, on, "evaluation")
    assert d is not None
    return hj663_2013 if d < SWITCH_2026 else hj663_2026


def period_date(ts: datetime) -> date:
    """Calendar day of an hourly value labelled by the end of its hour: ``date(ts − 1 h)``.

    2026-03-01 00:00 → 2026-02-28 (the 24th hour of 28 February, under the 2012 rules).
    """
    return (ts - timedelta(hours=1)).date()


def aqi_standard_for_hour(ts: datetime) -> ModuleType:
    """HJ 633 module for an hourly value stamped ``ts`` (end of hour), by :func:`period_date`."""
    return aqi_standard(on=period_date(ts))


def standard_set(on: date) -> str:
    """Label of the standards in force on ``on``, e.g. ``GB3095-2012+HJ633-2012+HJ663-2013``."""
    parts = (limits_standard(on=on).name, aqi_standard(on=on).NAME, evaluation_standard(on=on).NAME)
    return "+".join(p.replace(" ", "") for p in parts)
