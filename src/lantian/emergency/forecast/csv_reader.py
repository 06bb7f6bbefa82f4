"""The CSV forecast file: one row per forecast day or hourly window, rows of the same city and
issue time forming one forecast (``docs/emergency_forecasts.md``).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from lantian.emergency.forecast.fields import (
    parse_aqi,
    parse_category,
    parse_day,
    parse_pollutants,
    parse_time,
)
from lantian.emergency.forecast.reading import ForecastError, Group, build, unreadable
from lantian.emergency.forecast.values import DailyForecast, Forecast, HourlyForecast

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
            raise ForecastError(p, 1, unreadable(exc)) from exc
        cols = _csv_header(p, header)
        groups: dict[tuple[str, datetime], Group] = {}
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
            raise ForecastError(p, reader.line_num + 1, unreadable(exc)) from exc
    if not groups:
        raise ForecastError(p, None, "文件中没有预报 (no forecast in the file)")
    return build(groups.values(), lambda where, reason: ForecastError(p, where, reason))


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
    values: Mapping[str, str], line: int, groups: dict[tuple[str, datetime], Group]
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
    group = groups.setdefault((city, issued), Group(city, issued, line))
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
