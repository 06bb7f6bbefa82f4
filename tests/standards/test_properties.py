"""Properties that must hold for any input (hypothesis): monotone IAQI, scalar == array,
percentile bounds."""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lantian.standards import hj633_2012, hj633_2026
from lantian.standards import hj663_2013 as e13
from lantian.standards.rounding import to_fraction

VERSIONS = (hj633_2012, hj633_2026)
INDICATORS = tuple(hj633_2012.TABLE_OF)

# concentrations with 0–2 decimals, many exact halves, up to 20 % beyond the top breakpoint
conc = st.one_of(
    st.integers(0, 4600).map(lambda n: n / 2),
    st.integers(0, 46000).map(lambda n: n / 10),
    st.integers(0, 460000).map(lambda n: n / 100),
)
maybe_conc = st.one_of(st.none(), conc, st.just(float("nan")), st.just(-1.0))


def _top(std: ModuleType, indicator: str) -> int:
    return int(std.BREAKPOINTS[std.TABLE_OF[indicator]][-1][0])


@given(st.sampled_from(VERSIONS), st.sampled_from(INDICATORS), conc, conc, st.booleans())
def test_iaqi_never_falls_as_concentration_rises(
    std: ModuleType, indicator: str, a: float, b: float, round_input: bool
) -> None:
    lo, hi = sorted((a, b))
    i_lo = std.iaqi(indicator, lo, round_input=round_input)
    i_hi = std.iaqi(indicator, hi, round_input=round_input)
    if i_hi.value is None:  # 2012 substitute rule above 800 (so2_1h, o3_8h)
        assert std is hj633_2012 and i_hi.rule is not None
        return
    assert i_lo.value is not None and i_lo.value <= i_hi.value <= 500


@settings(max_examples=60)
@given(
    st.sampled_from(VERSIONS),
    st.sampled_from(INDICATORS),
    st.lists(maybe_conc, min_size=1, max_size=40),
    st.booleans(),
    st.sampled_from(["GB/T 8170", "half-up"]),
)
def test_iaqi_scalar_equals_array(
    std: ModuleType, indicator: str, values: list[float | None], round_input: bool, rounding: str
) -> None:
    column = np.array([math.nan if v is None else v for v in values], dtype=np.float64)
    array = std.iaqi_array(indicator, column, round_input=round_input, rounding=rounding)
    scalar = [
        std.iaqi(indicator, v, round_input=round_input, rounding=rounding).value for v in values
    ]
    assert [(-1 if s is None else s) for s in scalar] == array.tolist()


@settings(max_examples=60)
@given(st.data(), st.sampled_from(VERSIONS), st.sampled_from(["daily", "hourly"]))
def test_aqi_scalar_equals_array(data: st.DataObject, std: ModuleType, report: str) -> None:
    n = data.draw(st.integers(1, 12))
    if report == "daily":
        names = std.DAILY_INDICATORS
        profile = None
    else:
        profile = data.draw(st.sampled_from(sorted(std.PROFILES)))
        names = (
            (
                "so2_1h",
                "no2_1h",
                "co_1h",
                "o3_1h",
                "pm10_1h",
                "pm25_1h",
                "o3_8h",
                "pm10_24h",
                "pm25_24h",
                "so2_24h",
            )
            if std is hj633_2012
            else std.PROFILES[profile]
        )
    rows = [{k: data.draw(maybe_conc) for k in names} for _ in range(n)]
    cols = {k: np.array([math.nan if r[k] is None else r[k] for r in rows]) for k in names}
    kw = {} if profile is None else {"profile": profile}
    arrays = std.aqi_array(cols, report=report, **kw)
    fn = std.daily_aqi if report == "daily" else std.hourly_aqi
    for i, row in enumerate(rows):
        result = fn(**row, **kw)
        assert (-1 if result.aqi is None else result.aqi) == arrays.aqi[i]
        assert (-1 if result.computed_aqi is None else result.computed_aqi) == arrays.computed[i]
        assert result.beyond_table == bool(arrays.beyond_table[i])
        expected_level = 0 if result.level is None else result.level.number
        assert expected_level == arrays.level[i]
        for k, item in result.iaqis.items():
            assert (-1 if item.value is None else item.value) == arrays.iaqi[k][i]


