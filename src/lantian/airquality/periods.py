"""Evaluation periods: calendar spans of whole days (inclusive) named the way reports name them.

Accepted forms (``parse_period``):

- ``2019`` — calendar year; ``2019-Q1`` … ``2019-Q4`` — quarters;
  ``2019-H1``, ``2019-H2`` — half-years;
- ``2019-03`` — a month;
- ``2019-spring`` (Mar–May), ``2019-summer`` (Jun–Aug), ``2019-autumn`` (Sep–Nov),
  ``2019-winter`` (meteorological winter **beginning** in that year: Dec 2019 + Jan–Feb 2020);
- ``2019-heating`` — heating season 2019-10-01 … 2020-03-31 (采暖季, the convention of the
  autumn-winter campaigns 秋冬季攻坚);
- ``2019-01-01..2019-06-30`` — any inclusive range of days.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

ACCEPTED_FORMS = (
    "可接受的时段格式 / accepted forms: 2019 (年 year), 2019-Q1…Q4 (季度 quarter), "
    "2019-H1/H2 (半年 half-year), 2019-03 (月 month), "
    "2019-spring|summer|autumn|winter (季节 season; winter = 2019-12…2020-02), "
    "2019-heating (采暖季 2019-10-01…2020-03-31), 2019-01-01..2019-06-30 (日期范围 range)"
)

#: Meteorological seasons: (first month, number of months).
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 3),
    "summer": (6, 3),
    "autumn": (9, 3),
    "winter": (12, 3),
}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _shift_year(d: date, years: int) -> date:
    """Same calendar day ``years`` later; Feb 29 becomes Feb 28 in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class Period:
    """An inclusive span of calendar days ``start`` … ``end`` with a display label."""

    start: date
    end: date
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"时段结束早于开始 / period ends before it starts: {self.start}..{self.end}"
            )
        if not self.label:
            object.__setattr__(self, "label", f"{self.start.isoformat()}..{self.end.isoformat()}")

    @property
    def days(self) -> int:
        """Number of calendar days in the period."""
        return (self.end - self.start).days + 1

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.month == 1
            and self.start.day == 1
            and self.end == date(self.start.year, 12, 31)
        )

    def previous_year(self) -> Period:
        """The same calendar span one year earlier (同比 basis).

        A span ending on the last day of February ends on the last day of February of the
        previous year too (2020-02-01..2020-02-29 → 2019-02-01..2019-02-28), and a span ending
        on Feb 28 of a year before a leap year keeps Feb 28.
        """
        start = _shift_year(self.start, -1)
        end = _shift_year(self.end, -1)
        if self.end.month == 2 and self.end == _month_end(self.end.year, 2):
            end = _month_end(self.end.year - 1, 2)
        label = _previous_label(self.label)
        return Period(start, end, label or "")

    def until(self, d: date) -> Period:
        """The part of the period up to and including ``d`` (cumulative to date, 累计)."""
        if d < self.start:
            raise ValueError(f"{d} 早于时段开始 / is before the period starts ({self.start})")
        end = min(d, self.end)
        return Period(self.start, end, f"{self.label}..{end.isoformat()}")

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        out: list[tuple[int, int]] = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = _add_months(y, m, 1)
        return out


def _previous_label(label: str) -> str:
    m = re.match(r"^(\d{4})(-(?:Q[1-4]|H[12]|\d{2}|spring|summer|autumn|winter|heating))?$", label)
    if m:
        return f"{int(m.group(1)) - 1}{m.group(2) or ''}"
    return ""


def _month_span(year: int, first_month: int, n_months: int) -> tuple[date, date]:
    ey, em = _add_months(year, first_month, n_months - 1)
    return date(year, first_month, 1), _month_end(ey, em)


def parse_period(text: str) -> Period:
    """Parse a period name (see the module docstring); invalid text raises ``ValueError``."""
    t = text.strip()
    try:
        return _parse(t)
    except ValueError as exc:
        raise ValueError(
            f"无法识别的时段 / unrecognised period {text!r}. {ACCEPTED_FORMS}"
        ) from exc


def _parse(t: str) -> Period:
    if ".." in t:
        a, b = t.split("..", 1)
        return Period(date.fromisoformat(a.strip()), date.fromisoformat(b.strip()), t)
    m = re.fullmatch(r"(\d{4})(?:-(.+))?", t)
    if not m:
        raise ValueError(t)
    year = int(m.group(1))
    part = m.group(2)
    if part is None:
        return Period(date(year, 1, 1), date(year, 12, 31), t)
    if re.fullmatch(r"Q[1-4]", part):
        q = int(part[1])
        return Period(*_month_span(year, 3 * q - 2, 3), t)
    if re.fullmatch(r"H[12]", part):
        h = int(part[1])
        return Period(*_month_span(year, 6 * h - 5, 6), t)
    if re.fullmatch(r"\d{2}", part) and 1 <= int(part) <= 12:
        return Period(*_month_span(year, int(part), 1), t)
    if part in SEASONS:
        first, n = SEASONS[part]
        return Period(*_month_span(year, first, n), t)
    if part == "heating":
        return Period(date(year, 10, 1), date(year + 1, 3, 31), t)
    raise ValueError(t)
