"""HJ 633-2026 环境空气质量指数（AQI）技术规定 — in force from 2026-03-01.

Breakpoints (表3), levels and texts (表1), sensitive groups (表2), colours (附录A), the daily
report (six indicators, O3 MDA8 only), the real-time report (six 1-hour values, PM on the daily
columns), concentrations rounded per GB/T 8170 before indexing (4.2.2/4.2.3), caps SO2 1 h > 800
→ 200 and O3 8 h > 800 → 300, no exceedance pollutant, the missing-data rule 5.3.1/5.3.2.
Concentrations in [µg/m³], CO in [mg/m³]. See standards_2026.md §2.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from lantian.standards import hj633_2012
from lantian.standards.aqi_result import (
    IAQI,
    AQIResult,
    Colour,
    Level,
    level_of,
    max_iaqi,
    primary_of,
)
from lantian.standards.iaqi_formula import (
    AQIArrays,
    IntArray,
    Segment,
    Table,
    above_array,
)
from lantian.standards.index_tables import IndexTables
from lantian.standards.indicators import POLLUTANT_OF, label_zh
from lantian.standards.rounding import DEFAULT_ROUNDING, Number, Rounding

NAME = "HJ 633-2026"
#: First day in force (标准 实施日期, standards_2026.md §0).
IN_FORCE_FROM: date | None = date(2026, 3, 1)
#: 前言 item 4: the exceedance pollutant 超标污染物 was deleted.
HAS_EXCEEDANCE = False
#: 5.3.1: with an indicator missing, the AQI of the others is published only when it is > 100.
WITHHOLDS_INCOMPLETE_AQI = True

#: 4.2.2/4.2.3: concentrations rounded per GB/T 8170 before indexing [decimals]: integers, CO 1.
PRECISION: dict[str, int] = {"so2": 0, "no2": 0, "co": 1, "o3": 0, "pm10": 0, "pm25": 0}

#: 表3: (concentration, IAQI) breakpoints. Only PM10 (IAQI 100 at 120) and PM2.5 (IAQI 100 at 60)
#: differ from HJ 633-2012 表1.
COLUMNS: dict[str, tuple[int, ...]] = {
    **hj633_2012.COLUMNS,
    "pm10_24h": (0, 50, 120, 250, 350, 420, 500, 600),
    "pm25_24h": (0, 35, 60, 115, 150, 250, 350, 500),
}
BREAKPOINTS: dict[str, Table] = {
    k: tuple(zip(col, hj633_2012.IAQI_ROWS, strict=False)) for k, col in COLUMNS.items()
}

#: Definition of BP_Hi/BP_Lo under formula (1): 1-hour PM is indexed on the daily column.
TABLE_OF: dict[str, str] = {
    **{k: k for k in BREAKPOINTS},
    "pm10_1h": "pm10_24h",
    "pm25_1h": "pm25_24h",
}

#: 表3 notes b and c: above the threshold the IAQI is fixed.
CAPS: dict[str, tuple[int, int]] = {"so2_1h": (800, 200), "o3_8h": (800, 300)}

#: 4.2.2 daily report: six indicators (O3: MDA8 only).
DAILY_INDICATORS: tuple[str, ...] = (
    "so2_24h",
    "no2_24h",
    "co_24h",
    "o3_8h",
    "pm10_24h",
    "pm25_24h",
)

Profile: TypeAlias = Literal["HJ633_2026"]
#: 4.2.3 real-time report: the six 1-hour means.
PROFILES: dict[str, tuple[str, ...]] = {
    "HJ633_2026": ("so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h"),
}
DEFAULT_PROFILE: Profile = "HJ633_2026"

#: 附录A: colours unchanged from HJ 633-2012.
COLOURS: tuple[Colour, ...] = hj633_2012.COLOURS

#: 表1. The Chinese wording is keyed from the 2012 表2 text with the word changes listed in
#: standards_2026.md §2.6 (儿童 → 青少年儿童; 心脏病 → 心血管系统疾病; 肺病 → 呼吸系统疾病;
#: 易感人群 → 敏感人群; …). It MUST be checked against the PDF (printed page 2).
#: AQI range 1–500 (4.1.1); AQI 0 (every rounded concentration 0) is shown as 一级.
_L = hj633_2012.LEVELS
LEVELS: tuple[Level, ...] = (
    _L[0],
    _L[1],
    Level(
        3,
        "三级",
        "Level III",
        101,
        150,
        "轻度污染",
        "lightly polluted",
        COLOURS[2],
        "敏感人群症状有轻度加剧，健康人群出现刺激症状",
        "Symptoms of sensitive people worsen slightly; healthy people show irritation.",
        "青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
        "Children and adolescents, the elderly and people with cardiovascular or respiratory "
        "disease should reduce prolonged, strenuous outdoor exercise.",
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
        "进一步加剧敏感人群症状，可能对健康人群心血管系统、呼吸系统有影响",
        "Symptoms of sensitive people worsen further; the cardiovascular and respiratory "
        "systems of healthy people may be affected.",
        "青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，"
        "一般人群适量减少户外运动",
        "Children and adolescents, the elderly and people with cardiovascular or respiratory "
        "disease should avoid prolonged, strenuous outdoor exercise; the general public should "
        "moderately reduce outdoor exercise.",
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
        "心血管系统和呼吸系统患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状",
        "Symptoms of people with cardiovascular or respiratory disease worsen markedly and "
        "exercise tolerance falls; healthy people commonly show symptoms.",
        "青少年儿童、老年人和心血管系统疾病、呼吸系统疾病患者应停留在室内，停止户外运动，"
        "一般人群减少户外运动",
        "Children and adolescents, the elderly and people with cardiovascular or respiratory "
        "disease should stay indoors and stop outdoor exercise; the general public should "
        "reduce outdoor exercise.",
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
        _L[5].health_effect_zh,
        _L[5].health_effect_en,
        "青少年儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动",
        "Children and adolescents, the elderly and the sick should stay indoors and avoid "
        "physical exertion; the general public should avoid outdoor activity.",
    ),
)

#: 表2 空气污染物的敏感人群 (for pollutants whose IAQI exceeds 100): (zh, en). Chinese keyed from
#: the paraphrase in standards_2026.md §2.6 — MUST be checked against the PDF (printed page 2).
SENSITIVE_GROUPS: dict[str, tuple[str, str]] = {
    "so2": (
        "哮喘患者、青少年儿童、老年人",
        "people with asthma, children and adolescents, the elderly",
    ),
    "no2": (
        "呼吸系统疾病（如哮喘）患者、青少年儿童、老年人",
        "people with respiratory disease (e.g. asthma), children and adolescents, the elderly",
    ),
    "co": ("心血管系统疾病患者", "people with cardiovascular disease"),
    "o3": (
        "呼吸系统疾病（如哮喘）患者、青少年儿童、户外活动频繁的人群、老年人",
        "people with respiratory disease (e.g. asthma), children and adolescents, people "
        "often active outdoors, the elderly",
    ),
    "pm10": (
        "心血管系统或呼吸系统疾病（如哮喘）患者、青少年儿童、户外活动频繁的人群、老年人",
        "people with cardiovascular or respiratory disease (e.g. asthma), children and "
        "adolescents, people often active outdoors, the elderly",
    ),
    "pm25": (
        "心血管系统或呼吸系统疾病（如哮喘）患者、青少年儿童、户外活动频繁的人群、老年人",
        "people with cardiovascular or respiratory disease (e.g. asthma), children and "
        "adolescents, people often active outdoors, the elderly",
    ),
}

#: Marks of 表4/表5 notes: a missing indicator, a pollutant outside the monitoring programme.
MARK_MISSING = "NA"
MARK_NOT_MONITORED = "/"


#: The tables above, for the lookups both versions share.
TABLES = IndexTables(BREAKPOINTS, TABLE_OF, PRECISION)


def segments(indicator: str) -> tuple[Segment, ...]:
    """表3 pieces of ``indicator`` as (bp_lo, bp_hi, iaqi_lo, iaqi_hi) [µg/m³; CO mg/m³]."""
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
    """IAQI of one indicator (HJ 633-2026 formula (1), 表3, ceiling of 4.2.6).

    ``c`` in [µg/m³] (CO [mg/m³]), rounded per GB/T 8170 first (4.2.2; ``round_input=False``
    only for comparisons). ``so2_1h`` > 800 → 200, ``o3_8h`` > 800 → 300 (表3 notes b, c).
    """
    result = TABLES.index(indicator, c, round_input=round_input, rounding=rounding)
    if indicator in CAPS and result.concentration is not None:
        threshold, fixed = CAPS[indicator]
        if result.concentration > threshold:
            return IAQI(indicator, result.concentration, fixed, False, f"{indicator}>800→{fixed}")
    return result


def _publishable(
    missing_pollutants: set[str], not_monitored: Collection[str], cleared_3yr: Collection[str]
) -> bool:
    """5.3.2: every missing pollutant is outside the programme and cleared by 3 years of data."""
    return all(p in not_monitored and p in cleared_3yr for p in missing_pollutants)


def _report(
    values: Mapping[str, Number | None],
    indicators: tuple[str, ...],
    report: str,
    profile: str | None,
    not_monitored: Collection[str],
    cleared_3yr: Collection[str],
    round_input: bool,
    rounding: Rounding,
) -> AQIResult:
    iaqis = {
        ind: iaqi(ind, values.get(ind), round_input=round_input, rounding=rounding)
        for ind in indicators
    }
    computed = max_iaqi(iaqis)
    missing = tuple(k for k, v in iaqis.items() if v.concentration is None)
    missing_pollutants = {POLLUTANT_OF[k] for k in missing}
    # 5.3.1: with a gap, publish the AQI only when it is > 100 (unless 5.3.2 clears the gap).
    published = computed is not None and (
        not missing
        or computed > 100
        or _publishable(missing_pollutants, not_monitored, cleared_3yr)
    )
    aqi = computed if published else None
    primary = primary_of(iaqis, aqi)
    notes = ("5.3.1: AQI withheld (NA)",) if computed is not None and not published else ()
    return AQIResult(
        standard=NAME,
        report=report,
        profile=profile,
        aqi=aqi,
        iaqis=iaqis,
        level=level_of(aqi, LEVELS),
        primary=primary,
        primary_labels=tuple(label_zh(p) for p in primary),
        exceedance=None,
        missing=tuple(k for k in missing if POLLUTANT_OF[k] not in not_monitored),
        not_monitored=tuple(k for k in missing if POLLUTANT_OF[k] in not_monitored),
        beyond_table=any(v.beyond_table for v in iaqis.values()),
        published=published,
        computed_aqi=computed,
        notes=notes,
    )


def daily_aqi(
    *,
    so2_24h: Number | None = None,
    no2_24h: Number | None = None,
    co_24h: Number | None = None,
    o3_8h: Number | None = None,
    pm10_24h: Number | None = None,
    pm25_24h: Number | None = None,
    not_monitored: Collection[str] = (),
    cleared_3yr: Collection[str] = (),
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> AQIResult:
    """Daily AQI (日报, 4.2.2): daily means of SO2, NO2, CO, PM10, PM2.5 and the O3 MDA8.

    ``None`` = missing or invalid. ``not_monitored``: pollutants (``"co"``…) outside the
    monitoring programme, shown as ``/``; ``cleared_3yr``: those of them that in three
    consecutive years were never primary pollutant with AQI > 100 (5.3.2). With any other gap
    the AQI is published only when > 100 (5.3.1); otherwise ``aqi`` is ``None`` (NA),
    ``published`` False and ``computed_aqi`` keeps the value.
    """
    values = {
        "so2_24h": so2_24h,
        "no2_24h": no2_24h,
        "co_24h": co_24h,
        "o3_8h": o3_8h,
        "pm10_24h": pm10_24h,
        "pm25_24h": pm25_24h,
    }
    return _report(
        values, DAILY_INDICATORS, "daily", None, not_monitored, cleared_3yr, round_input, rounding
    )


def hourly_aqi(
    *,
    so2_1h: Number | None = None,
    no2_1h: Number | None = None,
    co_1h: Number | None = None,
    o3_1h: Number | None = None,
    pm10_1h: Number | None = None,
    pm25_1h: Number | None = None,
    profile: Profile = DEFAULT_PROFILE,
    not_monitored: Collection[str] = (),
    cleared_3yr: Collection[str] = (),
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> AQIResult:
    """Real-time AQI (实时报, 4.2.3): the six 1-hour means; PM on the daily columns.

    Missing data as in :func:`daily_aqi`.
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
    }
    return _report(
        values,
        PROFILES[profile],
        "hourly",
        profile,
        not_monitored,
        cleared_3yr,
        round_input,
        rounding,
    )


