"""The reduction-list check (warnings.md §5): worked examples, a hand-checked slice of the
synthetic city, and properties that must hold for any list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lantian.emergency.grades import Category, Grade
from lantian.emergency.levels import POLLUTANTS, REQUIRED_REDUCTION, Level
from lantian.emergency.lines import Capacity, Line, ReductionList, build_list
from lantian.emergency.listfile import read_list
from lantian.emergency.measures import Kind, Measure, StopShareRule, parse_measure
from lantian.emergency.reduction import (
    DailyBasis,
    achieved,
    check_list,
    closers,
    required,
)
from lantian.sample_data import SAMPLE_DIR

SAMPLE_LIST = SAMPLE_DIR / "emergency" / "synthetic_city_list.csv"
OTHER = {"so2": 10.0, "pm": 10.0, "vocs": 10.0}


def test_warnings_worked_example_nox_orange_passes() -> None:
    # warnings.md §7 "Reduction check": city NOx 100 t/d, orange needs ≥ 20 t/d. Steel plant
    # stops sintering (12 t/d), cement C-grade line stops (5 t/d), diesel-truck restrictions
    # estimated 4 t/d (a 40 t/d source, 10 %) → 12 + 5 + 4 = 21 ≥ 20 → NOx passes.
    lst = build_list(
        [
            Line(
                "S1-sinter",
                "S1",
                "steel_long",
                {"nox": 12.0},
                name="烧结机",
                grade=Grade.C,
                own={Level.ORANGE: parse_measure("停产")},
            ),
            Line("C1-L1", "C1", "cement_clinker", {"nox": 5.0}, grade=Grade.C),
            Line(
                "T1",
                "T1",
                "non_industrial",
                {"nox": 40.0},
                name="柴油货车限行",
                category=Category.UNGRADED,
                own={Level.ORANGE: parse_measure("估算削减10%")},
            ),
        ]
    )
    res = check_list(lst, {"nox": 100.0, **OTHER}, [Level.ORANGE])
    nox = res.result(Level.ORANGE, "nox")
    assert nox.required == pytest.approx(20.0)
    assert nox.achieved == pytest.approx(21.0)
    assert nox.passes and nox.shortfall == 0 and nox.closers == ()
    # the same check is repeated for SO2, PM and VOCs: none of these lines emits them
    assert not res.result(Level.ORANGE, "so2").passes


def test_performance_grading_worked_example_cement_b_and_c() -> None:
    # performance_grading.md §4: one 5 000 t/d clinker line, baseline min(5000, 4800, 4300) =
    # 4 300 t/d, NOx 4.3 t/d at baseline.
    cap = Capacity(eia=5000, permit=4800, actual=4300, unit="t/d")
    b = Line("B-L1", "B", "cement_clinker", {"nox": 4.3}, grade=Grade.B, capacity=cap)
    c = Line("C-L1", "C", "cement_clinker", {"nox": 4.3}, grade=Grade.C, capacity=cap)
    lst = build_list([b, c])
    # B: yellow truck ban only → 0; orange limit 20 % → 3 440 t/d allowed, 0.86 t/d; red stop
    assert lst.emission_reduction(b, Level.YELLOW, "nox") == 0
    assert lst.measure(b, Level.YELLOW) == parse_measure("国四及以下重型货车停运")
    assert lst.allowed_output(b, Level.ORANGE) == pytest.approx(3440)
    assert lst.emission_reduction(b, Level.ORANGE, "nox") == pytest.approx(0.86)
    assert lst.emission_reduction(b, Level.RED, "nox") == pytest.approx(4.3)
    # C: yellow "stop 50 % by production line" — one line stops → 4.3 t/d
    assert lst.emission_reduction(c, Level.YELLOW, "nox") == pytest.approx(4.3)
    # the proportional reading (an option) would give half
    half = ReductionList((c,), StopShareRule.PROPORTIONAL)
    assert half.emission_reduction(c, Level.YELLOW, "nox") == pytest.approx(2.15)


def test_daily_basis_is_explicit() -> None:
    assert DailyBasis().daily("nox", 3650) == pytest.approx(10)
    # a heating season of 151 days carrying 45 % of the year's SO2
    season = DailyBasis(days=151, share={"so2": 0.45, "nox": 0.4, "pm": 0.4, "vocs": 0.35})
    assert season.daily("so2", 1510) == pytest.approx(4.5)
    with pytest.raises(ValueError):
        DailyBasis(days=0)
    with pytest.raises(ValueError):
        DailyBasis(share=1.5)


def test_a_daily_basis_is_named_for_what_it_is() -> None:
    """The name shown with a check: ÷ 365 is "annual ÷ 365", any other basis "profile" unless
    named (once every unnamed basis, a 151-day season too, was called "annual ÷ 365")."""
    assert DailyBasis().name == DailyBasis(days=365, share=1).name == "annual ÷ 365"
    assert DailyBasis(days=151, share=0.45).name == "profile"
    assert DailyBasis(days=365, share={"so2": 1.0}).name == "profile"
    assert DailyBasis(days=151, name="heating season").name == "heating season"


def test_city_emissions_must_cover_every_pollutant() -> None:
    lst = build_list([])
    with pytest.raises(ValueError, match="vocs"):
        check_list(lst, {"so2": 1, "nox": 1, "pm": 1})
    with pytest.raises(ValueError, match="positive"):
        check_list(lst, {"so2": 1, "nox": 0, "pm": 1, "vocs": 1})


def test_closers_take_the_largest_additional_reductions_first_and_skip_a_grades() -> None:
    lines = [
        Line("A-L1", "A", "foundry", {"pm": 50.0}, grade=Grade.A),  # own decision: not asked
        Line(
            "B-L1",
            "B",
            "foundry",
            {"pm": 10.0},
            grade=Grade.B,
            own={Level.RED: parse_measure("限产50%")},
        ),
        Line("C-L1", "C", "foundry", {"pm": 8.0}, grade=Grade.C),  # no measure written
        Line("H-L1", "H", "heating_boiler", {"pm": 40.0}, category=Category.GUARANTEED),
        Line(
            "N-L1",
            "N",
            "non_industrial",
            {"pm": 30.0},
            category=Category.UNGRADED,
            own={Level.RED: parse_measure("估算削减10%")},
        ),
    ]
    lst = build_list(lines)
    # achieved red PM: B 10 × 0.5 = 5, N 30 × 0.1 = 3 → 8 t/d; offers: C 8 × 1 = 8, B 10 × 0.5 = 5
    assert achieved(lst, Level.RED, "pm") == pytest.approx(8)
    chosen, ok = closers(lst, Level.RED, "pm", 7.0)
    assert [(c.line_id, c.extra) for c in chosen] == [("C-L1", 8.0)] and ok
    chosen, ok = closers(lst, Level.RED, "pm", 12.0)
    assert [c.line_id for c in chosen] == ["C-L1", "B-L1"] and ok
    assert chosen[1].proposed == Measure(Kind.STOP) and chosen[1].current == parse_measure(
        "限产50%"
    )
    chosen, ok = closers(lst, Level.RED, "pm", 20.0)
    assert not ok and sum(c.extra for c in chosen) == pytest.approx(13)


def test_the_check_names_lines_without_a_measure() -> None:
    lst = build_list(
        [
            Line("C-L1", "C", "foundry", {"pm": 8.0}, grade=Grade.C),
            Line(
                "O-L1",
                "O",
                "other",
                {"pm": 1.0},
                category=Category.UNGRADED,
                own={Level.RED: parse_measure("停产")},
            ),
        ]
    )
    res = check_list(lst, {"so2": 1, "nox": 1, "pm": 100, "vocs": 1})
    assert [ln.line_id for ln in res.without_measure[Level.YELLOW]] == ["C-L1", "O-L1"]
    assert [ln.line_id for ln in res.without_measure[Level.RED]] == ["C-L1"]


def test_shortfalls_of_a_synthetic_slice_worked_by_hand() -> None:
    """Enterprises E0001–E0003 and source N01 of data/sample/emergency/synthetic_city_list.csv,
    against a slice city of SO2 800, NOx 15 000, PM 5 000, VOCs 1 000 t/a. Worked in t/a (both
    sides ÷ 365):

    E0001 is cement C (line L1) and lime B (L2, L3): the enterprise is C, so L1 takes cement C
    (yellow 停产50 % by line → stops; orange and red stop); the lime lines keep their own measures
    (no national table): L2 10 % / 20 % / stop, L3 10 % / 20 % / 30 %. E0002 printing C: 20 % /
    停产50 % (line stops) / stop. E0003 brick C: the same. N01 trucks: 5 / 10 / 20 %.

    SO2 (t/a): E0001-L1 49.2, L2 29.5, L3 25.5, E0003-L1 61, L2 20 (185.2 in all).
      yellow: 49.2 + 2.95 + 2.55 + 12.2 + 4.0 = 70.9 < 80 → shortfall 9.1;
        offers: E0003-L1 61 × 0.8 = 48.8, L2 29.5 × 0.9 = 26.55, L3 22.95, E0003-L2 16
        → E0003-L1 alone closes it.
      orange: 49.2 + 5.9 + 5.1 + 61 + 20 = 141.2 < 160 → shortfall 18.8;
        offers: E0001-L2 29.5 × 0.8 = 23.6, L3 25.5 × 0.8 = 20.4 → E0001-L2 closes it.
      red: 49.2 + 29.5 + 7.65 + 61 + 20 = 167.35 < 240 → shortfall 72.65;
        offers: only E0001-L3 25.5 × 0.7 = 17.85 → not closable, 54.8 remain.
    NOx (t/a): E0001-L1 1667.4, L2 68.1, L3 67.3, E0003-L1 34.4, L2 19.2, N01 9000.
      yellow: 1667.4 + 6.81 + 6.73 + 6.88 + 3.84 + 450 = 2141.66 ≥ 1500 → passes.
      orange: 1667.4 + 13.62 + 13.46 + 34.4 + 19.2 + 900 = 2648.08 < 3000 → shortfall 351.92;
        offers: E0001-L2 54.48, L3 53.84 (N01 is an estimate, not asked) → 243.6 remain.
    VOCs (t/a): E0002-L1 30.3, L2 4.7, N01 600.
      orange: 30.3 + 4.7 + 60 = 95 < 200 → shortfall 105; offers: none (all stopped) → 105 remain.
    """
    full = read_list(SAMPLE_LIST)
    keep = {"E0001", "E0002", "E0003", "N01"}
    lst = ReductionList(tuple(ln for ln in full.lines if ln.enterprise_id in keep))
    assert len(lst.lines) == 8
    city = DailyBasis().daily_all({"so2": 800, "nox": 15000, "pm": 5000, "vocs": 1000})
    res = check_list(lst, city)
    d = 365.0

    def expect(level: Level, p: str, got: float, short: float, ids: list[str], ok: bool) -> None:
        r = res.result(level, p)
        assert r.achieved == pytest.approx(got / d)
        assert r.shortfall == pytest.approx(short / d)
        assert [c.line_id for c in r.closers] == ids
        assert r.closable is ok

    expect(Level.YELLOW, "so2", 70.9, 9.1, ["E0003-L1"], True)
    assert res.result(Level.YELLOW, "so2").closers[0].extra == pytest.approx(48.8 / d)
    expect(Level.ORANGE, "so2", 141.2, 18.8, ["E0001-L2"], True)
    expect(Level.RED, "so2", 167.35, 72.65, ["E0001-L3"], False)
    assert res.result(Level.RED, "so2").remaining == pytest.approx(54.8 / d)
    expect(Level.YELLOW, "nox", 2141.66, 0.0, [], True)
    expect(Level.ORANGE, "nox", 2648.08, 351.92, ["E0001-L2", "E0001-L3"], False)
    assert res.result(Level.ORANGE, "nox").remaining == pytest.approx(243.6 / d)
    expect(Level.ORANGE, "vocs", 95.0, 105.0, [], False)
    assert res.without_measure[Level.YELLOW] == ()


# --------------------------------------------------------------------------- properties

PERCENT = st.integers(1, 100).map(float)
MEASURES = st.one_of(
    st.none(),
    st.just(Measure()),
    st.just(Measure(Kind.OWN)),
    st.just(Measure(Kind.STOP)),
    PERCENT.map(lambda v: Measure(Kind.LIMIT, v)),
    PERCENT.map(lambda v: Measure(Kind.STOP_SHARE, v)),
    st.integers(18, 72).map(lambda h: Measure(Kind.COKING_TIME, float(h))),
)
EMISSION = st.floats(0, 500, allow_nan=False)
LEVELS = (Level.YELLOW, Level.ORANGE, Level.RED)


@st.composite
def lines(draw: st.DrawFn) -> list[Line]:
    n = draw(st.integers(1, 8))
    out = []
    for i in range(n):
        own = {lv: m for lv in LEVELS if (m := draw(MEASURES)) is not None}
        out.append(
            Line(
                f"L{i}",
                f"E{i}",
                "other",
                {p: draw(EMISSION) for p in POLLUTANTS},
                category=Category.UNGRADED,
                normal_coking_h=20.0,
                own=own,
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(lines(), st.data(), st.sampled_from(list(StopShareRule)))
def test_removing_a_measure_never_increases_the_reduction(
    ls: list[Line], data: st.DataObject, rule: StopShareRule
) -> None:
    i = data.draw(st.integers(0, len(ls) - 1))
    level = data.draw(st.sampled_from(LEVELS))
    before = ReductionList(tuple(ls), rule)
    victim = ls[i]
    own = {lv: m for lv, m in victim.own.items() if lv is not level}
    stripped = Line(
        victim.line_id,
        victim.enterprise_id,
        victim.industry,
        victim.emissions,
        category=victim.category,
        normal_coking_h=victim.normal_coking_h,
        own=own,
    )
    after = ReductionList(tuple(stripped if j == i else ln for j, ln in enumerate(ls)), rule)
    for p in POLLUTANTS:
        assert achieved(after, level, p) <= achieved(before, level, p) + 1e-9


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([Grade.A, Grade.B, Grade.C, Grade.D]),
    st.sampled_from(LEVELS),
    MEASURES,
    EMISSION,
)
def test_dropping_an_accepted_own_measure_falls_back_to_no_more_than_it(
    grade: Grade, level: Level, own: Measure | None, nox: float
) -> None:
    """On a graded cement line an accepted own measure is never weaker than the default it
    replaces, so removing it (back to the default) never increases the reduction."""
    kept = {level: own} if own is not None else {}
    line = Line(
        "L1", "E1", "cement_clinker", {"nox": nox}, grade=grade, normal_coking_h=20.0, own=kept
    )
    with_own = ReductionList((line,))
    assume(not with_own.problems())
    default = ReductionList((Line("L1", "E1", "cement_clinker", {"nox": nox}, grade=grade),))
    assert achieved(default, level, "nox") <= achieved(with_own, level, "nox") + 1e-9


@settings(max_examples=150, deadline=None)
@given(lines(), st.sampled_from(list(StopShareRule)))
def test_the_reduction_of_a_line_never_exceeds_its_baseline(
    ls: list[Line], rule: StopShareRule
) -> None:
    lst = ReductionList(tuple(ls), rule)
    for ln in ls:
        for lv in LEVELS:
            for p in POLLUTANTS:
                assert 0 <= lst.emission_reduction(ln, lv, p) <= ln.emission(p) + 1e-12


@given(st.floats(0.001, 1e7, allow_nan=False))
def test_a_stricter_level_never_needs_less(city: float) -> None:
    ordered = sorted(Level, key=lambda lv: lv.rank)
    needs = [required(lv, city) for lv in ordered]
    assert needs == sorted(needs)
    assert needs[-1] == pytest.approx(0.3 * city)
    assert [REQUIRED_REDUCTION[lv] for lv in ordered] == [0.0, 0.10, 0.20, 0.30]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(Grade)[1:6]), EMISSION), min_size=1, max_size=6),
    st.floats(1, 1e4, allow_nan=False),
)
def test_cement_defaults_achieve_no_less_at_a_stricter_level(
    graded: list[tuple[Grade, float]], city: float
) -> None:
    ls = [
        Line(f"L{i}", f"E{i}", "cement_clinker", {"nox": e}, grade=g)
        for i, (g, e) in enumerate(graded)
        if g is not Grade.B_MINUS
    ]
    lst = build_list(ls)
    got = [achieved(lst, lv, "nox") for lv in LEVELS]
    assert got == sorted(got)


def test_sample_list_file_is_where_the_tests_expect_it() -> None:
    assert Path(SAMPLE_LIST).is_file()
