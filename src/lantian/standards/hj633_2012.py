"""HJ 633-2012 环境空气质量指数(AQI)技术规定(试行) — in force until 2026-02-28.

Breakpoints (表1), levels/categories/colours/health texts (表2, 附录A 表A.1), the daily report
(5.1.2, seven indicators) and the real-time report in three computation profiles (aqi.md §5).
Concentrations in [µg/m³], CO in [mg/m³].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from lantian.standards.aqi_result import (
    IAQI,
    AQIResult,
    Colour,
    Level,
    level_of,
    max_iaqi,
    primary_of,
)
from lantian.standards.hj663_2013 import PRECISION
from lantian.standards.iaqi_formula import (
    NO_IAQI,
    AQIArrays,
    IntArray,
    Segment,
    Table,
    above_array,
    index_array,
)
from lantian.standards.index_tables import IndexTables
from lantian.standards.indicators import POLLUTANT_OF, label_zh
from lantian.standards.rounding import DEFAULT_ROUNDING, Number, Rounding

NAME = "HJ 633-2012"
#: First day in force (None: the first version lantian knows; in force until 2026-02-28).
IN_FORCE_FROM: date | None = None
#: 4.3: this version defines the exceedance pollutant 超标污染物 (IAQI > 100).
HAS_EXCEEDANCE = True
#: 5.1.1: with an indicator missing the AQI is still published from the others.
WITHHOLDS_INCOMPLETE_AQI = False

#: HJ 633-2012 表1: (concentration, IAQI) breakpoints per indicator. The SO2 1-hour column stops
#: at 800 (note 2) and the O3 8-hour column at 800 (note 3); their rules are in ``SUBSTITUTES``.
#: IAQI values of the rows of 表1.
IAQI_ROWS: tuple[int, ...] = (0, 50, 100, 150, 200, 300, 400, 500)
#: 表1 columns: concentration at each IAQI row [µg/m³; CO mg/m³].
COLUMNS: dict[str, tuple[int, ...]] = {
    "so2_24h": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "so2_1h": (0, 150, 500, 650, 800),
    "no2_24h": (0, 40, 80, 180, 280, 565, 750, 940),
    "no2_1h": (0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "co_24h": (0, 2, 4, 14, 24, 36, 48, 60),
    "co_1h": (0, 5, 10, 35, 60, 90, 120, 150),
    "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "o3_8h": (0, 100, 160, 215, 265, 800),
    "pm10_24h": (0, 50, 150, 250, 350, 420, 500, 600),
    "pm25_24h": (0, 35, 75, 115, 150, 250, 350, 500),
}
BREAKPOINTS: dict[str, Table] = {
    k: tuple(zip(col, IAQI_ROWS, strict=False)) for k, col in COLUMNS.items()
}

#: Indicators indexed on another indicator's column: the CNEMC real-time profiles index the
#: 1-hour PM means on the 24-hour PM columns (aqi.md §5).
TABLE_OF: dict[str, str] = {
    **{k: k for k in BREAKPOINTS},
    "pm10_1h": "pm10_24h",
    "pm25_1h": "pm25_24h",
}

#: 表1 notes 2 and 3: above 800 the indicator gets no index of its own; the pollutant's index is
#: the one of the named substitute indicator.
SUBSTITUTES: dict[str, tuple[int, str]] = {"so2_1h": (800, "so2_24h"), "o3_8h": (800, "o3_1h")}

#: 5.1.2 daily report: seven indicators (O3: daily maximum 1-hour value and MDA8).
DAILY_INDICATORS: tuple[str, ...] = (
    "so2_24h",
    "no2_24h",
    "co_24h",
    "o3_1h",
    "o3_8h",
    "pm10_24h",
    "pm25_24h",
)

Profile: TypeAlias = Literal["HJ633_2012", "CNEMC_2014", "CNEMC_PUBLISHED"]

#: Real-time computation profiles (aqi.md §5): the indicators whose IAQIs make the hourly AQI.
PROFILES: dict[str, tuple[str, ...]] = {
    # literal 2012 text: PM from the 24-h sliding means; O3 1 h and 8 h sliding.
    "HJ633_2012": ("so2_1h", "no2_1h", "co_1h", "o3_1h", "o3_8h", "pm10_24h", "pm25_24h"),
    # national platform from 2014-01-01: current 1-h PM on the 24-h table.
    "CNEMC_2014": ("so2_1h", "no2_1h", "co_1h", "o3_1h", "o3_8h", "pm10_1h", "pm25_1h"),
    # observed in the 2022 feed: as CNEMC_2014 without the O3 8-h term.
    "CNEMC_PUBLISHED": ("so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h"),
}
#: Default real-time profile: the one that reproduces the published national ``aqi`` column.
DEFAULT_PROFILE: Profile = "CNEMC_PUBLISHED"

#: 附录A 表A.1: colours of the six levels (RGB, hex, CMYK [%]).
COLOURS: tuple[Colour, ...] = (
    Colour("绿色", "green", (0, 228, 0), "#00E400", (40, 0, 100, 0)),
    Colour("黄色", "yellow", (255, 255, 0), "#FFFF00", (0, 0, 100, 0)),
    Colour("橙色", "orange", (255, 126, 0), "#FF7E00", (0, 52, 100, 0)),
    Colour("红色", "red", (255, 0, 0), "#FF0000", (0, 100, 100, 0)),
    Colour("紫色", "purple", (153, 0, 76), "#99004C", (10, 100, 40, 30)),
    Colour("褐红色", "maroon", (126, 0, 35), "#7E0023", (30, 100, 100, 30)),
)

#: 表2 空气质量指数及相关信息. The Chinese texts are keyed from memory of the 2012 表2 wording and
#: MUST be checked against the PDF (aqi.md §6); the English is our translation.
LEVELS: tuple[Level, ...] = (
    Level(
        1,
        "一级",
        "Level I",
        0,
        50,
        "优",
        "excellent",
        COLOURS[0],
        "空气质量令人满意，基本无空气污染",
        "Air quality is satisfactory; there is essentially no air pollution.",
        "各类人群可正常活动",
        "Everyone can continue normal activities.",
    ),
    Level(
        2,
        "二级",
        "Level II",
        51,
        100,
        "良",
        "good",
        COLOURS[1],
        "空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响",
        "Air quality is acceptable, but some pollutants may slightly affect the health of a very "
        "small number of unusually sensitive people.",
        "极少数异常敏感人群应减少户外活动",
        "The very few unusually sensitive people should reduce outdoor activity.",
    ),
    Level(
        3,
        "三级",
        "Level III",
        101,
        150,
        "轻度污染",
        "lightly polluted",
        COLOURS[2],
        "易感人群症状有轻度加剧，健康人群出现刺激症状",
        "Symptoms of susceptible people worsen slightly; healthy people show irritation.",
        "儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
        "Children, the elderly and people with heart or respiratory disease should reduce "
        "prolonged, strenuous outdoor exercise.",
    ),
    Level(
        4,
        "四级",
        "Level IV",
        151,
        200,
        "中度污染",
        "moderately polluted",
        COLOURS[3],
        "进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响",
        "Symptoms of susceptible people worsen further; the heart and respiratory system of "
        "healthy people may be affected.",
        "儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动",
        "Children, the elderly and people with heart or respiratory disease should avoid "
        "prolonged, strenuous outdoor exercise; the general public should moderately reduce "
        "outdoor exercise.",
    ),
    Level(
        5,
        "五级",
        "Level V",
        201,
        300,
        "重度污染",
        "heavily polluted",
        COLOURS[4],
        "心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状",
        "Symptoms of people with heart or lung disease worsen markedly and exercise tolerance "
        "falls; healthy people commonly show symptoms.",
        "儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动",
        "Children, the elderly and people with heart or lung disease should stay indoors and "
        "stop outdoor exercise; the general public should reduce outdoor exercise.",
    ),
    Level(
        6,
        "六级",
        "Level VI",
        301,
        None,
        "严重污染",
        "severely polluted",
        COLOURS[5],
        "健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病",
        "Exercise tolerance of healthy people falls, with strong symptoms; some diseases appear "
        "early.",
        "儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动",
        "Children, the elderly and the sick should stay indoors and avoid physical exertion; the "
        "general public should avoid outdoor activity.",
    ),
)


#: The tables above, for the lookups both versions share.
TABLES = IndexTables(BREAKPOINTS, TABLE_OF, PRECISION)


def segments(indicator: str) -> tuple[Segment, ...]:
    """表1 pieces of ``indicator`` as (bp_lo, bp_hi, iaqi_lo, iaqi_hi) [µg/m³; CO mg/m³]."""
    return TABLES.segments(indicator)


def scaled_segments(indicator: str) -> tuple[Segment, ...]:
    """Segments with concentrations × 10**PRECISION (CO in 0.1 mg/m³), for integer engines."""
    return TABLES.scaled_segments(indicator)


def iaqi(
    indicator: str,
    c: Number | None,
    *,
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> IAQI:
    """IAQI of one indicator (HJ 633-2012 formula (1), 表1, ceiling of 6.2).

    ``c`` in [µg/m³] (CO [mg/m³]); ``None``, NaN or negative give no index. With ``round_input``
    (default, aqi.md §2) the concentration is first rounded to its reporting precision.
    Above 800, ``so2_1h`` and ``o3_8h`` get no index (value ``None``, ``rule`` names the
    substitute indicator, notes 2 and 3); the report functions apply the substitute.
    """
    result = TABLES.index(indicator, c, round_input=round_input, rounding=rounding)
    if indicator in SUBSTITUTES and result.concentration is not None:
        threshold, substitute = SUBSTITUTES[indicator]
        if result.concentration > threshold:
            return IAQI(
                indicator, result.concentration, None, False, f"{indicator}>800→{substitute}"
            )
    return result


def _report(
    values: Mapping[str, Number | None],
    indicators: tuple[str, ...],
    report: str,
    profile: str | None,
    round_input: bool,
    rounding: Rounding,
) -> AQIResult:
    iaqis: dict[str, IAQI] = {}
    for ind in indicators:
        item = iaqi(ind, values.get(ind), round_input=round_input, rounding=rounding)
        if item.rule is not None:
            sub = iaqi(
                SUBSTITUTES[ind][1],
                values.get(SUBSTITUTES[ind][1]),
                round_input=round_input,
                rounding=rounding,
            )
            item = IAQI(ind, item.concentration, sub.value, sub.beyond_table, item.rule)
        iaqis[ind] = item
    aqi = max_iaqi(iaqis)
    primary = primary_of(iaqis, aqi)
    return AQIResult(
        standard=NAME,
        report=report,
        profile=profile,
        aqi=aqi,
        iaqis=iaqis,
        level=level_of(aqi, LEVELS),
        primary=primary,
        primary_labels=tuple(label_zh(p) for p in primary),
        exceedance=tuple(k for k, v in iaqis.items() if v.value is not None and v.value > 100),
        missing=tuple(k for k, v in iaqis.items() if v.concentration is None),
        beyond_table=any(v.beyond_table for v in iaqis.values()),
        computed_aqi=aqi,
    )


def daily_aqi(
    *,
    so2_24h: Number | None = None,
    no2_24h: Number | None = None,
    co_24h: Number | None = None,
    o3_1h: Number | None = None,
    o3_8h: Number | None = None,
    pm10_24h: Number | None = None,
    pm25_24h: Number | None = None,
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> AQIResult:
    """Daily AQI (日报, 5.1.2): 24-h means of SO2, NO2, CO, PM10, PM2.5, the day's maximum 1-h
    O3 (``o3_1h``) and the MDA8 (``o3_8h``; above 800 the O3 index is the 1-h one, note 3).

    Concentrations in [µg/m³], CO [mg/m³]; ``None`` = missing (left out of the max and listed in
    ``missing``). Primary pollutant only when AQI > 50; exceedance: every IAQI > 100.
    """
    values = {
        "so2_24h": so2_24h,
        "no2_24h": no2_24h,
        "co_24h": co_24h,
        "o3_1h": o3_1h,
        "o3_8h": o3_8h,
        "pm10_24h": pm10_24h,
        "pm25_24h": pm25_24h,
    }
    return _report(values, DAILY_INDICATORS, "daily", None, round_input, rounding)


def hourly_aqi(
    *,
    so2_1h: Number | None = None,
    no2_1h: Number | None = None,
    co_1h: Number | None = None,
    o3_1h: Number | None = None,
    pm10_1h: Number | None = None,
    pm25_1h: Number | None = None,
    o3_8h: Number | None = None,
    pm10_24h: Number | None = None,
    pm25_24h: Number | None = None,
    so2_24h: Number | None = None,
    profile: Profile = DEFAULT_PROFILE,
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> AQIResult:
    """Real-time AQI (实时报, 5.1.3) under one of ``PROFILES`` (aqi.md §5).

    ``o3_8h``, ``pm10_24h``, ``pm25_24h`` are the sliding means ending at the hour (used by
    ``HJ633_2012``; ``o3_8h`` also by ``CNEMC_2014``); ``so2_24h`` is the 24-h sliding SO2 mean
    that replaces SO2 1 h above 800 (note 2; which 24-h value CNEMC uses is UNCONFIRMED).
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    values = {
        "so2_1h": so2_1h,
        "no2_1h": no2_1h,
        "co_1h": co_1h,
        "o3_1h": o3_1h,
        "pm10_1h": pm10_1h,
        "pm25_1h": pm25_1h,
        "o3_8h": o3_8h,
        "pm10_24h": pm10_24h,
        "pm25_24h": pm25_24h,
        "so2_24h": so2_24h,
    }
    return _report(values, PROFILES[profile], "hourly", profile, round_input, rounding)


