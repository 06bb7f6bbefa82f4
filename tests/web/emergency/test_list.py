"""The list file in (whole or refused), idempotent re-imports, lines leaving the list, and the
check: on the synthetic city the platform's result equals the core's on the file itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rest_framework import exceptions

from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.listfile import read_city_emissions, read_list
from lantian.emergency.reduction import DailyBasis, check_list
from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import listing
from lantian.web.emergency.models import Enterprise, LineMeasure, ListImport, ProductionLine
from tests.web.conftest import Personas
from tests.web.emergency.conftest import (
    SMALL_CITY,
    SMALL_LIST,
    SYNTHETIC_CITY,
    SYNTHETIC_LIST,
    upload,
)

pytestmark = pytest.mark.django_db


def _import(city: Any, list_path: Path, city_path: Path = SMALL_CITY) -> listing.ImportSummary:
    return listing.import_list_files(
        None, city, list_path, list_path.name, city_path, city_path.name
    )


def test_the_synthetic_citys_check_equals_the_cores(personas: Personas) -> None:
    city = personas.areas["city"]
    summary = _import(city, SYNTHETIC_LIST, SYNTHETIC_CITY)
    assert dict(summary.created) == {"Enterprise": 405, "ProductionLine": 685, "LineMeasure": 1218}
    assert summary.record is not None and summary.record.unit == "t/a"
    assert summary.record.city_emissions == {
        "so2": 28760,
        "nox": 108240,
        "pm": 56340,
        "vocs": 35910,
    }
    assert set(Enterprise.objects.values_list("synthetic", flat=True)) == {True}

    _imported, mine = listing.check(city)
    values, _unit = read_city_emissions(SYNTHETIC_CITY)
    basis = DailyBasis()
    theirs = check_list(
        read_list(SYNTHETIC_LIST), {p: basis.daily(p, values[p]) for p in POLLUTANTS}
    )
    assert len(mine.results) == len(theirs.results) == 12
    for a, b in zip(mine.results, theirs.results, strict=True):
        assert (a.level, a.pollutant) == (b.level, b.pollutant)
        assert (a.city, a.required, a.achieved) == (b.city, b.required, b.achieved)  # exact
        assert [c.line_id for c in a.closers] == [c.line_id for c in b.closers]
        assert a.closable == b.closable
    for level in (Level.YELLOW, Level.ORANGE, Level.RED):
        assert [ln.line_id for ln in mine.without_measure[level]] == [
            ln.line_id for ln in theirs.without_measure[level]
        ]
    # docs/emergency_list.md: yellow VOCs 9.31 of 9.84, red PM 44.15 of 46.31, red VOCs of 29.52
    short = {(r.level.value, r.pollutant): r for r in mine.shortfalls}
    assert set(short) == {("yellow", "vocs"), ("red", "pm"), ("red", "vocs")}
    assert round(short["yellow", "vocs"].achieved, 2) == 9.31
    assert round(short["yellow", "vocs"].required, 2) == 9.84
    assert round(short["red", "pm"].achieved, 2) == 44.15
    assert round(short["red", "pm"].required, 2) == 46.31
    assert round(short["red", "vocs"].required, 2) == 29.52


def test_a_second_import_of_the_same_files_writes_nothing(personas: Personas) -> None:
    city = personas.areas["city"]
    _import(city, SMALL_LIST)
    entries = AuditEntry.objects.count()
    again = _import(city, SMALL_LIST)
    assert not again.changed
    assert AuditEntry.objects.count() == entries and ListImport.objects.count() == 1


def test_a_line_left_out_or_a_measure_cleared_stays_but_leaves_the_list(
    personas: Personas, tmp_path: Path
) -> None:
    city = personas.areas["city"]
    _import(city, SMALL_LIST)
    rows = SMALL_LIST.read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows if not r.startswith("E0003,") or "E0003-L1" in r]
    # E0002-L2 loses its own measures (blank cells = the industry default: none for printing)
    kept = [r.replace("限产20%,停产50%,停产,是", ",,,是") if "E0002-L2" in r else r for r in kept]
    edited = tmp_path / "edited.csv"
    edited.write_text("\n".join(kept) + "\n", encoding="utf-8")
    summary = _import(city, edited)
    # E0003-L2 leaves the list; the 7 lines below it move up one row in the file (list_row)
    assert dict(summary.updated) == {"ProductionLine": 1 + 7, "LineMeasure": 3}
    assert ProductionLine.objects.get(line_id="N01").list_row == 14
    gone = ProductionLine.objects.get(line_id="E0003-L2")
    assert gone.active is False  # kept, not deleted
    cleared = LineMeasure.objects.filter(line__line_id="E0002-L2")
    assert cleared.count() == 3 and not any(cleared.values_list("active", flat=True))
    assert ListImport.objects.count() == 2
    _imported, result = listing.check(city)
    lines = {ln.line_id for ln in listing.core.city_list(city).lines}
    assert "E0003-L2" not in lines and "E0002-L2" in lines
    assert result is not None


def test_a_bad_list_is_refused_whole_naming_the_uploaded_file(
    personas: Personas, tmp_path: Path
) -> None:
    city = personas.areas["city"]
    rows = SMALL_LIST.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace("限产20%+国四及以下重型货车停运", "限产")  # line 3: unreadable
    rows[4] = rows[4].replace("包装印刷", "造纸")  # line 5: unknown industry
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(exceptions.ValidationError) as info:
        listing.import_list(
            personas.users["office"], city, upload(bad, "清单.csv"), upload(SMALL_CITY)
        )
    messages = info.value.detail["list_file"]
    assert [m.split(":")[1] for m in messages] == ["3", "5"]
    assert messages[0].startswith(
        "清单.csv:3: 橙色预警措施: 无法识别的措施 / unknown measure '限产'"
    )
    assert messages[1].startswith("清单.csv:5: 未知行业 / unknown industry '造纸'")
    assert Enterprise.objects.count() == 0 and ListImport.objects.count() == 0


def test_a_weaker_own_measure_in_the_file_is_refused_with_the_cores_reason(
    personas: Personas, tmp_path: Path
) -> None:
    rows = SMALL_LIST.read_text(encoding="utf-8").splitlines()
    # cement C line E0001-L1 (default orange 停产+国四…): an own 限产10% is weaker
    rows[1] = rows[1].replace(",,,,是,", ",,限产10%,,是,")
    bad = tmp_path / "weaker.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(exceptions.ValidationError) as info:
        listing.import_list(
            personas.users["office"], personas.areas["city"], upload(bad), upload(SMALL_CITY)
        )
    (message,) = info.value.detail["list_file"]
    assert message.startswith("weaker.csv:2: 生产线 E0001-L1 橙色预警措施「限产10%」弱于行业默认")
    assert Enterprise.objects.count() == 0


def test_bad_city_emissions_are_refused(personas: Personas, tmp_path: Path) -> None:
    bad = tmp_path / "city.csv"
    bad.write_text("pollutant,t_a\nso2,1000\nnox,-5\n", encoding="utf-8")
    with pytest.raises(exceptions.ValidationError) as info:
        listing.import_list(
            personas.users["office"], personas.areas["city"], upload(SMALL_LIST), upload(bad)
        )
    assert info.value.detail["city_emissions"] == [
        "city.csv:3: nox 排放量须为正 / emission must be positive"
    ]
    assert Enterprise.objects.count() == 0


def test_only_the_office_imports(personas: Personas) -> None:
    for name in ("lead", "area", "inspector", "enterprise"):
        with pytest.raises(exceptions.PermissionDenied):
            listing.import_list(
                personas.users[name], personas.areas["city"], upload(SMALL_LIST), upload(SMALL_CITY)
            )
    assert Enterprise.objects.count() == 0