def iaqi_array(
    indicator: str,
    values: npt.ArrayLike,
    *,
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> IntArray:
    """:func:`iaqi` over a column: int16 array, ``-1`` where missing or invalid."""
    out, _ = _capped_index(indicator, values, round_input, rounding)
    return out


def _capped_index(
    indicator: str,
    values: npt.ArrayLike,
    round_input: bool,
    rounding: Rounding,
    missing: IntArray | None = None,
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """(IAQI with the caps of notes b, c applied, beyond-table mask without the capped rows)."""
    table, ndigits = TABLES.lookup(indicator)
    out, beyond = TABLES.index_array(
        indicator, values, round_input=round_input, rounding=rounding, missing=missing
    )
    if indicator in CAPS:
        threshold, fixed = CAPS[indicator]
        if threshold == table[-1][0]:  # 800 for both: the cap is the beyond-table mask
            high = beyond
        else:
            high = above_array(
                values, threshold, ndigits, round_input=round_input, rounding=rounding
            )
        out[high] = fixed
        beyond = beyond & ~high
    return out, beyond


def aqi_array(
    columns: Mapping[str, npt.ArrayLike | None],
    *,
    report: Literal["daily", "hourly"] = "daily",
    profile: Profile = DEFAULT_PROFILE,
    not_monitored: Collection[str] = (),
    cleared_3yr: Collection[str] = (),
    round_input: bool = True,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> AQIArrays:
    """:func:`daily_aqi` / :func:`hourly_aqi` over columns keyed by indicator name (NaN =
    missing; an absent key = all missing); 5.3.1/5.3.2 give ``aqi`` -1 where withheld."""
    indicators = DAILY_INDICATORS if report == "daily" else PROFILES[profile]
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in columns.items() if v is not None}
    if not arrays:
        raise ValueError("no column given")
    shape = next(iter(arrays.values())).shape
    iaqis: dict[str, IntArray] = {}
    beyond = np.zeros(shape, dtype=np.bool_)
    missing = np.zeros(shape, dtype=np.int64)
    blocking = np.zeros(shape, dtype=np.bool_)  # a gap that 5.3.2 does not clear
    for ind in indicators:
        col = arrays.get(ind)
        gaps = np.zeros(shape, dtype=np.int64)
        if col is None:
            iaqis[ind] = np.full(shape, -1, dtype=np.int64)
            gaps += 1
        else:
            iaqis[ind], bey = _capped_index(ind, col, round_input, rounding, gaps)
            beyond |= bey
        missing += gaps
        if not _publishable({POLLUTANT_OF[ind]}, not_monitored, cleared_3yr):
            blocking |= gaps.astype(np.bool_)
    computed = AQIArrays.from_iaqis(iaqis, beyond, missing).computed
    published = (computed >= 0) & (~blocking | (computed > 100))
    return AQIArrays.from_iaqis(iaqis, beyond, missing, published)
