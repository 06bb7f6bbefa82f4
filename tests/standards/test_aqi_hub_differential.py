"""Differential test against PyPI ``aqi-hub`` 0.3.3 (HJ 633-2026 breakpoints).

What aqi-hub does (``aqi_hub/aqi_cn/aqi.py``): it does **not** round the concentration, evaluates
the formula in binary floats and applies ``math.ceil``; segments are closed on both ends; above the
top breakpoint it returns 500; SO2 1 h > 800 → 200 and O3 8 h > 800 → 300 as in HJ 633-2026.
So it is compared with ``round_input=False``. Systematic differences (docs/standards.md):
1. the float trap: where the exact raw index is an integer, float error can push aqi-hub one above
   (CO 2.2 → 56);
2. its ``SO2_24H`` table is the SO2 **1-hour** column (0/150/500/650/800/…); the daily SO2 column
   of 表3 is 0/50/150/475/800/…
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lantian.standards import hj633_2026 as std

aqi_cn = pytest.importorskip("aqi_hub.aqi_cn", reason="aqi-hub (dev extra) is not installed")

HUB_ITEM = {
    "pm25_24h": "PM25_24H",
    "pm25_1h": "PM25_1H",
    "pm10_24h": "PM10_24H",
    "pm10_1h": "PM10_1H",
    "so2_1h": "SO2_1H",
    "no2_24h": "NO2_24H",
    "no2_1h": "NO2_1H",
    "co_24h": "CO_24H",
    "co_1h": "CO_1H",
    "o3_8h": "O3_8H",
    "o3_1h": "O3_1H",
}

conc = st.one_of(
    st.integers(0, 4000).map(lambda n: n / 10),
    st.integers(0, 4000),
    st.integers(0, 40000).map(lambda n: n / 10),
)


def _raw_is_integer(indicator: str, c: float) -> bool:
    """True when the exact (unceiled) index of ``c`` is an integer: the float-trap cases."""
    f = Fraction(repr(c))
    for lo, hi, i0, i1 in std.segments(indicator):
        if f <= hi:
            raw = i0 + Fraction(i1 - i0, hi - lo) * (f - lo)
            return raw.denominator == 1
    return True  # beyond the table: both give 500


def _hub(indicator: str, c: float) -> int | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return aqi_cn.cal_iaqi_cn(HUB_ITEM[indicator], c)  # type: ignore[no-any-return]


@settings(max_examples=400)
@given(st.sampled_from(sorted(HUB_ITEM)), conc)
def test_iaqi_agrees_where_both_defined(indicator: str, c: float) -> None:
    ours = std.iaqi(indicator, c, round_input=False).value
    hub = _hub(indicator, c)
    assert ours is not None and hub is not None
    if _raw_is_integer(indicator, c):
        assert hub in (ours, ours + 1)  # float trap can only push up by one
    else:
        assert hub == ours


def test_float_trap_example() -> None:
    # aqi.md §2: CO 24h 2.2 → exactly 55; aqi-hub's float arithmetic gives 56
    assert std.iaqi("co_24h", 2.2).value == 55
    assert _hub("co_24h", 2.2) == 56


def test_so2_24h_table_differs() -> None:
    # aqi-hub SO2_24H uses the 1-hour column: SO2 daily 150 → 50 there, 100 in 表3
    assert std.iaqi("so2_24h", 150).value == 100
    assert aqi_cn.cal_iaqi_cn("SO2_24H", 150) == 50
    assert aqi_cn.breakpoints["SO2_24H"][0][:2] == (0, 150)


@settings(max_examples=200)
@given(conc, conc, conc, conc, conc, conc)
@example(
    0.0, 0.0, 0.0, 0.0, 33.2, 0.0
)  # CO 3.32 daily: exactly 83 (a float 3.3200000000000003 → 84)
def test_hourly_and_daily_aqi_agree(
    pm25: float, pm10: float, so2: float, no2: float, co: float, o3: float
) -> None:
    # one more decimal for CO [mg/m³]; rounding keeps the value a short decimal (33.2 / 10 would be
    # 3.3200000000000003 in binary, which exact arithmetic rightly indexes above 3.32)
    co = round(co / 10, 2)
    hub_hourly, _ = aqi_cn.cal_aqi_cn(pm25, pm10, so2, no2, co, o3, data_type="hourly")
    ours = std.hourly_aqi(
        pm25_1h=pm25, pm10_1h=pm10, so2_1h=so2, no2_1h=no2, co_1h=co, o3_1h=o3, round_input=False
    )
    assert ours.aqi is not None
    assert hub_hourly in (ours.aqi, ours.aqi + 1)
    if not any(
        _raw_is_integer(k, v)
        for k, v in (
            ("pm25_1h", pm25),
            ("pm10_1h", pm10),
            ("so2_1h", so2),
            ("no2_1h", no2),
            ("co_1h", co),
            ("o3_1h", o3),
        )
    ):
        assert hub_hourly == ours.aqi
    # daily: SO2 set to 0 (aqi-hub's SO2_24H table is the 1-hour column)
    hub_daily, _ = aqi_cn.cal_aqi_cn(pm25, pm10, 0, no2, co, o3, data_type="daily")
    d = std.daily_aqi(
        pm25_24h=pm25, pm10_24h=pm10, so2_24h=0, no2_24h=no2, co_24h=co, o3_8h=o3, round_input=False
    )
    assert d.aqi is not None and hub_daily in (d.aqi, d.aqi + 1)
    assert not math.isnan(d.aqi)