@given(st.lists(st.integers(0, 5000).map(lambda n: n / 10), min_size=1, max_size=60))
def test_percentile_between_min_and_max_and_p95_above_p90(values: list[float]) -> None:
    p90 = e13.percentile(values, 0.90)
    p95 = e13.percentile(values, 0.95)
    lo, hi = e13.percentile(values, 0), e13.percentile(values, 1)
    assert (lo, hi) == (to_fraction(min(values)), to_fraction(max(values)))
    assert lo <= p90 <= p95 <= hi
    assert abs(float(p95) - np.percentile(values, 95, method="linear")) < 1e-9


@given(st.lists(st.one_of(st.none(), st.integers(0, 500)), max_size=60))
def test_good_days_never_exceed_valid_days(aqis: list[int | None]) -> None:
    c = e13.day_counts(aqis)
    assert c.good + c.exceedance == c.valid == sum(a is not None for a in aqis)
    assert c.heavy_or_worse <= c.exceedance
    assert c.good_ratio is None or 0 <= c.good_ratio <= 1


@given(st.sampled_from(VERSIONS), st.sampled_from(sorted(hj633_2012.BREAKPOINTS)))
def test_lookup_table_equals_exact_formula_everywhere(std: ModuleType, indicator: str) -> None:
    """The array path's look-up table holds, for every rounded concentration of the table, the
    exact scalar IAQI (no float in the ceiling); its two extra slots are missing and beyond."""
    from lantian.standards.iaqi_formula import NO_IAQI, TOP_IAQI, iaqi_lut

    nd = std.PRECISION[indicator.split("_")[0]]
    table = std.BREAKPOINTS[indicator]
    lut = iaqi_lut(table, nd)
    top = table[-1][0] * 10**nd
    assert lut[0] == NO_IAQI and lut[top + 2] == TOP_IAQI and len(lut) == top + 3
    step = max(1, top // 400)
    for n in range(0, top + 1, step):
        c = to_fraction(n) / 10**nd
        assert lut[n + 1] == std.iaqi(indicator, c).value or indicator in ("so2_1h", "o3_8h")
    assert (np.diff(lut[1:]) >= 0).all()  # never falls as the concentration rises


def test_array_blocks_and_edge_values_equal_scalar() -> None:
    """More rows than one block of the array path; exact halves, negatives, NaN and ±inf."""
    from lantian.standards.iaqi_formula import BLOCK_ROWS

    base = [0.0, 0.5, 1.5, 2.5, 60.5, 61.5, 74.5, 75.5, 499.5, 500.0, 500.5, 501.0, -0.3, -1.0]
    edge = np.array([*base, math.nan, math.inf, -math.inf])
    column = np.resize(edge, BLOCK_ROWS + 7)
    for rounding in ("GB/T 8170", "half-up"):
        array = hj633_2012.iaqi_array("pm25_1h", column, rounding=rounding)
        for i, v in enumerate(edge.tolist()):
            ref = hj633_2012.iaqi("pm25_1h", None if math.isinf(v) else v, rounding=rounding)
            expected = -1 if ref.value is None else ref.value
            assert (array[i :: len(edge)] == expected).all(), (v, rounding)
    co = np.resize(np.array([0.05, 0.15, 2.05, 2.15, 2.25, 1.45, 2.2]), BLOCK_ROWS + 3)
    got = hj633_2012.iaqi_array("co_1h", co)
    assert got[:7].tolist() == [hj633_2012.iaqi("co_1h", c).value for c in co[:7].tolist()]
    assert (got[7:14] == got[:7]).all()
