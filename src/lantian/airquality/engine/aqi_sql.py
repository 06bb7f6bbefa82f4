"""SQL of the individual indices, the AQI, level, category, primary and exceedance pollutants.

HJ 633-2012 §4–5 / HJ 633-2026 4.2–4.3 (spec aqi.md §3–5, standards_2026.md §2). Each index is a
CASE expression (iaqi_sql.py); when several versions apply, a CASE on the date picks the version in
force on that date (standards_2026.md §5 boundary rule: a value belongs to the version in force
for the day it describes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lantian.airquality.engine.dialect import Dialect
from lantian.airquality.engine.iaqi_sql import beyond_top, iaqi_case, scaled_concentration
from lantian.airquality.engine.options import EvaluationOptions
from lantian.airquality.engine.versions import AqiVersion
from lantian.standards.aqi_result import Level

#: Output columns of the indices, with the label used in ``primary_pollutant``/``exceedance``.
LABELS: dict[str, str] = {
    "iaqi_so2": "SO2",
    "iaqi_no2": "NO2",
    "iaqi_co": "CO",
    "iaqi_o3_1h": "O3_1h",
    "iaqi_o3_8h": "O3_8h",
    "iaqi_pm10": "PM10",
    "iaqi_pm25": "PM2.5",
}

_POLLUTANT_OF = {
    "so2_24h": "so2",
    "so2_1h": "so2",
    "no2_24h": "no2",
    "no2_1h": "no2",
    "co_24h": "co",
    "co_1h": "co",
    "o3_1h": "o3",
    "o3_8h": "o3",
    "pm10_24h": "pm10",
    "pm25_24h": "pm25",
}


class IndexBuilder:
    """Builds IAQI expressions of one version for given concentration expressions."""

    def __init__(self, d: Dialect, v: AqiVersion, opts: EvaluationOptions) -> None:
        self.d, self.v, self.opts = d, v, opts

    def scaled(self, indicator: str, expr: str) -> tuple[str, int]:
        nd = self.v.ndigits[_POLLUTANT_OF[indicator]]
        return scaled_concentration(
            self.d,
            expr,
            nd,
            round_input=self.opts.round_input,
            half_even=self.opts.rounding == "GB/T 8170",
        )

    def iaqi(self, indicator: str, expr: str, above_top: str | None = None) -> str:
        s, scale = self.scaled(indicator, expr)
        return iaqi_case(self.d, s, scale, self.v.tables[indicator], above_top)

    def beyond(self, indicator: str, expr: str) -> str:
        s, scale = self.scaled(indicator, expr)
        return f"COALESCE({beyond_top(s, scale, self.v.tables[indicator])}, FALSE)"

    def special(self, rule: str | int, fallback: Callable[[], str]) -> str:
        return str(rule) if isinstance(rule, int) else fallback()


def daily_indices(b: IndexBuilder, c: Mapping[str, str]) -> dict[str, str]:
    """Daily-report indices (HJ 633-2012 §4: 7 indicators; 2026: 6, no O3 1-h).

    ``c`` maps so2, no2, co, pm10, pm25 (24-hour means), o3_1h (daily max), o3_8h (MDA8) to SQL.
    """
    v = b.v
    o3_1h = b.iaqi("o3_1h", c["o3_1h"])
    out = {
        "iaqi_so2": b.iaqi("so2_24h", c["so2"]),
        "iaqi_no2": b.iaqi("no2_24h", c["no2"]),
        "iaqi_co": b.iaqi("co_24h", c["co"]),
        "iaqi_o3_1h": o3_1h if v.daily_o3_1h else "CAST(NULL AS BIGINT)",
        "iaqi_o3_8h": b.iaqi("o3_8h", c["o3_8h"], b.special(v.o3_8h_above, lambda: o3_1h)),
        "iaqi_pm10": b.iaqi("pm10_24h", c["pm10"]),
        "iaqi_pm25": b.iaqi("pm25_24h", c["pm25"]),
    }
    beyond = [
        b.beyond("so2_24h", c["so2"]),
        b.beyond("no2_24h", c["no2"]),
        b.beyond("co_24h", c["co"]),
        b.beyond("pm10_24h", c["pm10"]),
        b.beyond("pm25_24h", c["pm25"]),
        b.beyond("o3_1h", c["o3_1h"]),
    ]
    out["beyond_table"] = "(" + " OR ".join(beyond) + ")"
    return out


def hourly_indices(b: IndexBuilder, c: Mapping[str, str]) -> dict[str, str]:
    """Real-time indices (aqi.md §5; standards_2026.md §2.4).

    ``c`` maps so2, no2, co, o3, pm10, pm25 (1-hour values) and so2_24h, pm10_24h, pm25_24h,
    o3_8h (sliding means) to SQL. Profiles of HJ 633-2012: ``HJ633_2012`` (PM 24-h sliding, O3 1 h
    and 8 h), ``CNEMC_2014`` (PM 1 h on the 24-h table, O3 1 h and 8 h), ``CNEMC_PUBLISHED`` (PM
    1 h, O3 1 h only). HJ 633-2026: six 1-hour values, PM on the daily table.
    """
    v, profile = b.v, b.opts.realtime_profile
    if not v.realtime_profiles:
        profile = "CNEMC_PUBLISHED"  # the 2026 method has this shape (standards_2026.md §2.4)
    so2_24 = b.iaqi("so2_24h", c["so2_24h"])
    o3_1h = b.iaqi("o3_1h", c["o3"])
    pm_sliding = profile == "HJ633_2012"
    pm10 = c["pm10_24h"] if pm_sliding else c["pm10"]
    pm25 = c["pm25_24h"] if pm_sliding else c["pm25"]
    with_8h = profile in ("HJ633_2012", "CNEMC_2014")
    o3_8h = (
        b.iaqi("o3_8h", c["o3_8h"], b.special(v.o3_8h_above, lambda: o3_1h))
        if with_8h
        else "CAST(NULL AS BIGINT)"
    )
    out = {
        "iaqi_so2": b.iaqi("so2_1h", c["so2"], b.special(v.so2_1h_above, lambda: so2_24)),
        "iaqi_no2": b.iaqi("no2_1h", c["no2"]),
        "iaqi_co": b.iaqi("co_1h", c["co"]),
        "iaqi_o3_1h": o3_1h,
        "iaqi_o3_8h": o3_8h,
        "iaqi_pm10": b.iaqi("pm10_24h", pm10),
        "iaqi_pm25": b.iaqi("pm25_24h", pm25),
    }
    beyond = [
        b.beyond("no2_1h", c["no2"]),
        b.beyond("co_1h", c["co"]),
        b.beyond("o3_1h", c["o3"]),
        b.beyond("pm10_24h", pm10),
        b.beyond("pm25_24h", pm25),
    ]
    out["beyond_table"] = "(" + " OR ".join(beyond) + ")"
    return out


def by_date(d: Dialect, date_expr: str, per_version: list[tuple[AqiVersion, str]]) -> str:
    """CASE picking each version's expression on the dates it is in force."""
    if len(per_version) == 1:
        return per_version[0][1]
    parts = ["CASE"]
    for v, expr in reversed(per_version[1:]):
        assert v.start is not None
        parts.append(f"WHEN {date_expr} >= {d.date(v.start)} THEN {expr}")
    parts.append(f"ELSE {per_version[0][1]} END")
    return " ".join(parts)