def iaqi_array(
    indicator: str,
    values: npt.ArrayLike,
    *,
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> IntArray:
    """:func:`iaqi` over a column: int16 array, ``-1`` where there is no index (missing, or
    ``so2_1h``/``o3_8h`` above 800 — the substitute applies in :func:`aqi_array`)."""
    out, beyond = TABLES.index_array(indicator, values, round_input=round_input, rounding=rounding)
    if indicator in SUBSTITUTES:
        high = _above_threshold(indicator, values, beyond, round_input, rounding)
        out[high] = NO_IAQI
    return out


def _above_threshold(
    indicator: str,
    values: npt.ArrayLike | None,
    beyond: npt.NDArray[np.bool_],
    round_input: bool,
    rounding: Rounding,
) -> npt.NDArray[np.bool_]:
    """Mask of the substitute rule (notes 2, 3): the beyond-table mask when the threshold is the
    table's top breakpoint (800 for both), else a separate comparison."""
    threshold = SUBSTITUTES[indicator][0]
    if threshold == BREAKPOINTS[TABLE_OF[indicator]][-1][0]:
        return beyond
    ndigits = PRECISION[POLLUTANT_OF[indicator]]
    shape = beyond.shape
    return above_array(
        values, threshold, ndigits, round_input=round_input, rounding=rounding, shape=shape
    )


def aqi_array(
    columns: Mapping[str, npt.ArrayLike | None],
    *,
    report: Literal["daily", "hourly"] = "daily",
    profile: Profile = DEFAULT_PROFILE,
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> AQIArrays:
    """:func:`daily_aqi` / :func:`hourly_aqi` over columns keyed by indicator name (NaN =
    missing; an absent key = all missing). Same results as the scalar functions, row by row."""
    indicators = DAILY_INDICATORS if report == "daily" else PROFILES[profile]
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in columns.items() if v is not None}
    if not arrays:
        raise ValueError("no column given")
    shape = next(iter(arrays.values())).shape
    iaqis: dict[str, IntArray] = {}
    beyond = np.zeros(shape, dtype=np.bool_)
    missing = np.zeros(shape, dtype=np.int64)

    def index(ind: str, count: IntArray | None = None) -> tuple[IntArray, npt.NDArray[np.bool_]]:
        table, ndigits = BREAKPOINTS[TABLE_OF[ind]], PRECISION[POLLUTANT_OF[ind]]
        return index_array(
            arrays.get(ind),
            table,
            ndigits,
            round_input=round_input,
            rounding=rounding,
            shape=shape,
            missing=count,
        )

    for ind in indicators:
        out, bey = index(ind, missing)
        if ind in SUBSTITUTES:
            high = _above_threshold(ind, arrays.get(ind), bey, round_input, rounding)
            if high.any():
                s_out, s_bey = index(SUBSTITUTES[ind][1])
                out = np.where(high, s_out, out)
                bey = np.where(high, s_bey, bey)
        iaqis[ind] = out
        beyond |= bey
    return AQIArrays.from_iaqis(iaqis, beyond, missing)
