"""What pages and the API show of the core's results, built once for both."""

from __future__ import annotations

from typing import Any

from lantian.emergency.levels import POLLUTANT_NAMES, Level
from lantian.emergency.lines import ReductionList
from lantian.emergency.reduction import CHECK_LEVELS, ListCheck
from lantian.web.emergency import models as m
from lantian.web.org.models import Area

#: How pages name the pollutants of the check.
POLLUTANT_LABELS = {code: en for code, (_zh, en) in POLLUTANT_NAMES.items()}


def levels_of(lines: Any) -> tuple[Level, ...]:
    """The levels a list is shown at: yellow, orange, red, and blue where a line has its own."""
    blue = any(Level.BLUE in ln.own for ln in lines)
    return ((Level.BLUE,) if blue else ()) + CHECK_LEVELS


def line_measures(lst: ReductionList) -> dict[str, list[dict[str, Any]]]:
    """Each line's measure per level (``lst``: an enterprise's active lines,
    :func:`.core.enterprise_list`): the text, whether it is the enterprise's own, and the share
    of the line's baseline emission it removes."""
    levels = levels_of(lst.lines)
    out: dict[str, list[dict[str, Any]]] = {}
    for ln in lst.lines:
        rows = []
        for level in levels:
            measure = lst.measure(ln, level)
            rows.append(
                {
                    "level": level.value,
                    "measure": measure.zh if measure is not None else "",
                    "own": level in ln.own,
                    "share": lst.r(ln, level),
                }
            )
        out[ln.line_id] = rows
    return out


def check_payload(
    city: Area, imported: m.ListImport, check: ListCheck, detail: bool
) -> dict[str, Any]:
    """The list check as JSON; the lines (closers, lines without a measure) only with
    ``detail`` (the command office)."""
    return {
        "city": city.pk,
        "city_name": city.name,
        "imported": imported,
        "basis": check.basis.name,
        "passes": check.passes,
        "results": [
            {
                "level": r.level.value,
                "pollutant": r.pollutant,
                "label": POLLUTANT_LABELS.get(r.pollutant, r.pollutant),
                "city": r.city,
                "ratio": r.ratio,
                "required": r.required,
                "achieved": r.achieved,
                "passes": r.passes,
                "shortfall": r.shortfall,
                "closable": r.closable,
                "closers": [
                    {
                        "line_id": c.line_id,
                        "label": c.label,
                        "current": c.current.zh if c.current is not None else "",
                        "proposed": c.proposed.zh,
                        "extra": c.extra,
                    }
                    for c in r.closers
                ]
                if detail
                else [],
            }
            for r in check.results
        ],
        "without_measure": {
            level.value: [ln.line_id for ln in lines]
            for level, lines in check.without_measure.items()
        }
        if detail
        else {},
    }