def versioned_indices(
    d: Dialect,
    versions: tuple[AqiVersion, ...],
    opts: EvaluationOptions,
    date_expr: str,
    make: Callable[[IndexBuilder], dict[str, str]],
) -> dict[str, str]:
    """Index expressions of every version, combined by date; plus ``aqi_version``."""
    built = [(v, make(IndexBuilder(d, v, opts))) for v in versions]
    out = {k: by_date(d, date_expr, [(v, e[k]) for v, e in built]) for k in built[0][1]}
    out["aqi_version"] = by_date(d, date_expr, [(v, f"'{v.name}'") for v in versions])
    return out


def _level_case(levels: tuple[Level, ...], field: str) -> str:
    parts = ["CASE WHEN aqi IS NULL THEN NULL"]
    for lv in levels:
        hi = lv.aqi_hi
        value = getattr(lv, field)
        lit = str(value) if isinstance(value, int) else f"'{value}'"
        parts.append(f"WHEN aqi <= {hi} THEN {lit}" if hi is not None else f"ELSE {lit}")
    return " ".join(parts) + " END"


def summary_columns(
    d: Dialect, versions: tuple[AqiVersion, ...], date_expr: str, index_cols: list[str]
) -> dict[str, str]:
    """AQI = max of the indices; level, category, primary and exceedance pollutants.

    To be selected from a relation that has the ``iaqi_*`` columns and an ``aqi`` column
    (``aqi`` itself is returned first so the caller can compute it one level below).
    """
    primary = ", ".join(
        f"CASE WHEN aqi > 50 AND {c} = aqi THEN '{LABELS[c]}' END" for c in index_cols
    )
    exceed = ", ".join(f"CASE WHEN {c} > 100 THEN '{LABELS[c]}' END" for c in index_cols)
    exceed_expr = f"NULLIF(concat_ws(',', {exceed}), '')"
    return {
        "level": by_date(d, date_expr, [(v, _level_case(v.levels, "number")) for v in versions]),
        "category": by_date(
            d, date_expr, [(v, _level_case(v.levels, "category_zh")) for v in versions]
        ),
        "category_en": by_date(
            d, date_expr, [(v, _level_case(v.levels, "category_en")) for v in versions]
        ),
        "primary_pollutant": f"NULLIF(concat_ws(',', {primary}), '')",
        "exceedance": by_date(
            d,
            date_expr,
            [(v, exceed_expr if v.exceedance else "CAST(NULL AS VARCHAR)") for v in versions],
        ),
    }


def aqi_expr(d: Dialect, index_cols: list[str]) -> str:
    return d.greatest(index_cols)


def published_aqi_expr(
    d: Dialect,
    versions: tuple[AqiVersion, ...],
    opts: EvaluationOptions,
    date_expr: str,
    index_cols: list[str],
    inputs: Callable[[AqiVersion], list[str]],
) -> str:
    """The AQI as published: the maximum of the indices, except that under a version with the
    missing-data rule (HJ 633-2026 5.3.1) it is NA when one of that version's ``inputs``
    (concentration columns) is missing and the maximum is ≤ 100."""
    computed = aqi_expr(d, index_cols)
    per_version = []
    for v in versions:
        if v.withholds_incomplete and opts.withhold_incomplete_aqi:
            gap = " OR ".join(f"{c} IS NULL" for c in inputs(v))
            per_version.append(
                (v, f"CASE WHEN ({gap}) AND {computed} <= 100 THEN NULL ELSE {computed} END")
            )
        else:
            per_version.append((v, computed))
    return by_date(d, date_expr, per_version)
