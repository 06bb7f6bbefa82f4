"""The JSON forecasts, from a file or an API request body (``docs/emergency_forecasts.md``);
errors name the JSON path of the bad value (``file:$.forecasts[0].days[2].aqi: …``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from lantian.emergency.forecast.fields import (
    parse_aqi,
    parse_category,
    parse_day,
    parse_pollutants,
    parse_time,
)
from lantian.emergency.forecast.reading import ForecastError, Group, Locate, build, unreadable
from lantian.emergency.forecast.values import NO_VALUES, DailyForecast, Forecast, HourlyForecast


def read_forecasts_json(path: str | Path) -> tuple[Forecast, ...]:
    """``{"forecasts": [{"city", "issued", "days": [...], "hours": [...]}, ...]}`` (a bare list,
    or one forecast object, also accepted). See ``docs/emergency_forecasts.md``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ForecastError(p, None, f"无法打开文件 (cannot open file: {exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ForecastError(p, None, unreadable(exc)) from exc
    return parse_forecasts_json(text, p)


def parse_forecasts_json(text: str | bytes, origin: str | Path) -> tuple[Forecast, ...]:
    """The forecasts of a JSON document given as text or UTF-8 bytes (an API request body),
    read by the same rules as a file; errors name ``origin`` (``request body:$.forecasts[0]…``,
    ``request body:3: JSON 语法错误…``)."""
    p = Path(origin)
    try:
        doc = json.loads(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except UnicodeDecodeError as exc:
        raise ForecastError(p, None, unreadable(exc)) from exc
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
    groups: dict[tuple[str, datetime], Group] = {}
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
    return build(groups.values(), fail)


_JSON_FORECAST_KEYS = {"city", "issued", "days", "hours", "source"}
_JSON_DAY_KEYS = {"date", "aqi", "primary", "category"}
_JSON_HOUR_KEYS = {"end", "aqi", "primary"}


def _json_forecast(item: Any, at: str, fail: Locate) -> Group:
    obj = _json_object(item, at, _JSON_FORECAST_KEYS, fail)
    city = _json_text(obj, "city", at, fail, required=True)
    issued = _json_field(obj, "issued", at, fail, lambda v: parse_time(_str(v)), required=True)
    group = Group(city, issued, at, source=_json_text(obj, "source", at, fail))
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
        raise fail(at, NO_VALUES[1])
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
