"""The level of an episode under a scheme's rules (spec warnings.md §3 step 5).

Levels are tried from the highest down; the first alternative whose clauses all hold decides,
and the grade keeps that alternative (the rule that fired), the durations the forecast gives
and the windows that made them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lantian.emergency.episodes import HEAVY, Duration, Episode, Window, episodes
from lantian.emergency.levels import Level, colour_zh
from lantian.emergency.schemes import (
    Alternative,
    Clause,
    LevelRule,
    Note,
    alternative_en,
    alternative_zh,
    rule_en,
    rule_zh,
)


@dataclass(frozen=True)
class Grade:
    """The level of one episode and why.

    ``alternative``: the clauses that fired (``None`` when no level was met); ``durations``:
    for each clause threshold, what the forecast gives; ``trigger``: the windows behind the
    clauses that fired (all the episode's polluted windows when none fired).
    """

    episode: Episode
    level: Level | None
    alternative: Alternative | None
    durations: tuple[Duration, ...]
    trigger: tuple[Window, ...]
    lowest: LevelRule | None

    @property
    def rule(self) -> Note:
        """The rule that fired, or why none did."""
        if self.level is not None and self.alternative is not None:
            return Note(
                rule_zh(self.level, self.alternative), rule_en(self.level, self.alternative)
            )
        if self.lowest is None:
            return Note("无适用级别 → 无预警", "no level defined → no warning")
        zh = " 或 ".join(alternative_zh(a) for a in self.lowest.any_of)
        en = " or ".join(alternative_en(a) for a in self.lowest.any_of)
        level = self.lowest.level
        return Note(
            f"未达{colour_zh(level)}条件（{zh}）→ 无预警",
            f"below the {level.value} condition ({en}) → no warning",
        )

    @property
    def observed(self) -> Note:
        """What the forecast gives: ``AQI>200 共72小时，AQI>300 最长24小时``."""
        zh: list[str] = []
        en: list[str] = []
        for d in self.durations:
            shown = f"AQI≥{d.min_aqi}" if d.min_aqi % 50 == 0 else f"AQI>{d.min_aqi - 1}"
            if d.min_aqi - 1 == HEAVY:
                zh.append(f"{shown} 共{d.hours}小时")
                en.append(f"{shown} {d.hours} h in all")
            else:
                zh.append(f"{shown} 最长{d.hours}小时")
                en.append(f"{shown} {d.hours} h at most")
        return Note("预报：" + "，".join(zh), "forecast: " + ", ".join(en))


def _holds(clause: Clause, durations: dict[int, Duration]) -> bool:
    return durations[clause.min_aqi].hours >= clause.hours


def grade_episode(ep: Episode, rules: Sequence[LevelRule]) -> Grade:
    """The highest level of ``rules`` whose condition the episode meets."""
    ordered = sorted(rules, key=lambda r: r.level.rank, reverse=True)
    thresholds = sorted({c.min_aqi for r in ordered for a in r.any_of for c in a} | {HEAVY + 1})
    durations = {t: ep.duration(t) for t in thresholds}
    for rule in ordered:
        for alt in rule.any_of:
            if all(_holds(c, durations) for c in alt):
                used: dict[str, Window] = {}
                for c in alt:
                    for w in durations[c.min_aqi].windows:
                        used[w.label] = w
                trigger = tuple(sorted(used.values(), key=lambda w: w.end))
                return Grade(ep, rule.level, alt, _shown(durations), trigger, None)
    lowest = ordered[-1] if ordered else None
    return Grade(ep, None, None, _shown(durations), ep.polluted, lowest)


def _shown(durations: dict[int, Duration]) -> tuple[Duration, ...]:
    """The durations worth showing: D200, and the higher thresholds up to 300."""
    return tuple(d for t, d in sorted(durations.items()) if t <= 301 or d.hours > 0)


def grade_all(
    ws: Sequence[Window], rules: Sequence[LevelRule], lift_hours: int, lift_inclusive: bool
) -> tuple[Grade, ...]:
    """Every episode of the windows, graded."""
    return tuple(grade_episode(ep, rules) for ep in episodes(ws, lift_hours, lift_inclusive))


def top(grades: Sequence[Grade]) -> Grade | None:
    """The grade that decides: the highest level, the earliest of equal ones."""
    best: Grade | None = None
    for g in grades:
        if best is None or _rank(g) > _rank(best):
            best = g
    return best


def _rank(g: Grade) -> int:
    return 0 if g.level is None else g.level.rank
