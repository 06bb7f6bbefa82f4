"""Forecast values: the AQI (a value or a range), the daily and running-24-hour forecasts, and
the :class:`Forecast` of a city with the checks it must pass (the readers use the same checks to
name the bad line or JSON path). Times: see :mod:`lantian.emergency.forecast`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: A forecast covers at most the next 7 days (issue #4: "for the next 7 days").
MAX_DAYS = 7
#: AQI is an integer index from 0 to 500 (HJ 633: values above the table are shown as 500).
AQI_MAX = 500
DAY = timedelta(hours=24)
HOUR = timedelta(hours=1)


class RangeReading(StrEnum):
    """Which end of a forecast range (``180-220``) the grading uses.

    ``upper`` (default) is the cautious reading: a range reaching above 200 counts as heavy
    pollution. ``lower`` is the optimistic one, ``mid`` the midpoint rounded up.
    """

    UPPER = "upper"
    LOWER = "lower"
    MID = "mid"


@dataclass(frozen=True)
class AQIValue:
    """A forecast AQI: one value (``lo == hi``) or a range ``lo``–``hi``."""

    lo: int
    hi: int

    def __post_init__(self) -> None:
        if not 0 <= self.lo <= self.hi <= AQI_MAX:
            raise ValueError(
                f"AQI 应在 0–{AQI_MAX} 之间且下限不大于上限：{self} "
                f"(AQI must lie in 0–{AQI_MAX} with low ≤ high: {self})"
            )

    @classmethod
    def exact(cls, value: int) -> AQIValue:
        return cls(value, value)

    @property
    def is_range(self) -> bool:
        return self.lo != self.hi

    def read(self, reading: RangeReading = RangeReading.UPPER) -> int:
        """The value the grading uses under ``reading``."""
        if reading is RangeReading.LOWER:
            return self.lo
        if reading is RangeReading.MID:
            return -((self.lo + self.hi) // -2)
        return self.hi

    def __str__(self) -> str:
        return f"{self.lo}-{self.hi}" if self.is_range else str(self.lo)


@dataclass(frozen=True)
class DailyForecast:
    """The forecast for one calendar day (00:00–24:00 Beijing time)."""

    day: date
    aqi: AQIValue
    primary: tuple[str, ...] = ()
    category: tuple[int, int] | None = None

    @property
    def start(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, tzinfo=SHANGHAI)

    @property
    def end(self) -> datetime:
        return self.start + DAY


@dataclass(frozen=True)
class HourlyForecast:
    """The AQI of the running 24-hour window ending at ``end`` (an exact hour, Beijing time)."""

    end: datetime
    aqi: AQIValue
    primary: tuple[str, ...] = ()

    @property
    def start(self) -> datetime:
        return self.end - DAY


@dataclass(frozen=True)
class ForecastId:
    """What identifies a forecast: the city and the moment it was issued."""

    city: str
    issued: datetime

    def __str__(self) -> str:
        return f"{self.city} {self.issued.isoformat(timespec='minutes')}"


@dataclass(frozen=True)
class Forecast:
    """One forecast of one city, issued at ``issued`` (aware, Asia/Shanghai).

    ``days``: consecutive calendar days, at most :data:`MAX_DAYS`, none before the issue day.
    ``hours``: optional consecutive running-24-h values. At least one of the two is given.
    """

    city: str
    issued: datetime
    days: tuple[DailyForecast, ...] = ()
    hours: tuple[HourlyForecast, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        problems = [
            p
            for p in (
                check_identity(self.city, self.issued),
                check_days(self.days, self.issued),
                check_hours(self.hours),
                check_cover(self.days, self.hours),
            )
            if p is not None
        ]
        if not self.days and not self.hours:
            problems.append(NO_VALUES)
        if problems:
            raise ValueError(problems[0][1])

    @property
    def id(self) -> ForecastId:
        return ForecastId(self.city, self.issued)


# Each check returns (index of the first bad entry, reason) or None; the readers map the index
# to the line or JSON path, the constructor raises the reason.
Problem = tuple[int, str]
NO_VALUES: Problem = (0, "预报没有任何日值或小时值 (the forecast has no daily or hourly value)")


def check_identity(city: str, issued: datetime) -> Problem | None:
    if not city.strip():
        return 0, "城市为空 (empty city)"
    if issued.tzinfo is None:
        return 0, "发布时间缺少时区 (issue time is not time-zone aware)"
    return None


def check_days(days: Sequence[DailyForecast], issued: datetime) -> Problem | None:
    issue_day = issued.astimezone(SHANGHAI).date()
    for i, d in enumerate(days):
        if d.day < issue_day:
            return i, (
                f"预报日 {d.day} 早于发布日 {issue_day} "
                f"(forecast day {d.day} is before the issue day {issue_day})"
            )
        if i > 0 and d.day == days[i - 1].day:
            return i, f"预报日 {d.day} 重复 (forecast day {d.day} given twice)"
        if i > 0 and d.day != days[i - 1].day + timedelta(days=1):
            return i, (
                f"预报日不连续：{days[i - 1].day} 之后应为 {days[i - 1].day + timedelta(days=1)}，"
                f"实为 {d.day} (forecast days must be consecutive: "
                f"{days[i - 1].day + timedelta(days=1)} expected after {days[i - 1].day}, "
                f"got {d.day})"
            )
        if i >= MAX_DAYS:
            return i, (
                f"预报最多 {MAX_DAYS} 天，第 {i + 1} 天 {d.day} 超出 "
                f"(a forecast covers at most {MAX_DAYS} days; day {i + 1}, {d.day}, is beyond)"
            )
    return None


def check_hours(hours: Sequence[HourlyForecast]) -> Problem | None:
    for i, h in enumerate(hours):
        if h.end.tzinfo is None:
            return i, "时间缺少时区 (time is not time-zone aware)"
        if (h.end.minute, h.end.second, h.end.microsecond) != (0, 0, 0):
            return i, (
                f"小时值的时间应为整点：{h.end.isoformat()} "
                f"(an hourly value must be stamped on the hour: {h.end.isoformat()})"
            )
        if i > 0 and h.end != hours[i - 1].end + HOUR:
            prev = hours[i - 1].end + HOUR
            return i, (
                f"小时值不连续或重复：应为 {prev.isoformat(timespec='minutes')}，"
                f"实为 {h.end.isoformat(timespec='minutes')} (hourly values must be "
                f"consecutive: {prev.isoformat(timespec='minutes')} expected, got "
                f"{h.end.isoformat(timespec='minutes')})"
            )
        if i >= MAX_DAYS * 24:
            return i, (
                f"小时值最多 {MAX_DAYS * 24} 个 "
                f"(at most {MAX_DAYS * 24} hourly values, {MAX_DAYS} days)"
            )
    return None


def check_cover(days: Sequence[DailyForecast], hours: Sequence[HourlyForecast]) -> Problem | None:
    """Daily and hourly values together must leave no hole in time (index into ``hours``)."""
    if not days or not hours:
        return None
    first, last = hours[0], hours[-1]
    before = [d for d in days if d.end < first.end]
    after = [d for d in days if d.end > last.end]
    for index, hole in (
        (0, bool(before) and first.start > before[-1].end),
        (len(hours) - 1, bool(after) and after[0].start > last.end),
    ):
        if hole:
            return index, (
                "小时值与日值之间有时间空档 (hourly and daily values leave a gap in time)"
            )
    return None
