"""Version registries and the 2026-03-01 boundary (standards_2026.md §5)."""

from datetime import date, datetime

import pytest

from lantian.standards import (
    hj633_2012,
    hj633_2026,
    hj663_2013,
    hj663_2026,
)
from lantian.standards.versions import (
    UnknownStandardError,
    aqi_standard,
    aqi_standard_for_hour,
    evaluation_standard,
    limits_standard,
    period_date,
    standard_set,
)


def test_by_date() -> None:
    assert aqi_standard(on=date(2026, 2, 28)) is hj633_2012
    assert aqi_standard(on=date(2026, 3, 1)) is hj633_2026
    assert aqi_standard(on=date(2031, 1, 1)) is hj633_2026  # no stage rule for the AQI
    assert evaluation_standard(on=date(2026, 2, 28)) is hj663_2013
    assert evaluation_standard(on=date(2026, 3, 1)) is hj663_2026
    assert limits_standard(on=date(2026, 2, 28)).name == "GB 3095-2012"
    assert limits_standard(on=date(2026, 3, 1)).name == "GB 3095-2026/stage1"
    assert limits_standard(on=date(2030, 12, 31)).name == "GB 3095-2026/stage1"
    assert limits_standard(on=date(2031, 1, 1)).name == "GB 3095-2026/stage2"


def test_by_name_overrides_date() -> None:
    assert aqi_standard("HJ 633-2012", on=date(2027, 1, 1)) is hj633_2012
    assert aqi_standard("HJ633-2026") is hj633_2026  # spelling without space (spec §5)
    assert limits_standard("gb 3095-2026/stage2").stage == 2
    assert evaluation_standard("HJ 663-2013") is hj663_2013


def test_unknown_name_lists_known() -> None:
    with pytest.raises(UnknownStandardError, match="known: HJ 633-2012, HJ 633-2026"):
        aqi_standard("HJ 633-2020")
    with pytest.raises(ValueError, match="GB 3095-2026/stage1"):
        limits_standard("GB 3095-1996")
    with pytest.raises(UnknownStandardError, match="HJ 663-2026"):
        evaluation_standard("HJ 663")


def test_needs_name_or_date() -> None:
    with pytest.raises(ValueError, match="on="):
        aqi_standard()


def test_boundary_hour_belongs_to_28_february() -> None:
    # §5 boundary rule: 2026-03-01 00:00 is the hour 23:00–24:00 of 28 February → 2012 rules
    assert period_date(datetime(2026, 3, 1, 0, 0)) == date(2026, 2, 28)
    assert aqi_standard_for_hour(datetime(2026, 3, 1, 0, 0)) is hj633_2012
    assert aqi_standard_for_hour(datetime(2026, 3, 1, 1, 0)) is hj633_2026


def test_standard_set_label() -> None:
    assert standard_set(date(2025, 6, 1)) == "GB3095-2012+HJ633-2012+HJ663-2013"
    assert standard_set(date(2026, 6, 1)) == "GB3095-2026/stage1+HJ633-2026+HJ663-2026"
