"""The synthetic city: reproducible from its seed, marked synthetic, and the committed sample
(data/sample/emergency/) is exactly what the generator writes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lantian.emergency.grades import Category
from lantian.emergency.industries import industries
from lantian.emergency.levels import POLLUTANTS
from lantian.emergency.lines import ReductionList
from lantian.emergency.listfile import read_city_emissions, read_list
from lantian.emergency.synthetic import COVERAGE, SAMPLE_NAME, generate_city, write_sample
from lantian.sample_data import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "emergency"


@pytest.fixture(scope="module")
def city():  # type: ignore[no-untyped-def]
    return generate_city()


def test_the_city_is_hundreds_of_marked_synthetic_enterprises(city) -> None:  # type: ignore[no-untyped-def]
    assert city.enterprises == 405  # 400 enterprises + 5 non-industrial sources
    assert all(ln.synthetic for ln in city.lines)
    names = {ln.enterprise for ln in city.lines}
    assert "合成企业0001" in names and "合成企业0400" in names
    assert all(n.startswith("合成") for n in names)
    assert ReductionList(city.lines).problems() == []


def test_the_city_spans_the_industries_and_categories(city) -> None:  # type: ignore[no-untyped-def]
    present = {ln.industry for ln in city.lines}
    assert present == set(industries())
    cats = Counter(ln.category for ln in city.lines)
    assert set(cats) == set(Category)
    # multi-industry enterprises exist (a second industry, graded separately)
    per = Counter((ln.enterprise_id, ln.industry) for ln in city.lines)
    assert len({e for e, _ in per}) < len(per)


def test_the_city_total_is_the_list_total_over_its_coverage(city) -> None:  # type: ignore[no-untyped-def]
    for p in POLLUTANTS:
        listed = sum(ln.emission(p) for ln in city.lines) * 365
        assert city.city_annual[p] == pytest.approx(listed / COVERAGE[p], abs=5)


def test_the_same_seed_gives_the_same_city_and_another_seed_another() -> None:
    a, b = generate_city(30, 7), generate_city(30, 7)
    assert [(x.line_id, dict(x.emissions), x.grade) for x in a.lines] == [
        (x.line_id, dict(x.emissions), x.grade) for x in b.lines
    ]
    c = generate_city(30, 8)
    assert [dict(x.emissions) for x in a.lines] != [dict(x.emissions) for x in c.lines]


def test_the_committed_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    write_sample(tmp_path)
    for name in (f"{SAMPLE_NAME}.csv", f"{SAMPLE_NAME}.city_emissions.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
    # the .xlsx zip carries the time it was written: compare its cells, not its bytes
    fresh, committed = (
        load_workbook(d / f"{SAMPLE_NAME}.xlsx", read_only=True) for d in (tmp_path, SAMPLE)
    )
    assert fresh.sheetnames == committed.sheetnames
    for name in fresh.sheetnames:
        assert list(fresh[name].values) == list(committed[name].values), name
    xlsx = read_list(SAMPLE / f"{SAMPLE_NAME}.xlsx")
    csv_ = read_list(SAMPLE / f"{SAMPLE_NAME}.csv")
    assert [(x.line_id, x.own, x.grade) for x in xlsx.lines] == [
        (x.line_id, x.own, x.grade) for x in csv_.lines
    ]
    values, unit = read_city_emissions(SAMPLE / f"{SAMPLE_NAME}.city_emissions.csv")
    assert unit == "t/a" and values == {"so2": 28760, "nox": 108240, "pm": 56340, "vocs": 35910}
    assert "synthetic" in (SAMPLE / "PROVENANCE_list.md").read_text(encoding="utf-8").lower()
