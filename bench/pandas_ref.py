"""A plain pandas implementation of the daily and annual statistics (the peer of lantian's engine).

Rules (evaluation.md; lantian's default options): the day of an end-of-hour value is
``date(ts - 1 h)``; a station daily mean needs ≥ 20 valid hours; the 8-hour mean at H covers
H-7..H and needs ≥ 6 values; MDA8 is the largest of the 8-hour means ending 08:00…24:00 of the day
and needs ≥ 14 of those 17 windows, unless it exceeds 160 µg/m³; the city daily value is the mean
of the valid station values; city O3 is "city hourly mean → 8-hour mean → MDA8"; the annual value
is the mean of the valid days (CO: P95 of the daily means; O3: P90 of MDA8, linear interpolation),
valid with ≥ 324 days and ≥ 27 a month (February ≥ 25); composite index Σ C_i / S_i, ranked
ascending on the value rounded to two decimals, ties equal, cities with a valid year only.
Values with a QC flag are not data.
"""

from __future__ import annotations

import pandas as pd

DAILY_MEAN = ("so2", "no2", "co", "pm10", "pm25")
POLLUTANTS = ("so2", "no2", "co", "o3", "pm10", "pm25")
#: Composite-index denominators S_i (evaluation.md §9) [µg/m³, CO mg/m³].
LIMITS = {"so2": 60.0, "no2": 40.0, "pm10": 70.0, "pm25": 35.0, "co": 4.0, "o3": 160.0}
MDA8_LIMIT = 160.0


def load_hourly(parquet_files: list[str], qc: bool = True) -> pd.DataFrame:
    """Station-hours of the store's Parquet files as a pandas frame (QC-flagged values → NaN)."""
    cols = ["station_code", "ts", *POLLUTANTS] + ([p + "_qc" for p in POLLUTANTS] if qc else [])
    frames = []
    for path in parquet_files:
        part = pd.read_parquet(path, columns=cols)
        if qc:
            for p in POLLUTANTS:
                part.loc[part[p + "_qc"].notna(), p] = float("nan")
            part = part.drop(columns=[p + "_qc" for p in POLLUTANTS])
        part["station_code"] = part["station_code"].astype("category")
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["station_code"] = out["station_code"].astype("category")
    return out


def _mda8(wide_o3: pd.DataFrame) -> pd.DataFrame:
    """MDA8 per day (rows) and column from an hourly wide frame indexed by end-of-hour ``ts``."""
    full = pd.date_range(wide_o3.index.min(), wide_o3.index.max(), freq="h")
    wide = wide_o3.reindex(full)
    mean8 = wide.rolling(8, min_periods=6).mean()
    start = full - pd.Timedelta(hours=1)
    position = start.hour + 1
    inside = position >= 8
    mean8 = mean8[inside]
    day = start[inside].normalize()
    grouped = mean8.groupby(day)
    best = grouped.max()
    windows = grouped.count()
    return best.where((windows >= 14) | (best > MDA8_LIMIT))


def station_daily(hourly: pd.DataFrame) -> pd.DataFrame:
    """Daily means (≥ 20 h) and MDA8 of every station: columns station_code, date, pollutants."""
    day = (hourly["ts"] - pd.Timedelta(hours=1)).dt.normalize()
    grouped = hourly.assign(date=day).groupby(["station_code", "date"], observed=True)
    means = grouped[list(DAILY_MEAN)].mean()
    counts = grouped[list(DAILY_MEAN)].count()
    means = means.where(counts >= 20)
    wide = hourly.pivot_table(index="ts", columns="station_code", values="o3", observed=True)
    mda8 = _mda8(wide).stack().rename("o3").rename_axis(["date", "station_code"])
    out = means.join(mda8.reorder_levels(["station_code", "date"]), how="outer")
    return out.reset_index()


def city_daily(hourly: pd.DataFrame, sdaily: pd.DataFrame, city_of: pd.Series) -> pd.DataFrame:
    """City daily values: mean of valid station values; O3 from the city hourly means."""
    sd = sdaily.assign(city=sdaily["station_code"].map(city_of))
    sd = sd[sd["city"].notna()]
    means = sd.groupby(["city", "date"])[list(DAILY_MEAN)].mean()
    hourly = hourly.assign(city=hourly["station_code"].map(city_of).astype(object))
    hourly = hourly[hourly["city"].notna()]
    city_o3 = hourly.pivot_table(index="ts", columns="city", values="o3", aggfunc="mean")
    mda8 = _mda8(city_o3).stack().rename("o3").rename_axis(["date", "city"])
    out = means.join(mda8.reorder_levels(["city", "date"]), how="outer")
    return out.reset_index()


def annual(cdaily: pd.DataFrame, year: int) -> pd.DataFrame:
    """Annual statistics, validity, composite index and rank of every city."""
    cd = cdaily[cdaily["date"].dt.year == year]
    g = cd.groupby("city")
    out = g[["so2", "no2", "pm10", "pm25"]].mean()
    out["co"] = g["co"].quantile(0.95, interpolation="linear")
    out["o3"] = g["o3"].quantile(0.90, interpolation="linear")
    month = cd["date"].dt.month
    valid = pd.Series(True, index=out.index)
    for p in POLLUTANTS:
        days = cd[p].notna()
        per_month = days.groupby([cd["city"], month]).sum().unstack(fill_value=0)
        per_month = per_month.reindex(columns=range(1, 13), fill_value=0)
        need = pd.Series({m: 25 if m == 2 else 27 for m in range(1, 13)})
        ok = (days.groupby(cd["city"]).sum() >= 324) & (per_month >= need).all(axis=1)
        valid &= ok.reindex(out.index, fill_value=False)
    out["valid"] = valid
    out["composite"] = sum(out[p] / s for p, s in LIMITS.items())
    ranked = out.loc[out["valid"], "composite"].round(2).rank(method="min")
    out["rank"] = ranked.reindex(out.index).astype("Float64")  # cities without valid data: NaN
    return out.reset_index()
