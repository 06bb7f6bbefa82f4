"""Three-year sliding means (HJ 663-2026 三年滑动平均, UNCONFIRMED formula) over published city
daily values, checked against an independent computation from the CSV itself."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.engine import Engine
from lantian.airquality.ingest import ingest_paths
from lantian.airquality.sliding import sliding_means
from lantian.airquality.store import MeasurementStore

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
CSV = SAMPLE / "tianqihoubao_3cities_daily_2013_2019.csv.gz"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    store = MeasurementStore(tmp_path_factory.mktemp("sliding"))
    (outcome,) = ingest_paths(store, [CSV])
    assert outcome.error is None
    return Engine(store.connect())


def annual_pm25(city: str, year: int) -> float:
    """Mean of the distinct days' PM2.5 (0 = missing at the source, per its PROVENANCE)."""
    df = (
        pl.read_csv(CSV, infer_schema_length=0)
        .filter(pl.col("city") == city, pl.col("date").str.starts_with(str(year)))
        .unique(subset=["city", "date"], keep="first")
        .with_columns(pl.col("PM2.5").cast(pl.Float64))
        .filter(pl.col("PM2.5") > 0)
    )
    return float(df["PM2.5"].mean())  # type: ignore[arg-type]


def test_beijing_2016_is_the_mean_of_2014_2015_2016(engine: Engine) -> None:
    frame = sliding_means(engine, 2016, ["北京"], source="published")
    row = frame.row(0, named=True)
    assert row["valid_years"] == 3
    expected = sum(annual_pm25("北京", y) for y in (2014, 2015, 2016)) / 3
    assert row["pm25"] == pytest.approx(expected, abs=1e-9)
    assert row["pm25_2014"] == pytest.approx(annual_pm25("北京", 2014), abs=1e-9)
    # Beijing's PM2.5 fell over these years: the sliding mean lies between the first and last.
    assert row["pm25_2016"] < row["pm25"] < row["pm25_2014"]


def test_an_invalid_year_voids_the_mean_unless_asked(engine: Engine) -> None:
    # 石家庄 2019 has only 311 days in this source (数据不足): the 2017–2019 mean is void…
    stats = engine.period_stats("2019", ["石家庄"], source="published").row(0, named=True)
    assert stats["valid"] is False
    strict = sliding_means(engine, 2019, ["石家庄"], source="published").row(0, named=True)
    assert strict["valid_years"] < 3
    assert strict["pm25"] is None
    # …unless the valid years may stand alone (the switch standards_2026.md §3.3 asks for).
    loose = sliding_means(
        engine, 2019, ["石家庄"], source="published", require_all_years=False
    ).row(0, named=True)
    valid = [
        loose[f"pm25_{y}"]
        for y in (2017, 2018, 2019)
        if engine.period_stats(str(y), ["石家庄"], source="published")["valid"][0]
    ]
    assert len(valid) == loose["valid_years"] >= 1
    assert loose["pm25"] == pytest.approx(sum(valid) / len(valid))
