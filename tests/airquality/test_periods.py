"""Periods: parsing of the report names, previous year (同比 basis) and cumulative spans."""

from __future__ import annotations

from datetime import date

import pytest

from lantian.airquality.periods import Period, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2019-Q1", date(2019, 1, 1), date(2019, 3, 31)),
        ("2019-Q4", date(2019, 10, 1), date(2019, 12, 31)),
        ("2019-03", date(2019, 3, 1), date(2019, 3, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019-H1", date(2019, 1, 1), date(2019, 6, 30)),
        ("2019-H2", date(2019, 7, 1), date(2019, 12, 31)),
        ("2019-spring", date(2019, 3, 1), date(2019, 5, 31)),
        ("2019-summer", date(2019, 6, 1), date(2019, 8, 31)),
        ("2019-autumn", date(2019, 9, 1), date(2019, 11, 30)),
        ("2019-winter", date(2019, 12, 1), date(2020, 2, 29)),
        ("2019-heating", date(2019, 10, 1), date(2020, 3, 31)),
        ("2019-01-01..2019-06-30", date(2019, 1, 1), date(2019, 6, 30)),
    ],
)
def test_parse_period_forms(text: str, start: date, end: date) -> None:
    p = parse_period(text)
    assert (p.start, p.end) == (start, end)
    assert p.label == text


@pytest.mark.parametrize(
    "text", ["2019-Q5", "2019-13", "19", "2019-H3", "2019-06-31..2019-07-01", ""]
)
def test_invalid_period_lists_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="accepted forms") as err:
        parse_period(text)
    assert "可接受的时段格式" in str(err.value)


def test_range_ending_before_start_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_period("2019-06-30..2019-01-01")


def test_previous_year_same_span_and_label() -> None:
    p = parse_period("2019-Q1").previous_year()
    assert (p.start, p.end, p.label) == (date(2018, 1, 1), date(2018, 3, 31), "2018-Q1")


def test_previous_year_handles_february_29() -> None:
    feb = parse_period("2020-02").previous_year()
    assert (feb.start, feb.end) == (date(2019, 2, 1), date(2019, 2, 28))
    # a leap-day span end maps to Feb 28; a span ending on Feb 28 of 2021 maps to Feb 29 of 2020
    assert Period(date(2020, 1, 1), date(2020, 2, 29)).previous_year().end == date(2019, 2, 28)
    assert Period(date(2021, 2, 1), date(2021, 2, 28)).previous_year().end == date(2020, 2, 29)
    assert parse_period("2019-winter").previous_year().end == date(2019, 2, 28)


def test_until_cuts_the_period_and_counts_days() -> None:
    p = parse_period("2019").until(date(2019, 3, 15))
    assert (p.start, p.end, p.days) == (date(2019, 1, 1), date(2019, 3, 15), 74)
    assert not p.is_calendar_year
    assert parse_period("2019").is_calendar_year
    with pytest.raises(ValueError):
        parse_period("2019").until(date(2018, 12, 31))


def test_months_touched() -> None:
    assert parse_period("2019-heating").months()[0] == (2019, 10)
    assert len(parse_period("2019-heating").months()) == 6
