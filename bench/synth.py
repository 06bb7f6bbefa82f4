"""A synthetic national year built by resampling real station series.

Source series (``/work/shared/data``, reached as ``REPO.parent / "shared" / "data"``):

* ``cnemc_sites_2019/sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz``: every station of
  北京, 石家庄, 郑州, all of 2019 (CNEMC hour-ending labels);
* ``beijing_multisite_prsa/PRSA_Data_*.csv.gz``: nine Beijing stations, calendar years 2014-2016
  (CO divided by 1000 to mg/m³; 29 February dropped).

A series is kept when at least 60 % of its PM2.5 hours are present. Each synthetic city draws one
source group (a city-year) and a whole-day shift; each of its stations draws one series of that
group, a small extra shift [h] and per-pollutant scale factors (city × station, log-normal), so
stations of a city move together like real neighbours. Shifts are circular; gaps stay gaps.
Values are rounded to the CNEMC reporting precision (whole µg/m³, CO 0.1 mg/m³).

Output (cached under ``bench/out/``, keyed by station count and seed):

* ``daily/china_sites_YYYYMMDD.csv``: 365 files in the CNEMC wide layout
  (``date,hour,type,<station>...``, 15 types per hour);
* ``StationList.csv``: code, name, city, lon, lat in the layout of ``StationList-2020.01.01.csv``;
* ``values.npy``: the concentrations, shape (stations, 6, 8760), pollutant order of
  ``lantian.airquality.schema.POLLUTANTS``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
OUT = REPO / "bench" / "out"

YEAR = 2019
HOURS = 8760
#: Pollutant order of the value cube (same as ``lantian.airquality.schema.POLLUTANTS``).
POLLUTANTS = ("so2", "no2", "co", "o3", "pm10", "pm25")
#: CNEMC type label of each pollutant in the daily files.
CNEMC_TYPE = {
    "so2": "SO2",
    "no2": "NO2",
    "co": "CO",
    "o3": "O3",
    "pm10": "PM10",
    "pm25": "PM2.5",
}
#: Type rows of a CNEMC daily file, in the order of the real files.
FILE_TYPES = (
    "AQI",
    "PM2.5",
    "PM2.5_24h",
    "PM10",
    "PM10_24h",
    "SO2",
    "SO2_24h",
    "NO2",
    "NO2_24h",
    "O3",
    "O3_24h",
    "O3_8h",
    "O3_8h_24h",
    "CO",
    "CO_24h",
)
CACHE_VERSION = 2
MIN_COVERAGE = 0.6
CITY_SCALE_SIGMA = 0.35
STATION_SCALE_SIGMA = 0.10
CITY_SHIFT_DAYS = 30
STATION_SHIFT_HOURS = 3
STATIONS_PER_CITY = 5.5


class SharedDataMissing(RuntimeError):
    """The real data under ``../shared/data`` are not there."""


@dataclass(frozen=True)
class BaseSeries:
    """Real hourly series: ``values`` has shape (series, 6, 8760); ``group`` names the city-year."""

    names: list[str]
    groups: list[str]
    values: np.ndarray


@dataclass(frozen=True)
class Synthetic:
    """A synthetic national year: station table and value cube (stations, 6, 8760)."""

    stations: pd.DataFrame  # columns code, name, city, lon, lat, source
    values: np.ndarray


@dataclass(frozen=True)
class SynthPaths:
    """Where a cached synthetic year lives."""

    root: Path
    daily: list[Path]
    station_list: Path
    values: Path
    meta: Path


def _hour_index(dates: pd.Series, hours: pd.Series) -> np.ndarray:
    doy = pd.to_datetime(dates).dt.day_of_year.to_numpy()
    return np.asarray((doy - 1) * 24 + hours.to_numpy(), dtype=np.int64)


def _load_cnemc(data: Path) -> tuple[list[str], list[str], list[np.ndarray]]:
    path = data / "cnemc_sites_2019" / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz"
    cols = ["date", "hour", "station_code", "city", *CNEMC_TYPE.values()]
    frame = pd.read_csv(path, usecols=cols, dtype={"station_code": str, "city": str})
    frame["idx"] = _hour_index(frame["date"], frame["hour"])
    names, groups, cubes = [], [], []
    for (code, city), part in frame.groupby(["station_code", "city"], sort=True):
        cube = np.full((len(POLLUTANTS), HOURS), np.nan, dtype=np.float32)
        idx = part["idx"].to_numpy()
        for k, pol in enumerate(POLLUTANTS):
            cube[k, idx] = pd.to_numeric(part[CNEMC_TYPE[pol]], errors="coerce").to_numpy()
        names.append(f"cnemc:{code}")
        groups.append(f"{city}-2019")
        cubes.append(cube)
    return names, groups, cubes


def _load_prsa(data: Path) -> tuple[list[str], list[str], list[np.ndarray]]:
    names, groups, cubes = [], [], []
    for path in sorted((data / "beijing_multisite_prsa").glob("PRSA_Data_*.csv.gz")):
        frame = pd.read_csv(path, na_values=["NA"])
        frame = frame[~((frame["month"] == 2) & (frame["day"] == 29))]
        station = str(frame["station"].iloc[0])
        for year in (2014, 2015, 2016):
            part = frame[frame["year"] == year]
            day = pd.to_datetime(
                pd.DataFrame({"year": YEAR, "month": part["month"], "day": part["day"]})
            )
            idx = ((day.dt.day_of_year - 1) * 24 + part["hour"]).to_numpy()
            cube = np.full((len(POLLUTANTS), HOURS), np.nan, dtype=np.float32)
            for k, pol in enumerate(POLLUTANTS):
                col = CNEMC_TYPE[pol]
                vals = part[col].to_numpy(dtype=np.float64)
                cube[k, idx] = vals / 1000.0 if pol == "co" else vals
            names.append(f"prsa:{station}:{year}")
            groups.append(f"PRSA-{year}")
            cubes.append(cube)
    return names, groups, cubes


def load_base_series(data: Path = SHARED_DATA) -> BaseSeries:
    """Read the real full-year station series; raise :class:`SharedDataMissing` if absent."""
    if not (data / "cnemc_sites_2019").is_dir() or not (data / "beijing_multisite_prsa").is_dir():
        raise SharedDataMissing(
            f"shared data not found under {data}: the synthetic year resamples the real series "
            "in cnemc_sites_2019/ and beijing_multisite_prsa/"
        )
    names, groups, cubes = _load_cnemc(data)
    more = _load_prsa(data)
    names += more[0]
    groups += more[1]
    cubes += more[2]
    pm25 = POLLUTANTS.index("pm25")
    keep = [i for i, c in enumerate(cubes) if np.isfinite(c[pm25]).mean() >= MIN_COVERAGE]
    return BaseSeries(
        names=[names[i] for i in keep],
        groups=[groups[i] for i in keep],
        values=np.stack([cubes[i] for i in keep]),
    )


def _round_reporting(cube: np.ndarray) -> np.ndarray:
    """Round to the CNEMC reporting precision: whole µg/m³, CO to 0.1 mg/m³ (in place)."""
    co = POLLUTANTS.index("co")
    for k in range(cube.shape[1]):
        decimals = 1 if k == co else 0
        np.round(cube[:, k], decimals, out=cube[:, k])
    return cube


def synthesize(base: BaseSeries, n_stations: int, seed: int) -> Synthetic:
    """Draw ``n_stations`` synthetic stations in ``≈ n_stations / 5.5`` cities."""
    rng = np.random.default_rng(seed)
    n_cities = max(1, round(n_stations / STATIONS_PER_CITY))
    group_names = sorted(set(base.groups))
    members = {g: [i for i, x in enumerate(base.groups) if x == g] for g in group_names}
    # every city gets one station, the rest go to cities with log-normal weights
    weights = rng.lognormal(0.0, 0.6, n_cities)
    extra = rng.multinomial(n_stations - n_cities, weights / weights.sum())
    sizes = 1 + extra
    values = np.empty((n_stations, len(POLLUTANTS), HOURS), dtype=np.float32)
    rows = []
    s = 0
    for c in range(n_cities):
        city = f"合成{c + 1:03d}市"
        group = group_names[rng.integers(len(group_names))]
        city_shift = int(rng.integers(-CITY_SHIFT_DAYS, CITY_SHIFT_DAYS + 1)) * 24
        city_scale = rng.lognormal(0.0, CITY_SCALE_SIGMA, len(POLLUTANTS))
        lon0, lat0 = rng.uniform(80.0, 130.0), rng.uniform(20.0, 48.0)
        for j in range(int(sizes[c])):
            src = members[group][rng.integers(len(members[group]))]
            shift = city_shift + int(rng.integers(-STATION_SHIFT_HOURS, STATION_SHIFT_HOURS + 1))
            scale = city_scale * rng.lognormal(0.0, STATION_SCALE_SIGMA, len(POLLUTANTS))
            values[s] = np.roll(base.values[src], shift, axis=1) * scale[:, None].astype(np.float32)
            rows.append(
                {
                    "code": f"{5001 + s}A",
                    "name": f"{city}{j + 1}号站",
                    "city": city,
                    "lon": round(lon0 + rng.normal(0.0, 0.05), 4),
                    "lat": round(lat0 + rng.normal(0.0, 0.05), 4),
                    "source": base.names[src],
                }
            )
            s += 1
    return Synthetic(stations=pd.DataFrame(rows), values=_round_reporting(values))


def _trailing(x: np.ndarray, window: int, min_count: int, how: str) -> np.ndarray:
    """Trailing window statistic over the last axis (hours h-window+1 .. h), NaN-aware."""
    n = x.shape[-1]
    out = np.full(x.shape, np.nan, dtype=np.float32)
    valid = np.isfinite(x)
    filled = np.where(valid, x, 0.0).astype(np.float64)
    csum = np.concatenate([np.zeros((*x.shape[:-1], 1)), np.cumsum(filled, axis=-1)], axis=-1)
    ccnt = np.concatenate(
        [np.zeros((*x.shape[:-1], 1)), np.cumsum(valid, axis=-1, dtype=np.int64)], axis=-1
    )
    lo = np.maximum(np.arange(n) - window + 1, 0)
    hi = np.arange(n) + 1
    count = ccnt[..., hi] - ccnt[..., lo]
    ok = count >= min_count
    if how == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            out[ok] = ((csum[..., hi] - csum[..., lo]) / count)[ok]
    else:
        neg = np.where(valid, x, -np.inf)
        view = np.lib.stride_tricks.sliding_window_view(
            np.concatenate([np.full((*x.shape[:-1], window - 1), -np.inf), neg], axis=-1),
            window,
            axis=-1,
        )
        out[ok] = view.max(axis=-1)[ok]
    return out


def _derived_types(values: np.ndarray) -> dict[str, np.ndarray]:
    """The running values a CNEMC file carries besides the hourly ones (published columns)."""
    k = {p: i for i, p in enumerate(POLLUTANTS)}
    o3_8h = _trailing(values[:, k["o3"]], 8, 6, "mean")
    out = {
        "PM2.5_24h": _trailing(values[:, k["pm25"]], 24, 20, "mean"),
        "PM10_24h": _trailing(values[:, k["pm10"]], 24, 20, "mean"),
        "SO2_24h": _trailing(values[:, k["so2"]], 24, 20, "mean"),
        "NO2_24h": _trailing(values[:, k["no2"]], 24, 20, "mean"),
        "CO_24h": _trailing(values[:, k["co"]], 24, 20, "mean"),
        "O3_24h": _trailing(values[:, k["o3"]], 24, 1, "max"),
        "O3_8h": o3_8h,
        "O3_8h_24h": _trailing(o3_8h, 24, 1, "max"),
    }
    for name, arr in out.items():
        np.round(arr, 1 if name == "CO_24h" else 0, out=arr)
    return out


class _Formatter:
    """Turns rounded values into CSV cells through a lookup table (blank for NaN)."""

    def __init__(self, top: int = 100_000) -> None:
        self.top = top
        self.ints = np.array([""] + [str(i) for i in range(top)], dtype=object)
        tenths = [str(i // 10) if i % 10 == 0 else f"{i // 10}.{i % 10}" for i in range(top)]
        self.tenths = np.array(["", *tenths], dtype=object)

    def cells(self, x: np.ndarray, decimals: int) -> np.ndarray:
        scaled = x * (10.0 if decimals else 1.0)
        finite = np.isfinite(scaled)
        idx = np.zeros(x.shape, dtype=np.int64)
        idx[finite] = np.rint(scaled[finite]).astype(np.int64) + 1
        if (idx >= self.top).any() or (idx < 0).any():
            raise ValueError("value outside the formatter's table")
        table = self.tenths if decimals else self.ints
        return np.asarray(table[idx])


def write_daily_files(syn: Synthetic, daily_dir: Path, aqi: np.ndarray | None) -> list[Path]:
    """Write the 365 CNEMC-wide daily files; ``aqi`` (stations, 8760) or blanks if None."""
    daily_dir.mkdir(parents=True, exist_ok=True)
    derived = _derived_types(syn.values)
    k = {p: i for i, p in enumerate(POLLUTANTS)}
    by_type: dict[str, np.ndarray] = {CNEMC_TYPE[p]: syn.values[:, k[p]] for p in POLLUTANTS}
    by_type.update(derived)
    n = syn.values.shape[0]
    by_type["AQI"] = aqi if aqi is not None else np.full((n, HOURS), np.nan, dtype=np.float32)
    fmt = _Formatter()
    header = "date,hour,type," + ",".join(syn.stations["code"]) + "\n"
    paths = []
    start = dt.date(YEAR, 1, 1)
    for d in range(HOURS // 24):
        day = start + dt.timedelta(days=d)
        stamp = day.strftime("%Y%m%d")
        sl = slice(d * 24, d * 24 + 24)
        cells = {
            t: fmt.cells(by_type[t][:, sl], 1 if t.startswith("CO") else 0) for t in FILE_TYPES
        }
        lines = [header]
        for h in range(24):
            for t in FILE_TYPES:
                lines.append(f"{stamp},{h},{t}," + ",".join(cells[t][:, h]) + "\n")
        path = daily_dir / f"china_sites_{stamp}.csv"
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def write_station_list(syn: Synthetic, path: Path) -> None:
    """Station list in the layout of ``StationList-2020.01.01.csv``."""
    table = syn.stations.rename(
        columns={
            "code": "监测点编码",
            "name": "监测点名称",
            "city": "城市",
            "lon": "经度",
            "lat": "纬度",
        }
    )
    table[["监测点编码", "监测点名称", "城市", "经度", "纬度"]].to_csv(path, index=False)


def hourly_aqi_or_none(values: np.ndarray) -> np.ndarray | None:
    """Published-style hourly AQI from lantian's own rules, or None when they are not there.

    The generator plays CNEMC here: the ``AQI`` rows of the files are lantian's hourly AQI of the
    synthetic concentrations. Without ``lantian.standards`` the rows are left blank.
    """
    try:
        from bench.lantian_api import hourly_aqi_cube
    except ImportError:
        return None
    return hourly_aqi_cube(values)


def paths_for(n_stations: int, seed: int, out: Path = OUT) -> SynthPaths:
    root = out / f"national_{n_stations}_seed{seed}"
    start = dt.date(YEAR, 1, 1)
    daily = [
        root / "daily" / f"china_sites_{(start + dt.timedelta(days=d)).strftime('%Y%m%d')}.csv"
        for d in range(HOURS // 24)
    ]
    return SynthPaths(
        root=root,
        daily=daily,
        station_list=root / "StationList.csv",
        values=root / "values.npy",
        meta=root / "meta.json",
    )


def ensure(n_stations: int, seed: int = 2019, out: Path = OUT, log: bool = True) -> SynthPaths:
    """Build the synthetic year unless a complete cache with the same key exists."""
    paths = paths_for(n_stations, seed, out)
    if paths.meta.exists():
        meta = json.loads(paths.meta.read_text(encoding="utf-8"))
        if meta.get("version") == CACHE_VERSION and all(p.exists() for p in paths.daily):
            return paths
    base = load_base_series()
    if log:
        print(f"synth: {len(base.names)} real series in {len(set(base.groups))} city-years")
    syn = synthesize(base, n_stations, seed)
    paths.root.mkdir(parents=True, exist_ok=True)
    np.save(paths.values, syn.values)
    write_station_list(syn, paths.station_list)
    syn.stations.to_csv(paths.root / "stations_source.csv", index=False)
    aqi = hourly_aqi_or_none(syn.values)
    write_daily_files(syn, paths.root / "daily", aqi)
    meta = {
        "version": CACHE_VERSION,
        "stations": n_stations,
        "cities": int(syn.stations["city"].nunique()),
        "hours": HOURS,
        "seed": seed,
        "base_series": len(base.names),
        "aqi_rows": "lantian hourly AQI" if aqi is not None else "blank",
        "valid_values": int(np.isfinite(syn.values).sum()),
    }
    paths.meta.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    if log:
        print(f"synth: wrote {paths.root} ({meta['cities']} cities)")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the synthetic national year.")
    parser.add_argument("--stations", type=int, default=1700)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args(argv)
    try:
        ensure(args.stations, args.seed)
    except SharedDataMissing as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def hourly_frame(paths: SynthPaths) -> pd.DataFrame:
    """The synthetic station-hours as a long frame (``station_code``, end-of-hour ``ts``,
    pollutants), rows where every pollutant is missing left out — what the files carry."""
    values = np.load(paths.values)
    codes = pd.read_csv(paths.station_list, dtype=str)["监测点编码"].to_numpy()
    n = values.shape[0]
    ts = pd.Timestamp(YEAR, 1, 1) + pd.to_timedelta(np.arange(HOURS), unit="h")
    frame = pd.DataFrame(
        {
            "station_code": pd.Categorical(np.repeat(codes, HOURS)),
            "ts": np.tile(ts.to_numpy(), n),
            **{p: values[:, k].reshape(-1) for k, p in enumerate(POLLUTANTS)},
        }
    )
    return frame[frame[list(POLLUTANTS)].notna().any(axis=1)].reset_index(drop=True)
