"""AQI forecasts (空气质量预报) as values, and the readers of forecast files (CSV and JSON).

A :class:`Forecast` is what a forecasting centre issues for a city at one moment: for each of the
next up-to-7 days the daily AQI (a value or a range such as ``180-220``), the primary
pollutant(s) and optionally the HJ 633 category; optionally also the AQI of running 24-hour
windows hour by hour (spec warnings.md §1, §3). Its identity is (city, issue time): two forecasts
issued for the same city at the same moment are the same forecast.

Times are aware datetimes in Asia/Shanghai (Beijing time); a file's naive times are read as
Beijing time, times with an offset are converted. A daily value covers the calendar day
00:00–24:00; an hourly value is the AQI of the 24 hours ending at its time (the store's
convention: a time labels the end of what it describes).

File formats: ``docs/emergency_forecasts.md``. A bad file is refused whole with
``file:line: 中文 (English)`` (JSON: ``file:$.path: …``), never half-read.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from lantian.airquality.errors import IngestError
from lantian.standards.hj633_2012 import LEVELS as AQI_LEVELS

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: A forecast covers at most the next 7 days (issue #4: "for the next 7 days").
MAX_DAYS = 7
#: AQI is an integer index from 0 to 500 (HJ 633: values above the table are shown as 500).
AQI_MAX = 500
DAY = timedelta(hours=24)
HOUR = timedelta(hours=1)


class ForecastError(IngestError):
    """A forecast file that cannot be read; the whole file is refused.

    ``line`` is the 1-based line of a CSV file (header = line 1); for JSON, ``pointer`` is the
    path of the bad value (``$.forecasts[0].days[2].aqi``) and ``line`` is set only for syntax
    errors.
    """

    def __init__(
        self, path: str | Path, line: int | None, reason: str, pointer: str | None = None
    ) -> None:
        super().__init__(path, line, reason)
        self.pointer = pointer

    def __str__(self) -> str:
        if self.pointer is not None:
            return f"{self.path}:{self.pointer}: {self.reason}"
        return super().__str__()


# --------------------------------------------------------------------------- values


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


#: Pollutant codes of a forecast's primary pollutant (the store's names; O3 without its period).
POLLUTANTS: tuple[str, ...] = ("pm25", "pm10", "o3", "so2", "no2", "co")
POLLUTANT_LABEL: dict[str, str] = {
    "pm25": "PM2.5",
    "pm10": "PM10",
    "o3": "O3",
    "so2": "SO2",
    "no2": "NO2",
    "co": "CO",
}
#: Names files use for the primary pollutant (lower case, spaces removed).
_POLLUTANT_NAMES: dict[str, str] = {
    **{code: code for code in POLLUTANTS},
    **{label.lower(): code for code, label in POLLUTANT_LABEL.items()},
    "pm₂.₅": "pm25",
    "细颗粒物": "pm25",
    "细颗粒物(pm2.5)": "pm25",
    "可吸入颗粒物": "pm10",
    "颗粒物(pm10)": "pm10",
    "可吸入颗粒物(pm10)": "pm10",
    "臭氧": "o3",
    "臭氧8小时": "o3",
    "臭氧1小时": "o3",
    "o3_8h": "o3",
    "o3_1h": "o3",
    "o3-8h": "o3",
    "二氧化硫": "so2",
    "二氧化氮": "no2",
    "一氧化碳": "co",
}
_LIST_SEP = re.compile(r"[/,，、;；+\s]+")


def parse_pollutants(text: str) -> tuple[str, ...]:
    """``"PM2.5/PM10"`` → ``("pm25", "pm10")``; empty text (or ``—``) → ``()``."""
    out: list[str] = []
    for part in _LIST_SEP.split(text.strip()):
        if part in ("", "-", "—", "无"):
            continue
        code = _POLLUTANT_NAMES.get(part.lower().replace("（", "(").replace("）", ")"))
        if code is None:
            raise ValueError(
                f"未知的首要污染物 {part!r} (unknown primary pollutant {part!r}; "
                f"expected {', '.join(POLLUTANT_LABEL.values())})"
            )
        if code not in out:
            out.append(code)
    return tuple(out)


#: HJ 633 category names (类别) → category number 1 (优) … 6 (严重污染).
_CATEGORY_NAMES: dict[str, int] = {
    name.lower(): lv.number
    for lv in AQI_LEVELS
    for name in (lv.category_zh, lv.category_en, lv.name_zh, str(lv.number))
}
_CATEGORY_RANGE = re.compile(r"\s*(?:-|~|～|至|到|—|–)\s*")


def parse_category(text: str) -> tuple[int, int] | None:
    """``"重度污染"`` → ``(5, 5)``; ``"中度污染-重度污染"`` → ``(4, 5)``; empty → ``None``."""
    t = text.strip()
    if not t:
        return None
    parts = _CATEGORY_RANGE.split(t)
    if len(parts) > 2:
        parts = [t]
    numbers: list[int] = []
    for part in parts:
        n = _CATEGORY_NAMES.get(part.strip().lower())
        if n is None:
            raise ValueError(
                f"未知的空气质量类别 {t!r}，应为 优/良/轻度污染/中度污染/重度污染/严重污染 "
                f"(unknown air-quality category {t!r})"
            )
        numbers.append(n)
    lo, hi = numbers[0], numbers[-1]
    if lo > hi:
        raise ValueError(
            f"类别范围的下限高于上限：{t!r} (category range goes from high to low: {t!r})"
        )
    return lo, hi


def category_text(category: tuple[int, int] | None) -> str:
    """``(4, 5)`` → ``中度污染-重度污染``."""
    if category is None:
        return ""
    names = {lv.number: lv.category_zh for lv in AQI_LEVELS}
    lo, hi = category
    return names[lo] if lo == hi else f"{names[lo]}-{names[hi]}"


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
                _check_identity(self.city, self.issued),
                _check_days(self.days, self.issued),
                _check_hours(self.hours),
                _check_cover(self.days, self.hours),
            )
            if p is not None
        ]
        if not self.days and not self.hours:
            problems.append(_NO_VALUES)
        if problems:
            raise ValueError(problems[0][1])

    @property
    def id(self) -> ForecastId:
        return ForecastId(self.city, self.issued)


# Each check returns (index of the first bad entry, reason) or None; the readers map the index
# to the line or JSON path, the constructor raises the reason.
Problem = tuple[int, str]
_NO_VALUES: Problem = (0, "预报没有任何日值或小时值 (the forecast has no daily or hourly value)")


def _check_identity(city: str, issued: datetime) -> Problem | None:
    if not city.strip():
        return 0, "城市为空 (empty city)"
    if issued.tzinfo is None:
        return 0, "发布时间缺少时区 (issue time is not time-zone aware)"
    return None


def _check_days(days: Sequence[DailyForecast], issued: datetime) -> Problem | None:
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


def _check_hours(hours: Sequence[HourlyForecast]) -> Problem | None:
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


def _check_cover(days: Sequence[DailyForecast], hours: Sequence[HourlyForecast]) -> Problem | None:
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


# --------------------------------------------------------------------------- field parsers

_AQI_TEXT = re.compile(r"^\s*(\d+)\s*(?:(?:-|~|～|–|—|至|到)\s*(\d+))?\s*$")


def parse_aqi(value: Any) -> AQIValue:
    """An AQI from a file: ``215``, ``"215"``, ``"180-220"`` (also ``~``, ``至``), ``[180, 220]``
    or ``{"lo": 180, "hi": 220}``."""
    if isinstance(value, bool):
        raise ValueError(f"AQI 应为整数或范围 (AQI must be an integer or a range, got {value!r})")
    if isinstance(value, int):
        return AQIValue.exact(value)
    if isinstance(value, float) and value.is_integer():
        return AQIValue.exact(int(value))
    if isinstance(value, list) and len(value) == 2:
        return AQIValue(_int_aqi(value[0]), _int_aqi(value[1]))
    if isinstance(value, dict) and set(value) == {"lo", "hi"}:
        return AQIValue(_int_aqi(value["lo"]), _int_aqi(value["hi"]))
    if isinstance(value, str):
        m = _AQI_TEXT.match(value)
        if m:
            lo = int(m.group(1))
            return AQIValue(lo, int(m.group(2)) if m.group(2) else lo)
        if not value.strip():
            raise ValueError("缺少 AQI (AQI missing)")
    raise ValueError(
        f"AQI 应为整数或范围如 180-220：{value!r} "
        f"(AQI must be an integer or a range such as 180-220, got {value!r})"
    )


def _int_aqi(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"AQI 应为整数：{value!r} (AQI must be an integer, got {value!r})")


def parse_time(text: str) -> datetime:
    """An ISO time (``2019-01-10T16:00``, ``2019-01-10 16:00+08:00``) as Beijing time; naive
    times are taken as Beijing time."""
    t = text.strip()
    try:
        moment = datetime.fromisoformat(t)
    except ValueError:
        moment = None
    if moment is None or len(t) <= 10:
        raise ValueError(
            f"时间应为 YYYY-MM-DDTHH:MM[+08:00]：{text!r} "
            f"(time must be YYYY-MM-DDTHH:MM[+08:00], got {text!r})"
        )
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SHANGHAI)
    return moment.astimezone(SHANGHAI)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"日期应为 YYYY-MM-DD：{text!r} (date must be YYYY-MM-DD, got {text!r})"
        ) from None


# --------------------------------------------------------------------------- readers


def read_forecasts(path: str | Path) -> tuple[Forecast, ...]:
    """Read a forecast file (``.csv`` or ``.json``), every forecast in it, in file order."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return read_forecasts_csv(p)
    if suffix == ".json":
        return read_forecasts_json(p)
    raise ForecastError(
        p, None, f"不支持的文件类型 {suffix!r}，应为 .csv 或 .json (unsupported file type)"
    )


