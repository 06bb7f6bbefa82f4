"""A tiny measurement store for the dispatch's target and 约谈 tests, built from canonical rows.

Three stations, one per engine area: T001 石家庄, T002 长安, T003 鹿泉 (the ledger of the personas
has 石家庄市 and 长安区, no 鹿泉). Each listed day has 24 hourly values, all equal, of every
pollutant (so each day is a valid day with an AQI and its daily mean is the value itself):

=====  ==========  =====  =====
area   day         PM2.5  PM10
=====  ==========  =====  =====
石家庄  2018-08-06  48     84
石家庄  2018-08-07  50     86
石家庄  2019-08-05  40     80
石家庄  2019-08-06  44     90
长安    2018-08-06  62     130
长安    2019-08-05  60     100
鹿泉    2018-08-06  40     80
鹿泉    2019-08-05  45     90
=====  ==========  =====  =====

August means: 石家庄 PM2.5 42 (2019) against 49 (2018), PM10 85 against 85; 长安 PM2.5 60
against 62, PM10 100 against 130; 鹿泉 PM2.5 45 against 40.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from lantian.airquality.ingest import ingest_paths
from lantian.airquality.stations import read_station_list
from lantian.airquality.store import MeasurementStore

STATIONS = (("T001", "甲站", "石家庄"), ("T002", "乙站", "长安"), ("T003", "丙站", "鹿泉"))

#: (station, day) → (PM2.5, PM10) [µg/m³].
DAYS: dict[tuple[str, date], tuple[int, int]] = {
    ("T001", date(2018, 8, 6)): (48, 84),
    ("T001", date(2018, 8, 7)): (50, 86),
    ("T001", date(2019, 8, 5)): (40, 80),
    ("T001", date(2019, 8, 6)): (44, 90),
    ("T002", date(2018, 8, 6)): (62, 130),
    ("T002", date(2019, 8, 5)): (60, 100),
    ("T003", date(2018, 8, 6)): (40, 80),
    ("T003", date(2019, 8, 5)): (45, 90),
}


def canonical_rows(days: dict[tuple[str, date], tuple[int, int]] = DAYS) -> list[str]:
    """The hours of ``days`` (default :data:`DAYS`) as canonical CSV lines
    (``docs/canonical_csv.md``): the hour ending at 01:00 … the hour ending at 24:00 (00:00 of
    the next day) of each day."""
    lines = ["station_code,time,pollutant,value,unit,qc"]
    for (station, day), (pm25, pm10) in days.items():
        start = datetime.combine(day, datetime.min.time())
        for h in range(1, 25):
            ts = (start + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M")
            values = (
                ("pm25", pm25, "ug/m3"),
                ("pm10", pm10, "ug/m3"),
                ("so2", 10, "ug/m3"),
                ("no2", 30, "ug/m3"),
                ("co", 1.0, "mg/m3"),
                ("o3", 80, "ug/m3"),
            )
            lines += [f"{station},{ts},{p},{v},{u}," for p, v, u in values]
    return lines


def build(base: Path) -> Path:
    """Write the station list and the hours under ``base`` and ingest them into
    ``base/store``; return ``base`` (a ``LANTIAN_DATA_DIR``)."""
    stations = base / "stations.csv"
    stations.write_text(
        "监测点编码,监测点名称,城市,经度,纬度\n"
        + "".join(f"{code},{name},{city},114.5,38.0\n" for code, name, city in STATIONS),
        encoding="utf-8",
    )
    hours = base / "hours.csv"
    hours.write_text("\n".join(canonical_rows()) + "\n", encoding="utf-8")
    store = MeasurementStore(base / "store")
    store.upsert_stations(read_station_list(stations))
    outcomes = ingest_paths(store, [hours])
    assert [getattr(o, "error", None) for o in outcomes] == [None]
    return base
