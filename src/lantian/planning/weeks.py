"""ISO weeks (ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday).

Weekly reports and the weekly dispatch (调度) are counted in ISO weeks, written ``2019-W36``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week; ``IsoWeek(2019, 36)`` is Monday 2019-09-02 … Sunday 2019-09-08."""

    year: int
    week: int

    def __post_init__(self) -> None:
        # date.fromisocalendar refuses week 53 in a 52-week year and any week outside 1..53.
        try:
            date.fromisocalendar(self.year, self.week, 1)
        except ValueError as exc:
            raise ValueError(f"无效的ISO周 / invalid ISO week {self.year}-W{self.week}") from exc

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        """The ISO week that contains ``day``."""
        y, w, _ = day.isocalendar()
        return cls(y, w)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``"2019-W36"`` → ``IsoWeek(2019, 36)``."""
        m = _WEEK.match(text.strip())
        if not m:
            raise ValueError(f"周的格式应为 2019-W36 / week must look like 2019-W36, got {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    def day(self, isoweekday: int) -> date:
        """The date of weekday ``isoweekday`` (1 = Monday … 7 = Sunday) in this week."""
        return date.fromisocalendar(self.year, self.week, isoweekday)

    @property
    def monday(self) -> date:
        return self.day(1)

    @property
    def sunday(self) -> date:
        return self.day(7)

    def shift(self, weeks: int) -> IsoWeek:
        """The week ``weeks`` later (negative: earlier)."""
        return IsoWeek.of(self.monday + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def weeks_between(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    """Every ISO week from ``first`` to ``last`` inclusive (empty when ``last`` is earlier)."""
    out: list[IsoWeek] = []
    w = first
    while w <= last:
        out.append(w)
        w = w.shift(1)
    return out