#: CSV columns and the names a file may give them (the first is lantian's; 中文 accepted).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "city": ("city", "城市"),
    "issued": ("issued", "发布时间"),
    "date": ("date", "日期"),
    "window_end": ("window_end", "窗口结束时间"),
    "aqi": ("aqi", "AQI"),
    "primary": ("primary", "首要污染物"),
    "category": ("category", "类别", "空气质量类别"),
    "source": ("source", "来源"),
}
_CSV_ALIASES = {alias.lower(): col for col, names in CSV_COLUMNS.items() for alias in names}


@dataclass
class _Group:
    """The rows of one forecast while a file is read, each with where it came from (a CSV line
    or a JSON path)."""

    city: str
    issued: datetime
    where: Any
    source: str = ""
    days: list[tuple[DailyForecast, Any]] = field(default_factory=list)
    hours: list[tuple[HourlyForecast, Any]] = field(default_factory=list)


#: Makes the error for an entry: (where, reason) → error.
Locate = Callable[[Any, str], ForecastError]


def read_forecasts_csv(path: str | Path) -> tuple[Forecast, ...]:
    """One row per forecast day (``date``) or hourly window (``window_end``); rows with the same
    ``city`` and ``issued`` form one forecast. See ``docs/emergency_forecasts.md``."""
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ForecastError(p, None, f"无法打开文件 (cannot open file: {exc.strerror})") from exc
    with fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise ForecastError(p, 1, "文件为空 (empty file)") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ForecastError(p, 1, _unreadable(exc)) from exc
        cols = _csv_header(p, header)
        groups: dict[tuple[str, datetime], _Group] = {}
        try:
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    raise ForecastError(
                        p,
                        line,
                        f"字段过多：{len(row)}/{len(header)} (too many fields: "
                        f"{len(row)} for {len(header)} columns)",
                    )
                values = {c: (row[i].strip() if i < len(row) else "") for c, i in cols.items()}
                try:
                    _csv_row(values, line, groups)
                except ValueError as exc:
                    raise ForecastError(p, line, str(exc)) from exc
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ForecastError(p, reader.line_num + 1, _unreadable(exc)) from exc
    if not groups:
        raise ForecastError(p, None, "文件中没有预报 (no forecast in the file)")
    return _build(groups.values(), lambda where, reason: ForecastError(p, where, reason))


