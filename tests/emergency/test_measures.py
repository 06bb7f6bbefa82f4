"""Measures, their reduction fractions, and the refusals of weaker or forbidden own measures
(performance_grading.md §1, §2.1, §2.3, §4; warnings.md §5)."""

from __future__ import annotations

import pytest

from lantian.emergency.levels import Level
from lantian.emergency.measures import (
    Kind,
    Measure,
    MeasureRefused,
    StopShareRule,
    Transport,
    baseline_output,
    check_exempt,
    check_not_weaker,
    fraction,
    parse_measure,
    strictest,
)


@pytest.mark.parametrize(
    ("text", "kind", "value", "transport"),
    [
        ("停产", Kind.STOP, None, Transport.NONE),
        ("限产20%+国四及以下重型货车停运", Kind.LIMIT, 20.0, Transport.TRUCK_BAN),
        ("停产50%（以生产线计）", Kind.STOP_SHARE, 50.0, Transport.NONE),
        ("停产+停止公路运输", Kind.STOP, None, Transport.NO_ROAD),
        ("出焦时间延长至36小时", Kind.COKING_TIME, 36.0, Transport.NONE),
        ("自主减排", Kind.OWN, None, Transport.NONE),
        ("国四及以下重型货车停运", Kind.NONE, None, Transport.TRUCK_BAN),
        ("无", Kind.NONE, None, Transport.NONE),
        ("估算削减10%", Kind.ESTIMATE, 10.0, Transport.NONE),
        ("limit 20% + truck_ban", Kind.LIMIT, 20.0, Transport.TRUCK_BAN),
        ("stop 50%", Kind.STOP_SHARE, 50.0, Transport.NONE),
        ("coking 48h", Kind.COKING_TIME, 48.0, Transport.NONE),
    ],
)
def test_measure_cells_are_read(
    text: str, kind: Kind, value: float | None, transport: Transport
) -> None:
    m = parse_measure(text)
    assert (m.kind, m.value, m.transport) == (kind, value, transport)
    assert parse_measure(m.zh) == m  # the canonical spelling reads back


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("限产", "unknown measure"),
        ("限产120%", "(0, 100]"),
        ("停产+限产20%", "two production measures"),
        ("国四及以下重型货车停运+停止公路运输", "two transport measures"),
        ("关停一半", "unknown measure"),
        ("", "empty measure"),
    ],
)
def test_bad_measure_cells_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_measure(text)


def test_baseline_of_a_limit_is_the_smallest_daily_capacity() -> None:
    # performance_grading.md §4: EIA 5 000, permit 4 800, previous-year actual 4 300 t/d
    assert baseline_output(5000, 4800, 4300) == 4300
    assert baseline_output(eia=5000, permit=4800) == 4800
    with pytest.raises(ValueError, match="no capacity"):
        baseline_output()


def test_fractions_of_each_kind() -> None:
    assert fraction(None) == 0
    assert fraction(Measure(Kind.OWN)) == 0
    assert fraction(parse_measure("国四及以下重型货车停运")) == 0  # transport removes no output
    assert fraction(Measure(Kind.STOP)) == 1
    assert fraction(parse_measure("限产20%")) == pytest.approx(0.2)
    assert fraction(parse_measure("估算削减10%")) == pytest.approx(0.1)


def test_stop_share_per_line_stops_the_line_by_default() -> None:
    # §4: "with one line the plant must stop the line" — the default reading
    half = parse_measure("停产50%")
    assert fraction(half) == 1.0
    assert fraction(half, rule=StopShareRule.PROPORTIONAL) == pytest.approx(0.5)


def test_extended_coking_time_cuts_output_by_one_minus_normal_over_extended() -> None:
    # normal cycle 24 h extended to 36 h: 24/36 = 2/3 of the daily output → r = 1/3;
    # Tangshan 2019 (§2.2): ovens < 6 m extended to 36 h, ≥ 6 m to 28 h (normal 21 h → 0.25)
    assert fraction(parse_measure("出焦时间延长至36小时"), normal_coking_h=24) == pytest.approx(
        1 / 3
    )
    assert fraction(parse_measure("出焦时间延长至28小时"), normal_coking_h=21) == pytest.approx(
        0.25
    )
    assert fraction(parse_measure("出焦时间延长至20小时"), normal_coking_h=24) == 0.0
    with pytest.raises(ValueError, match="normal coking time"):
        fraction(parse_measure("出焦时间延长至36小时"))


def test_own_measure_weaker_than_the_default_is_refused_naming_line_level_pollutant() -> None:
    default = parse_measure("限产20%+国四及以下重型货车停运")
    with pytest.raises(MeasureRefused) as info:
        check_not_weaker(
            default,
            parse_measure("限产10%+国四及以下重型货车停运"),
            line="E1-L1",
            level=Level.ORANGE,
            emissions={"nox": 4.3, "so2": 0.0},
        )
    e = info.value
    assert (e.line, e.level, e.pollutant) == ("E1-L1", Level.ORANGE, "nox")
    # 4.3 × 0.1 = 0.43 t/d kept against 4.3 × 0.2 = 0.86 t/d required by the default
    assert "E1-L1" in str(e) and "橙色预警" in str(e) and "nox: 0.43 < 0.86 t/d" in str(e)
    assert "so2" not in str(e).split("(")[1].split(")")[0]  # the line emits no SO2


def test_own_measure_without_the_default_truck_ban_is_refused() -> None:
    with pytest.raises(MeasureRefused, match="transport"):
        check_not_weaker(
            parse_measure("限产20%+国四及以下重型货车停运"),
            parse_measure("限产30%"),
            line="E1-L1",
            level=Level.ORANGE,
        )


def test_stricter_or_equal_own_measures_pass() -> None:
    default = parse_measure("限产20%+国四及以下重型货车停运")
    for own in (
        "限产20%+国四及以下重型货车停运",
        "限产30%+国四及以下重型货车停运",
        "停产+停止公路运输",
    ):
        check_not_weaker(default, parse_measure(own), line="L", level=Level.ORANGE)
    # 自主减排 (A grade) and no default accept anything
    check_not_weaker(Measure(Kind.OWN), Measure(), line="L", level=Level.RED)
    check_not_weaker(None, Measure(), line="L", level=Level.RED)
    # own decision is weaker than a stop
    with pytest.raises(MeasureRefused):
        check_not_weaker(Measure(Kind.STOP), Measure(Kind.OWN), line="L", level=Level.RED)


def test_stop_or_limit_on_an_exempt_line_is_refused() -> None:
    for text in ("停产", "限产10%", "停产50%", "出焦时间延长至36小时"):
        with pytest.raises(MeasureRefused, match="保障类") as info:
            check_exempt(parse_measure(text), line="H1", level=Level.RED, why="保障类")
        assert info.value.line == "H1" and info.value.level is Level.RED
    check_exempt(parse_measure("国四及以下重型货车停运"), line="H1", level=Level.RED, why="保障类")
    check_exempt(Measure(), line="H1", level=Level.RED, why="居民供暖锅炉")


def test_strictest_takes_the_larger_cut_and_the_stricter_transport() -> None:
    a = parse_measure("限产20%+停止公路运输")
    b = parse_measure("停产")
    assert strictest(a, b) == parse_measure("停产+停止公路运输")
    assert strictest(None, b) == b
    assert strictest(a, None) == a
