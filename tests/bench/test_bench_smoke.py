"""The benchmark still works at a tiny scale: its synthetic files are what lantian reads, and its
peers agree with lantian where they should. Results are compared, never times."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(
        not (SHARED_DATA / "cnemc_sites_2019").is_dir(),
        reason="../shared/data is absent: the synthetic year resamples its real station series",
    ),
]

N_STATIONS = 12


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from bench import synth

    out = tmp_path_factory.mktemp("bench_out")
    return synth.ensure(N_STATIONS, seed=7, out=out, log=False)


@pytest.fixture(scope="module")
def store_root(tiny, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    from bench import lantian_api as api

    root = tmp_path_factory.mktemp("store")
    store = api.open_store(root)
    api.register_stations(store, tiny.station_list)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcomes = api.ingest_files(store, tiny.daily)
    assert api.describe_ingest(outcomes)["refused"] == 0
    return root


def test_synthetic_year_has_the_asked_shape(tiny) -> None:  # type: ignore[no-untyped-def]
    values = np.load(tiny.values)
    stations = pd.read_csv(tiny.station_list, dtype=str)
    assert values.shape == (N_STATIONS, 6, 8760)
    assert len(tiny.daily) == 365
    assert stations["监测点编码"].is_unique
    assert stations["城市"].nunique() == round(N_STATIONS / 5.5)
    # gaps are kept from the real series, and most hours have data
    present = np.isfinite(values).mean()
    assert 0.5 < present < 1.0
    # reporting precision: whole µg/m³, CO to 0.1 mg/m³
    finite = values[np.isfinite(values)]
    assert (finite >= 0).all()
    co = values[:, 2][np.isfinite(values[:, 2])]
    assert np.allclose(co * 10, np.round(co * 10), atol=1e-3)


def test_synthesis_is_reproducible_and_seeded() -> None:
    from bench import synth

    base = synth.load_base_series()
    a = synth.synthesize(base, 8, seed=1)
    b = synth.synthesize(base, 8, seed=1)
    c = synth.synthesize(base, 8, seed=2)
    assert np.array_equal(a.values, b.values, equal_nan=True)
    assert not np.array_equal(a.values, c.values, equal_nan=True)


def test_daily_files_round_trip_through_lantians_reader(tiny) -> None:  # type: ignore[no-untyped-def]
    from bench import synth
    from lantian.airquality.readers.cnemc_wide import read_cnemc_wide

    values = np.load(tiny.values)
    codes = pd.read_csv(tiny.station_list, dtype=str)["监测点编码"].tolist()
    table = read_cnemc_wide(tiny.daily[40]).to_pandas()  # 2019-02-10
    row = table[(table["station_code"] == codes[3])].sort_values("ts")
    hours = ((row["ts"] - pd.Timestamp(2019, 1, 1)) / pd.Timedelta(hours=1)).astype(int)
    for k, pol in enumerate(synth.POLLUTANTS):
        expected = values[3, k, hours.to_numpy()]
        np.testing.assert_allclose(row[pol].to_numpy(dtype=float), expected, rtol=0, atol=1e-4)


def test_pandas_reference_agrees_with_lantian(store_root: Path) -> None:
    from bench.phases import compare_annual

    from bench import lantian_api as api
    from bench import pandas_ref

    eng = api.engine_of(store_root)
    lantian = api.annual_table(
        eng.period_stats("2019").to_pandas(), eng.rank("2019").to_pandas()
    ).set_index("city")
    hourly = pandas_ref.load_hourly(api.parquet_files(store_root))
    sd = pandas_ref.station_daily(hourly)
    cd = pandas_ref.city_daily(hourly, sd, api.city_of_stations(store_root))
    mine = pandas_ref.annual(cd, 2019).set_index("city")
    diff = compare_annual(mine, lantian)
    assert diff["cities_only_pandas"] == 0 and diff["cities_only_lantian"] == 0
    for col in ("so2", "no2", "pm10", "pm25", "co", "o3", "composite"):
        assert diff[f"{col}_null_mismatch"] == 0
        assert diff[col] is not None and diff[col] < 1e-5, (col, diff[col])
    assert diff["rank_null_mismatch"] == 0
    assert diff["rank"] in (0.0, None)
    # the statistic must not be trivially zero: city annual PM2.5 of real Chinese cities
    assert (mine["pm25"] > 10).all()


def test_floor_scan_sees_every_stored_row(store_root: Path) -> None:
    import duckdb

    from bench import lantian_api as api

    files = api.parquet_files(store_root)
    con = duckdb.connect()
    n = con.execute("SELECT count(*) FROM read_parquet($f)", {"f": files}).fetchone()[0]
    assert n == api.count_rows(api.open_store(store_root))


def test_peers_compute_the_sampled_rows(store_root: Path) -> None:
    from bench import lantian_api as api
    from bench import peers

    cols = api.read_columns(store_root)
    idx = np.arange(0, len(cols["pm25"]), 997)[:200]
    sample = np.column_stack([cols[p][idx] for p in peers.SAMPLE_COLUMNS])
    mine = api.hourly_aqi_columns({p: cols[p][idx] for p in cols})
    hub = peers.time_aqi_hub(sample)
    pyaqi = peers.time_python_aqi(sample)
    assert hub.rows == pyaqi.rows == len(idx)
    hub_vals = np.array([-1 if v is None else v for v in hub.values])
    # aqi-hub 0.3.3 has the 2026 PM tables: identical to HJ 633-2012 while every PM IAQI is on
    # the 0–50 segment (PM2.5 ≤ 35, PM10 ≤ 50), so rows that low must agree exactly.
    low = (sample[:, 0] <= 35) & (sample[:, 1] <= 50) & (hub_vals >= 0)
    assert low.any()
    assert np.array_equal(hub_vals[low], mine[low])