def _unreadable(exc: Exception) -> str:
    return f"无法读取：{exc} (unreadable: {exc})"


def _csv_header(path: Path, header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, name in enumerate(header):
        col = _CSV_ALIASES.get(name.strip().lower())
        if col is None:
            raise ForecastError(
                path,
                1,
                f"未知列 {name!r} (unknown column {name!r}; known: {', '.join(CSV_COLUMNS)})",
            )
        if col in cols:
            raise ForecastError(path, 1, f"列 {col!r} 重复 (column {col!r} given twice)")
        cols[col] = i
    missing = [c for c in ("city", "issued", "aqi") if c not in cols]
    if "date" not in cols and "window_end" not in cols:
        missing.append("date | window_end")
    if missing:
        raise ForecastError(
            path, 1, f"缺少列：{', '.join(missing)} (missing columns: {', '.join(missing)})"
        )
    return cols


def _csv_row(
    values: Mapping[str, str], line: int, groups: dict[tuple[str, datetime], _Group]
) -> None:
    city = values["city"]
    if not city:
        raise ValueError("城市为空 (empty city)")
    issued = parse_time(values["issued"])
    day_text, end_text = values.get("date", ""), values.get("window_end", "")
    if bool(day_text) == bool(end_text):
        raise ValueError(
            "每行应填 date（日值）或 window_end（小时值）之一 "
            "(each row gives either date, a daily value, or window_end, an hourly value)"
        )
    aqi = parse_aqi(values["aqi"])
    primary = parse_pollutants(values.get("primary", ""))
    group = groups.setdefault((city, issued), _Group(city, issued, line))
    source = values.get("source", "")
    if source:
        group.source = group.source or source
    if day_text:
        category = parse_category(values.get("category", ""))
        group.days.append((DailyForecast(parse_day(day_text), aqi, primary, category), line))
    else:
        if values.get("category"):
            raise ValueError("小时值不填类别 (an hourly value takes no category)")
        group.hours.append((HourlyForecast(parse_time(end_text), aqi, primary), line))


def _build(groups: Iterable[_Group], locate: Locate) -> tuple[Forecast, ...]:
    """Check each group's sequence (reporting the entry at fault) and make the forecasts."""
    out: list[Forecast] = []
    for g in groups:
        days = sorted(g.days, key=lambda e: e[0].day)
        hours = sorted(g.hours, key=lambda e: e[0].end)
        for problem, entries in (
            (_check_days([d for d, _ in days], g.issued), days),
            (_check_hours([h for h, _ in hours]), hours),
            (_check_cover([d for d, _ in days], [h for h, _ in hours]), hours),
        ):
            if problem is not None:
                index, reason = problem
                raise locate(entries[index][1], reason)
        out.append(
            Forecast(
                g.city,
                g.issued,
                tuple(d for d, _ in days),
                tuple(h for h, _ in hours),
                g.source,
            )
        )
    return tuple(out)


def read_forecasts_json(path: str | Path) -> tuple[Forecast, ...]:
    """``{"forecasts": [{"city", "issued", "days": [...], "hours": [...]}, ...]}`` (a bare list,
    or one forecast object, also accepted). See ``docs/emergency_forecasts.md``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ForecastError(p, None, f"无法打开文件 (cannot open file: {exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ForecastError(p, None, _unreadable(exc)) from exc
    return parse_forecasts_json(text, p)


def parse_forecasts_json(text: str | bytes, origin: str | Path) -> tuple[Forecast, ...]:
    """The forecasts of a JSON document given as text or UTF-8 bytes (an API request body),
    read by the same rules as a file; errors name ``origin`` (``request body:$.forecasts[0]…``,
    ``request body:3: JSON 语法错误…``)."""
    p = Path(origin)
    try:
        doc = json.loads(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except UnicodeDecodeError as exc:
        raise ForecastError(p, None, _unreadable(exc)) from exc
    except json.JSONDecodeError as exc:
        raise ForecastError(
            p, exc.lineno, f"JSON 语法错误：{exc.msg} (JSON syntax error: {exc.msg})"
        ) from exc

    def fail(pointer: Any, reason: str) -> ForecastError:
        return ForecastError(p, None, reason, pointer)

    if isinstance(doc, dict) and "forecasts" in doc:
        items, base = doc["forecasts"], "$.forecasts"
    elif isinstance(doc, dict):
        items, base = [doc], "$"
    else:
        items, base = doc, "$"
    if not isinstance(items, list):
        raise fail(base, "应为预报列表 (expected a list of forecasts)")
    if not items:
        raise fail(base, "文件中没有预报 (no forecast in the file)")
    groups: dict[tuple[str, datetime], _Group] = {}
    for i, item in enumerate(items):
        at = f"{base}[{i}]" if base != "$" or isinstance(doc, list) else "$"
        group = _json_forecast(item, at, fail)
        key = (group.city, group.issued)
        if key in groups:
            raise fail(
                at,
                f"同一城市同一发布时间的预报重复（首见于 {groups[key].where}）"
                f"(the same city and issue time appear twice; first at {groups[key].where})",
            )
        groups[key] = group
    return _build(groups.values(), fail)


_JSON_FORECAST_KEYS = {"city", "issued", "days", "hours", "source"}
_JSON_DAY_KEYS = {"date", "aqi", "primary", "category"}
_JSON_HOUR_KEYS = {"end", "aqi", "primary"}


def _json_forecast(item: Any, at: str, fail: Locate) -> _Group:
    obj = _json_object(item, at, _JSON_FORECAST_KEYS, fail)
    city = _json_text(obj, "city", at, fail, required=True)
    issued = _json_field(obj, "issued", at, fail, lambda v: parse_time(_str(v)), required=True)
    group = _Group(city, issued, at, source=_json_text(obj, "source", at, fail))
    for key, keys in (("days", _JSON_DAY_KEYS), ("hours", _JSON_HOUR_KEYS)):
        entries = obj.get(key, [])
        if not isinstance(entries, list):
            raise fail(f"{at}.{key}", "应为列表 (expected a list)")
        for j, entry in enumerate(entries):
            where = f"{at}.{key}[{j}]"
            e = _json_object(entry, where, keys, fail)
            aqi = _json_field(e, "aqi", where, fail, parse_aqi, required=True)
            primary = _json_field(e, "primary", where, fail, _primary_json) or ()
            if key == "days":
                day = _json_field(
                    e, "date", where, fail, lambda v: parse_day(_str(v)), required=True
                )
                category = _json_field(
                    e, "category", where, fail, lambda v: parse_category(_str(v))
                )
                group.days.append((DailyForecast(day, aqi, primary, category), where))
            else:
                end = _json_field(
                    e, "end", where, fail, lambda v: parse_time(_str(v)), required=True
                )
                group.hours.append((HourlyForecast(end, aqi, primary), where))
    if not group.days and not group.hours:
        raise fail(at, _NO_VALUES[1])
    return group


def _json_object(item: Any, at: str, keys: set[str], fail: Locate) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise fail(at, "应为对象 (expected an object)")
    unknown = sorted(set(item) - keys)
    if unknown:
        raise fail(
            f"{at}.{unknown[0]}",
            f"未知字段 {unknown[0]!r} (unknown field {unknown[0]!r}; "
            f"known: {', '.join(sorted(keys))})",
        )
    return item


def _json_field(
    obj: Mapping[str, Any],
    key: str,
    at: str,
    fail: Locate,
    parse: Callable[[Any], Any],
    required: bool = False,
) -> Any:
    where = f"{at}.{key}"
    if key not in obj or obj[key] is None:
        if required:
            raise fail(where, f"缺少 {key} (missing {key})")
        return None
    try:
        return parse(obj[key])
    except ValueError as exc:
        raise fail(where, str(exc)) from exc


def _json_text(
    obj: Mapping[str, Any], key: str, at: str, fail: Locate, required: bool = False
) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise fail(f"{at}.{key}", f"{key} 应为非空文本 ({key} must be non-empty text)")
    return value.strip()


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"应为文本：{value!r} (expected text, got {value!r})")
    return value


def _primary_json(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return parse_pollutants("/".join(_str(v) for v in value))
    return parse_pollutants(_str(value))
