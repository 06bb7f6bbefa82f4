"""A small measurement store from ``data/sample`` (January–March 2019), the dashboard app
switched on for the test, and a small ledger with "today" pinned (``ledger_data``)."""

from __future__ import annotations

import gzip
import warnings
from pathlib import Path
from typing import Any

import pytest

from lantian.airquality.ingest import ingest_paths
from lantian.airquality.stations import read_station_list
from lantian.airquality.store import MeasurementStore

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "sample"
TARGETS = SAMPLE / "targets_shijiazhuang_2019.csv"
#: The last day of the trimmed store.
LAST_DAY = "2019-03-31"


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose ``store/`` holds the sample's first quarter of 2019 (three
    cities' station hours), the station list and the published city daily values."""
    base = tmp_path_factory.mktemp("dashboard-data")
    hourly = base / "sites_2019_q1_hourly.csv"
    with (
        gzip.open(SAMPLE / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz", "rt") as src,
        hourly.open("w", encoding="utf-8") as dst,
    ):
        dst.write(next(src))
        dst.writelines(line for line in src if line[:7] in ("2019-01", "2019-02", "2019-03"))
    store = MeasurementStore(base / "store")
    with warnings.catch_warnings():  # the 2020 list names station 3207A twice; first kept
        warnings.simplefilter("ignore")
        store.upsert_stations(read_station_list(SAMPLE / "StationList-2020.01.01.csv"))
    outcomes = ingest_paths(store, [hourly, SAMPLE / "tianqihoubao_3cities_daily_2013_2019.csv.gz"])
    assert [getattr(o, "error", None) for o in outcomes] == [None, None]
    return base


@pytest.fixture
def dashboard_settings(settings: Any) -> Any:
    """The demo's targets file configured for the dashboard."""
    settings.LANTIAN_TARGETS = TARGETS
    return settings


@pytest.fixture
def with_store(dashboard_settings: Any, sample_data_dir: Path) -> Path:
    dashboard_settings.LANTIAN_DATA_DIR = sample_data_dir
    return sample_data_dir


@pytest.fixture
def without_store(dashboard_settings: Any, tmp_path: Path) -> Path:
    dashboard_settings.LANTIAN_DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def pin(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Now" is 10:00 on 2019-09-06 (Asia/Shanghai) for the ledger's clock."""
    from lantian.web.ledger import clock
    from tests.web.dashboard.ledger_data import ON
    from tests.web.ledger.factories import at

    moment = at(ON)
    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.fixture
def small_ledger(personas: Any, pin: None) -> Any:
    """The ledger of :mod:`tests.web.dashboard.ledger_data`, with "today" pinned."""
    from tests.web.dashboard.ledger_data import make_dashboard_ledger

    return make_dashboard_ledger(personas)
