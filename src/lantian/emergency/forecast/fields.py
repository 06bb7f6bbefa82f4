"""The fields of a forecast file read one by one: the primary pollutant(s), the HJ 633 category,
the AQI and the times. Each parser raises ``ValueError`` with the reason (中文 (English)); the
readers add the file and line or JSON path.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from lantian.emergency.forecast.values import SHANGHAI, AQIValue
from lantian.standards.hj633_2012 import LEVELS as AQI_LEVELS
from lantian.standards.indicators import LABEL_ZH, POLLUTANT_OF

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
#: Names files use for the primary pollutant (lower case, spaces removed): the codes and labels
#: above, the CNEMC labels and indicator codes of :mod:`lantian.standards.indicators`
#: (``细颗粒物(PM2.5)``, ``臭氧8小时``, ``O3_8h`` as the engine writes it), and other names met in
#: forecasts.
_POLLUTANT_NAMES: dict[str, str] = {
    **{code: code for code in POLLUTANTS},
    **{label.lower(): code for code, label in POLLUTANT_LABEL.items()},
    **{key: POLLUTANT_OF.get(key, key) for key in LABEL_ZH},
    **{zh.lower(): POLLUTANT_OF.get(key, key) for key, zh in LABEL_ZH.items()},
    "pm₂.₅": "pm25",
    "细颗粒物": "pm25",
    "可吸入颗粒物": "pm10",
    "可吸入颗粒物(pm10)": "pm10",
    "臭氧": "o3",
    "o3-8h": "o3",
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
