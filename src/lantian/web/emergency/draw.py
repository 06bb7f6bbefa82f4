"""The inspection draw while a warning is in force: weighted to the largest reductions, seeded
and reproducible (no Django here).

Weighting (``docs/emergency_platform.md``): an enterprise's weight is the share of the city's
daily emission it removes at the level in force, summed over SO2, NOx, PM and VOCs —
Σ_p (Σ_lines E_p,line × r_line(L)) / E_p,city — so that a tonne of a pollutant the city emits
little of counts more than a tonne of one it emits much of. An enterprise notified with no
counted reduction (transport measures only, 自主减排) takes the smallest positive weight of the
list, so that it can still be drawn, at the lowest chance. Without city emissions every
enterprise weighs its reduction in t/d summed over the pollutants.

Sampling without replacement (Efraimidis & Spirakis, 2006): each candidate, in the order of its
key, gets u from ``random.Random(seed)`` (u uniform in (0, 1]) and the score ln(u) / w; the
``size`` highest scores are drawn. The same seed and the same candidates give the same draw.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """An enterprise that may be drawn; ``key`` orders the candidates (its number in the list)."""

    key: str
    label: str
    weight: float


def weights(
    reductions: Mapping[str, Mapping[str, float]], city_daily: Mapping[str, float] | None
) -> dict[str, float]:
    """Weight of each enterprise from its reductions [t/d] by pollutant (module rule)."""
    raw: dict[str, float] = {}
    for key, by_pollutant in reductions.items():
        if city_daily:
            raw[key] = sum(
                v / city_daily[p] for p, v in by_pollutant.items() if city_daily.get(p, 0) > 0
            )
        else:
            raw[key] = sum(by_pollutant.values())
    positive = [w for w in raw.values() if w > 0]
    floor = min(positive) if positive else 1.0
    return {key: w if w > 0 else floor for key, w in raw.items()}


def weighted_draw(candidates: Sequence[Candidate], size: int, seed: int) -> list[Candidate]:
    """``size`` candidates drawn without replacement, likelier the heavier (module rule); in the
    order drawn (highest score first)."""
    if size < 0:
        raise ValueError("size must not be negative")
    rng = random.Random(seed)
    scored: list[tuple[float, str, Candidate]] = []
    for c in sorted(candidates, key=lambda c: c.key):
        u = 1.0 - rng.random()  # in (0, 1]
        if c.weight > 0:
            scored.append((math.log(u) / c.weight, c.key, c))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [c for _score, _key, c in scored[:size]]
