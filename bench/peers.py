"""The peers lantian is timed against: aqi-hub and python-aqi value by value.

* aqi-hub (PyPI ``aqi-hub``, module ``aqi_hub``): ``cal_aqi_cn(pm25, pm10, so2, no2, co, o3,
  data_type="hourly")`` — the CNEMC real-time AQI of one station-hour (PM 1-h values on the 24-h
  table, O3 1-h only). Version 0.3.3 carries the HJ 633-2026 PM breakpoints, so its values differ
  from HJ 633-2012 above PM2.5 35 / PM10 50: speed is compared, agreement only reported.
* python-aqi (PyPI ``python-aqi``, module ``aqi``): ``to_aqi([(pollutant, "conc"), ...], algo)``.
  Its default algorithm is the US EPA scale; it also ships ``aqi.algos.mep`` (a 2012 MEP table with
  integer-gapped breakpoints and half-even rounding, not the HJ 633 ceiling). The benchmark times
  the ``mep`` algorithm on the same six 1-hour items: speed only, its numbers are not HJ 633's.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass

import numpy as np

#: Column order of the sample matrices handed to the peers.
SAMPLE_COLUMNS = ("pm25", "pm10", "so2", "no2", "co", "o3")


@dataclass(frozen=True)
class PeerTiming:
    """Seconds for ``rows`` station-hours, the values computed (None where the peer gave none)."""

    name: str
    rows: int
    seconds: float
    failures: int
    values: list[int | None]

    @property
    def seconds_per_value(self) -> float:
        return self.seconds / self.rows if self.rows else math.nan


def _cell(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def time_aqi_hub(sample: np.ndarray) -> PeerTiming:
    """aqi-hub ``cal_aqi_cn(..., data_type="hourly")`` on each row of ``sample``."""
    from aqi_hub.aqi_cn import cal_aqi_cn

    rows = [[_cell(x) for x in r] for r in sample.tolist()]
    out: list[int | None] = []
    failures = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aqi-hub warns on every missing value
        t0 = time.perf_counter()
        for pm25, pm10, so2, no2, co, o3 in rows:
            try:
                aqi, _ = cal_aqi_cn(pm25, pm10, so2, no2, co, o3, data_type="hourly")
            except (TypeError, ValueError):
                aqi = None
                failures += 1
            out.append(aqi)
        seconds = time.perf_counter() - t0
    return PeerTiming("aqi-hub", len(rows), seconds, failures, out)


def time_python_aqi(sample: np.ndarray) -> PeerTiming:
    """python-aqi ``to_aqi(..., algo=ALGO_MEP)`` on each row (concentrations passed as strings,
    as its documentation asks; missing items left out)."""
    import aqi as python_aqi
    from aqi.constants import (
        ALGO_MEP,
        POLLUTANT_CO_1H,
        POLLUTANT_NO2_1H,
        POLLUTANT_O3_1H,
        POLLUTANT_PM10,
        POLLUTANT_PM25,
        POLLUTANT_SO2_1H,
    )

    names = (
        POLLUTANT_PM25,
        POLLUTANT_PM10,
        POLLUTANT_SO2_1H,
        POLLUTANT_NO2_1H,
        POLLUTANT_CO_1H,
        POLLUTANT_O3_1H,
    )
    rows = [
        [(n, repr(x)) for n, x in zip(names, r, strict=True) if not math.isnan(x)]
        for r in sample.tolist()
    ]
    out: list[int | None] = []
    failures = 0
    t0 = time.perf_counter()
    for items in rows:
        try:
            out.append(int(python_aqi.to_aqi(items, algo=ALGO_MEP)) if items else None)
        except (TypeError, ValueError, IndexError, ArithmeticError):
            out.append(None)
            failures += 1
    seconds = time.perf_counter() - t0
    return PeerTiming("python-aqi (mep)", len(rows), seconds, failures, out)
