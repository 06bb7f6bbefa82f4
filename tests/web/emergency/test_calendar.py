"""The staggered-production calendar on the platform: the office's import (whole or refused,
audited, a re-import withdraws what it no longer has), the calendar page, API and workbook for
every role, the conflicts and the meetings with a warning worked by hand on the small list
(``tests/web/emergency/data/small_list.csv``), and the demo's synthetic calendar.

The small list's capacities (daily, baseline = min of EIA, permit, actual):
E0001-L1 cement C 2 543 t/d; E0001-L2, -L3 lime kilns (the enterprise's grade is C) 168 and
238 t/d; E0002-L1 printing C, no capacity; E0003-L1, -L2 brick C 28.4 and 16.9 万块/d; E0018-L1
brick A 14.2 万块/d; E0012-L1, -L2 保障类 heating boilers.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from rest_framework import exceptions

from lantian.emergency.calendar_file import read_calendar
from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import calendar, calendar_import, changes
from lantian.web.emergency import models as m
from tests.web.emergency.conftest import NOW, Emergency
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

HEAD = "企业编号,企业名称,生产线编号,生产线名称,开始日期,结束日期,措施,错峰基数(日均),依据"
SEASON = "2019-11-15,2020-03-15"
ROWS = [
    f"E0001,合成企业0001,E0001-L1,熟料生产线1#,{SEASON},限产30%,2543,C级错峰",
    f"E0001,合成企业0001,E0001-L2,石灰窑2#,{SEASON},限产30%,168,C级错峰",
    "E0001,合成企业0001,E0001-L2,石灰窑2#,2020-01-06,2020-01-19,停产,,检修",
    f"E0002,合成企业0002,E0002-L1,印刷机组1#,{SEASON},限产30%,,C级错峰",
    "E0003,合成企业0003,E0003-L1,隧道窑1#,2019-12-01,2019-12-31,停产,,C级错峰",
    f"E0003,合成企业0003,E0003-L2,隧道窑2#,{SEASON},限产30%,16.9,C级错峰",
    "E0012,合成企业0012,E0012-L1,供暖锅炉1#,2020-01-06,2020-01-19,停产,,误列",
]


def calendar_file(tmp_path: Path, rows: list[str] = ROWS, name: str = "错峰日历.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEAD, *rows]) + "\n", encoding="utf-8")
    return path


def load(em: Emergency, path: Path, actor: Any = None) -> calendar_import.CalendarImportSummary:
    return calendar_import.import_calendar_file(actor, em.city, path, path.name)


@pytest.fixture
def loaded(emergency: Emergency, tmp_path: Path) -> Emergency:
    load(emergency, calendar_file(tmp_path), emergency.user("office"))
    return emergency


def yellow_warning(em: Emergency) -> m.Warning:
    """A yellow warning issued 2020-01-07 10:00, measures from 2020-01-08 00:00 to 01-10 00:00
    (the days 01-08 and 01-09)."""
    office = em.user("office")
    w = m.Warning.objects.create(
        city=em.city,
        state=m.WarningState.ISSUED,
        level="yellow",
        assessed_level="yellow",
        issued_at=at("2020-01-07", 10),
        measures_start=at("2020-01-08", 0),
        first_measures_start=at("2020-01-08", 0),
        expected_end=at("2020-01-10", 0),
        opened_by=office,
        opened_at=at("2020-01-07", 9),
    )
    m.WarningEvent.objects.create(
        warning=w, kind="assess", at=at("2020-01-07", 9), by=office, level="yellow"
    )
    m.WarningEvent.objects.create(
        warning=w,
        kind="issue",
        at=at("2020-01-07", 10),
        by=office,
        approver="副指挥长（合成）",
        level="yellow",
        level_after="yellow",
        measures_start=at("2020-01-08", 0),
        expected_end=at("2020-01-10", 0),
    )
    return w


def lifted_warning(em: Emergency, month: str) -> m.Warning:
    """A yellow warning issued on the 1st of ``month`` (``2018-01``) at 10:00, measures from the
    2nd 00:00, lifted on the 3rd at 12:00."""
    office = em.user("office")
    w = m.Warning.objects.create(
        city=em.city,
        state=m.WarningState.LIFTED,
        level="yellow",
        assessed_level="yellow",
        issued_at=at(f"{month}-01", 10),
        measures_start=at(f"{month}-02", 0),
        first_measures_start=at(f"{month}-02", 0),
        expected_end=at(f"{month}-04", 0),
        lifted_at=at(f"{month}-03", 12),
        opened_by=office,
        opened_at=at(f"{month}-01", 9),
    )
    m.WarningEvent.objects.create(
        warning=w, kind="assess", at=at(f"{month}-01", 9), by=office, level="yellow"
    )
    m.WarningEvent.objects.create(
        warning=w,
        kind="issue",
        at=at(f"{month}-01", 10),
        by=office,
        approver="副指挥长（合成）",
        level="yellow",
        level_after="yellow",
        measures_start=at(f"{month}-02", 0),
        expected_end=at(f"{month}-04", 0),
    )
    m.WarningEvent.objects.create(warning=w, kind="lift", at=at(f"{month}-03", 12), by=office)
    return w


# --- import ---------------------------------------------------------------------------------------


def test_an_import_writes_each_period_audited_and_records_itself(
    emergency: Emergency, tmp_path: Path
) -> None:
    before = AuditEntry.objects.count()
    summary = load(emergency, calendar_file(tmp_path), emergency.user("office"))
    assert (len(summary.created), summary.kept, summary.withdrawn) == (7, 0, [])
    assert summary.season == (date(2019, 11, 15), date(2020, 3, 15))
    periods = m.StaggeredPeriod.objects.filter(active=True)
    assert periods.count() == 7
    l2 = periods.filter(line__line_id="E0001-L2").order_by("start")
    assert [(p.start, p.end, p.kind, p.value, p.baseline, p.source) for p in l2] == [
        (date(2019, 11, 15), date(2020, 3, 15), "limit", 30.0, 168.0, "C级错峰"),
        (date(2020, 1, 6), date(2020, 1, 19), "stop", None, None, "检修"),
    ]
    entries = AuditEntry.objects.order_by("seq")[before:]
    # the import's record, its 7 periods, the import entry
    assert [(e.action, e.object_type) for e in entries] == [
        ("create", "emergency.calendarimport"),
        *[("create", "emergency.staggeredperiod")] * 7,
        ("import_staggered_calendar", "emergency.staggeredcalendar"),
    ]
    assert entries[8].actor_name == "office"
    assert '"file":"错峰日历.csv"' in entries[8].after_json
    assert summary.record is not None
    assert f'"calendar_import":{summary.record.pk}' in entries[8].after_json
    # the same file again: nothing written, nothing recorded
    count = AuditEntry.objects.count()
    again = load(emergency, calendar_file(tmp_path), emergency.user("office"))
    assert not again.changed and again.kept == 7
    assert AuditEntry.objects.count() == count


def test_a_reimport_withdraws_what_the_file_no_longer_has_but_not_published_changes(
    loaded: Emergency, tmp_path: Path
) -> None:
    em = loaded
    # the enterprise asks to stop E0001-L3 for a week; the office approves: published
    line = m.ProductionLine.objects.get(line_id="E0001-L3")
    change = changes.propose_stagger(
        em.user("enterprise"),
        line,
        {
            "action": "add",
            "start": date(2019, 12, 2),
            "end": date(2019, 12, 8),
            "kind": "stop",
            "reason": "环保设施检修",
        },
    )
    changes.decide(em.user("office"), "staggered", change.pk, {"decision": "approved"})
    change.refresh_from_db()
    # the season's file again, without the boiler's stop and with E0002-L1 at 50 %
    rows = [r for r in ROWS if "E0012" not in r]
    rows = [r.replace("限产30%,,C级错峰", "限产50%,,C级错峰") for r in rows]
    summary = load(em, calendar_file(tmp_path, rows, "错峰日历-修订.csv"), em.user("office"))
    assert (len(summary.created), summary.kept, len(summary.withdrawn)) == (1, 5, 2)
    withdrawn = {(p.line.line_id, p.kind, p.value) for p in summary.withdrawn}
    assert withdrawn == {("E0012-L1", "stop", None), ("E0002-L1", "limit", 30.0)}
    assert all(
        not p.active
        for p in m.StaggeredPeriod.objects.filter(pk__in=[p.pk for p in summary.withdrawn])
    )
    assert m.StaggeredPeriod.objects.count() == 7 + 1 + 1  # nothing deleted
    assert m.StaggeredPeriod.objects.get(pk=change.result_id).active  # the change's period stays
    entry = AuditEntry.objects.filter(action="import_staggered_calendar").order_by("-seq")[0]
    assert f'"withdrawn":[{",".join(str(p.pk) for p in summary.withdrawn)}]' in entry.after_json


def test_a_bad_file_is_refused_whole_naming_the_uploaded_file(
    emergency: Emergency, tmp_path: Path
) -> None:
    rows = [
        *ROWS[:2],
        "E0001,合成企业0001,E0001-L9,,2019-11-15,2020-03-15,停产,,",  # line 4: not in the list
        "E0002,合成企业0002,E0001-L3,,2019-11-15,2020-03-15,停产,,",  # line 5: E0001's line
    ]
    path = calendar_file(tmp_path, rows)
    with pytest.raises(exceptions.ValidationError) as info:
        calendar_import.import_calendar(
            emergency.user("office"),
            emergency.city,
            SimpleUploadedFile("日历.csv", path.read_bytes()),
        )
    assert info.value.detail["file"] == [
        "日历.csv:4: 石家庄市的清单中没有企业 E0001 的生产线 E0001-L9 / no such line of that "
        "enterprise in the city's list",
        "日历.csv:5: 石家庄市的清单中没有企业 E0002 的生产线 E0001-L3 / no such line of that "
        "enterprise in the city's list",
    ]
    bad = calendar_file(tmp_path, [*ROWS[:1], "E0001,,E0001-L2,,2020-02-30,2020-03-15,限产,,"])
    with pytest.raises(exceptions.ValidationError) as info:
        calendar_import.import_calendar(
            emergency.user("office"),
            emergency.city,
            SimpleUploadedFile("日历.csv", bad.read_bytes()),
        )
    assert info.value.detail["file"] == [
        "日历.csv:3: 开始日期: 日期不存在 / no such date '2020-02-30'"
    ]
    assert m.StaggeredPeriod.objects.count() == 0


def test_only_the_office_imports(emergency: Emergency, tmp_path: Path) -> None:
    upload = SimpleUploadedFile("日历.csv", calendar_file(tmp_path).read_bytes())
    for name in ("inspector", "enterprise", "lead", "area"):
        with pytest.raises(exceptions.PermissionDenied):
            calendar_import.import_calendar(emergency.user(name), emergency.city, upload)
    assert m.StaggeredPeriod.objects.count() == 0


def test_the_import_page_and_api(client_for: Any, emergency: Emergency, tmp_path: Path) -> None:
    client = client_for("office")
    path = calendar_file(tmp_path)
    with path.open("rb") as f:
        r = client.post("/emergency/calendar/import/", {"city": emergency.city.pk, "file": f})
    assert r.status_code == 302
    assert r["Location"] == (
        f"/emergency/calendar/?area={emergency.city.pk}&start=2019-11-15&end=2020-03-15"
    )
    bad = calendar_file(tmp_path, ["E0001,,E0001-L1,,2019-11-15,2019-11-01,停产,,"], "坏.csv")
    with bad.open("rb") as f:
        r = client.post("/emergency/calendar/import/", {"city": emergency.city.pk, "file": f})
    assert r.status_code == 400
    assert "坏.csv:2: 结束日期 2019-11-01 早于开始日期 2019-11-15" in r.content.decode()
    with path.open("rb") as f:
        r = client.post("/api/emergency/calendar/import/", {"city": emergency.city.pk, "file": f})
    assert r.status_code == 201
    assert (r.json()["created"], r.json()["kept"], r.json()["season"]) == (
        0,
        7,
        ["2019-11-15", "2020-03-15"],
    )
    with bad.open("rb") as f:
        r = client.post("/api/emergency/calendar/import/", {"city": emergency.city.pk, "file": f})
    assert r.status_code == 400 and r.json()["ok"] is False
    assert "坏.csv:2:" in r.json()["error"] or "坏.csv:2:" in str(r.json()["errors"])


# --- the import's record ------------------------------------------------------------------------


def test_an_import_is_recorded_and_its_periods_point_to_it(
    emergency: Emergency, tmp_path: Path, monkeypatch: Any
) -> None:
    from lantian.web.ledger import clock

    path = calendar_file(tmp_path)
    first = load(emergency, path, emergency.user("office")).record
    assert first is not None
    assert (first.city, first.file_name, first.sha256) == (
        emergency.city,
        "错峰日历.csv",
        hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    assert (first.season_start, first.season_end) == (date(2019, 11, 15), date(2020, 3, 15))
    assert (first.rows, first.created, first.kept, first.withdrawn) == (7, 7, 0, 0)
    assert (first.imported_by, first.imported_at) == (emergency.user("office"), NOW)
    assert set(m.StaggeredPeriod.objects.values_list("calendar_import", flat=True)) == {first.pk}
    # the same file again: no second record
    again = load(emergency, path, emergency.user("office"))
    assert again.record is None and m.CalendarImport.objects.count() == 1
    # a day later, the file without the boiler's stop (line 8): 6 rows, 6 kept, 1 withdrawn
    monkeypatch.setattr(clock, "now", lambda: at("2019-09-07", 9))
    rows = [r for r in ROWS if "E0012" not in r]
    second = load(emergency, calendar_file(tmp_path, rows, "错峰日历-2.csv"), None).record
    assert second is not None
    assert (second.file_name, second.rows, second.created, second.kept, second.withdrawn) == (
        "错峰日历-2.csv",
        6,
        0,
        6,
        1,
    )
    assert second.imported_by is None and second.imported_at == at("2019-09-07", 9)
    boiler = m.StaggeredPeriod.objects.get(line__line_id="E0012-L1")
    assert not boiler.active and boiler.calendar_import == first  # created by the first
    assert second.periods.count() == 0
    assert [i.pk for i in calendar.imports_of(emergency.city)] == [second.pk, first.pk]


def test_a_different_file_with_the_same_periods_is_recorded_too(
    loaded: Emergency, tmp_path: Path
) -> None:
    renamed = calendar_file(tmp_path, [*ROWS, ""], "错峰日历-副本.csv")  # one more blank line
    summary = load(loaded, renamed, loaded.user("office"))
    assert not summary.changed and summary.record is not None
    assert (summary.record.created, summary.record.kept, summary.record.withdrawn) == (0, 7, 0)
    assert m.CalendarImport.objects.count() == 2
    assert load(loaded, renamed, loaded.user("office")).record is None


def test_a_period_made_by_a_change_has_no_import(loaded: Emergency) -> None:
    em = loaded
    line = m.ProductionLine.objects.get(line_id="E0001-L3")
    change = changes.propose_stagger(
        em.user("enterprise"),
        line,
        {
            "action": "add",
            "start": date(2019, 12, 2),
            "end": date(2019, 12, 8),
            "kind": "stop",
            "reason": "环保设施检修",
        },
    )
    changes.decide(em.user("office"), "staggered", change.pk, {"decision": "approved"})
    change.refresh_from_db()
    made = m.StaggeredPeriod.objects.get(pk=change.result_id)
    assert made.active and made.calendar_import is None
    imported = m.StaggeredPeriod.objects.exclude(pk=made.pk)
    assert imported.count() == 7 and not imported.filter(calendar_import__isnull=True).exists()


def test_the_imports_card_and_field_for_the_office_and_inspectors_only(
    client_for: Any, loaded: Emergency
) -> None:
    record = m.CalendarImport.objects.get()
    for persona in ("office", "inspector"):
        text = client_for(persona).get("/emergency/calendar/").content.decode()
        assert 'id="calendar-imports"' in text and f'data-import="{record.pk}"' in text
        assert "错峰日历.csv" in text and "2019-09-06 10:00" in text
        (shown,) = api(client_for, persona).json()["imports"]
        assert shown == {
            "id": record.pk,
            "file": "错峰日历.csv",
            "sha256": record.sha256,
            "season": ["2019-11-15", "2020-03-15"],
            "rows": 7,
            "created": 7,
            "kept": 0,
            "withdrawn": 0,
            "imported_by": "office",
            "imported_at": "2019-09-06T10:00:00+08:00",
        }
    for persona in ("lead", "area", "enterprise"):
        text = client_for(persona).get("/emergency/calendar/").content.decode()
        assert 'id="calendar-imports"' not in text and "错峰日历.csv" not in text, persona
        assert "imports" not in api(client_for, persona).json(), persona


# --- the calendar: values worked by hand ----------------------------------------------------------


def api(client_for: Any, persona: str, query: str = "") -> Any:
    return client_for(persona).get(f"/api/emergency/calendar/{query}")


def day_of(body: dict[str, Any], industry: str, day: str) -> dict[str, Any]:
    return next(r for r in body["industries"] if (r["industry"], r["day"]) == (industry, day))


def test_the_default_range_is_the_heating_season_around_today(
    client_for: Any, loaded: Emergency
) -> None:
    body = api(client_for, "office").json()  # today is 2019-09-06: the coming season
    assert (body["start"], body["end"], body["city_name"]) == (
        "2019-11-15",
        "2020-03-15",
        "石家庄市",
    )
    assert len({r["day"] for r in body["industries"]}) == 122


def test_industry_days_worked_by_hand(client_for: Any, loaded: Emergency) -> None:
    body = api(client_for, "lead").json()
    # brick: E0003-L1 28.4 + E0003-L2 16.9 + E0018-L1 14.2 = 59.5 万块/d of baseline.
    # 2019-12-10: L1 stopped (28.4) and L2 limited 30 % (5.07): 33.47 of 59.5
    brick = day_of(body, "brick_tile", "2019-12-10")
    assert (brick["lines"], brick["stopped"], brick["limited"], brick["unit"]) == (
        3,
        1,
        1,
        "万块/d",
    )
    assert brick["baseline"] == pytest.approx(59.5)
    assert brick["cut"] == pytest.approx(33.47)
    assert brick["share_cut"] == pytest.approx(33.47 / 59.5)  # 56.3 %
    # 2020-01-10: only L2's 30 %: 5.07 of 59.5
    assert day_of(body, "brick_tile", "2020-01-10")["share_cut"] == pytest.approx(5.07 / 59.5)
    # lime kilns 168 + 238 = 406 t/d; 2020-01-10 L2's stop overlaps its 30 %: the stop counts
    lime = day_of(body, "lime_kiln", "2020-01-10")
    assert (lime["stopped"], lime["limited"], lime["cut"]) == (1, 0, 168)
    assert lime["share_cut"] == pytest.approx(168 / 406)
    # cement: one line, 30 % of 2 543
    assert day_of(body, "cement_clinker", "2020-01-10")["cut"] == pytest.approx(762.9)
    # printing has no capacity: counted, no share
    printing = day_of(body, "packaging_printing", "2020-01-10")
    assert (printing["limited"], printing["share_cut"]) == (1, None)
    # a summary reader gets no line, no conflict detail
    assert body["scope"] == "summary" and "lines" not in body and "conflicts" not in body
    assert body["conflict_counts"] == {
        "stopped_and_limited": 0,
        "overlap": 1,
        "exempt": 1,
        "unknown_line": 0,
    }


def test_warnings_lifted_before_the_range_are_not_replayed(
    client_for: Any, loaded: Emergency, django_assert_max_num_queries: Any
) -> None:
    """The page's work does not grow with the city's history of warnings: three warnings lifted
    in 2018 add no query to the January 2020 calendar, and its warning days stay 01-08, 01-09."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    yellow_warning(loaded)
    client = client_for("office")
    query = "?start=2020-01-01&end=2020-01-31"
    with CaptureQueriesContext(connection) as first:
        assert client.get(f"/api/emergency/calendar/{query}").status_code == 200
    for month in (1, 2, 3):
        lifted_warning(loaded, f"2018-{month:02d}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get(f"/api/emergency/calendar/{query}").json()
    assert body["warning_days"] == [
        {"day": "2020-01-08", "level": "yellow"},
        {"day": "2020-01-09", "level": "yellow"},
    ]


def test_conflicts_and_where_a_yellow_warning_meets_the_calendar(
    client_for: Any, loaded: Emergency
) -> None:
    yellow_warning(loaded)
    body = api(client_for, "office", "?start=2020-01-01&end=2020-01-31").json()
    assert body["warning_days"] == [
        {"day": "2020-01-08", "level": "yellow"},
        {"day": "2020-01-09", "level": "yellow"},
    ]
    assert [(c["line_id"], c["kind"], c["start"], c["end"]) for c in body["conflicts"]] == [
        ("E0012-L1", "exempt", "2020-01-06", "2020-01-19"),
        ("E0001-L2", "overlap", "2020-01-06", "2020-01-19"),
        ("E0001-L2", "stopped_and_limited", "2020-01-08", "2020-01-09"),
    ]
    meets = {mt["line_id"]: mt for mt in body["meetings"]}
    assert set(meets) == {"E0001-L1", "E0001-L2", "E0002-L1", "E0003-L2"}
    # cement C at yellow: 停产50% (one line: it stops) is stricter than the calendar's 30 %
    assert (meets["E0001-L1"]["source"], meets["E0001-L1"]["governing"]) == (
        "warning",
        "停产50%+国四及以下重型货车停运",
    )
    assert meets["E0001-L1"]["allowed_output"] == 0
    # E0001-L2: the calendar stops it, its own yellow measure limits 10 %: the list counts a
    # cut on a line not running
    l2 = meets["E0001-L2"]
    assert (l2["staggered"], l2["warning"], l2["governing"], l2["source"]) == (
        "停产",
        "限产10%",
        "停产",
        "staggered",
    )
    assert l2["stopped_and_limited"] is True and (l2["start"], l2["end"]) == (
        "2020-01-08",
        "2020-01-09",
    )
    # brick L2: the calendar's 30 % of 16.9 leaves 11.83, its yellow 20 % would leave 13.52
    assert meets["E0003-L2"]["source"] == "staggered"
    assert meets["E0003-L2"]["allowed_output"] == pytest.approx(11.83)
    # printing (no capacity): 30 % against 20 % by share
    assert (meets["E0002-L1"]["source"], meets["E0002-L1"]["allowed_output"]) == ("staggered", None)


def test_the_change_log_shows_published_changes_with_who_and_when(
    client_for: Any, loaded: Emergency
) -> None:
    em = loaded
    line = m.ProductionLine.objects.get(line_id="E0001-L1")
    season = m.StaggeredPeriod.objects.get(line=line, kind="limit")
    change = changes.propose_stagger(
        em.user("enterprise"),
        line,
        {
            "action": "modify",
            "before": season,
            "start": date(2019, 11, 15),
            "end": date(2020, 3, 15),
            "kind": "limit",
            "value": 20,
            "baseline": 2543,
            "reason": "完成超低排放改造",
        },
    )
    pending = api(client_for, "office").json()["changes"]
    assert pending == []  # not yet published
    changes.decide(em.user("office"), "staggered", change.pk, {"decision": "approved"})
    (logged,) = api(client_for, "inspector").json()["changes"]
    assert (logged["line_id"], logged["action"], logged["reason"]) == (
        "E0001-L1",
        "modify",
        "完成超低排放改造",
    )
    assert logged["before"] == {
        "start": "2019-11-15",
        "end": "2020-03-15",
        "kind": "limit",
        "value": 30.0,
    }
    assert logged["after"] == {
        "start": "2019-11-15",
        "end": "2020-03-15",
        "kind": "limit",
        "value": 20.0,
    }
    assert (logged["requested_by"], logged["decided_by"]) == ("enterprise", "office")
    assert logged["published_at"].startswith("2019-09-06T10:00")
    page = client_for("office").get("/emergency/calendar/?industry=cement_clinker").content.decode()
    assert "完成超低排放改造" in page and "2019-11-15 – 2020-03-15 限产30%" in page


# --- who sees what --------------------------------------------------------------------------------


def test_the_office_and_inspectors_see_every_line(client_for: Any, loaded: Emergency) -> None:
    for persona in ("office", "inspector"):
        body = api(client_for, persona).json()
        assert body["scope"] == "full"
        assert {ln["line_id"] for ln in body["lines"]} == {
            "E0001-L1",
            "E0001-L2",
            "E0002-L1",
            "E0003-L1",
            "E0003-L2",
            "E0012-L1",
        }
    page = client_for("office").get("/emergency/calendar/?industry=brick_tile")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-line="E0003-L1"' in text and 'data-line="E0001-L1"' not in text
    assert 'data-industry="brick_tile"' in text
    # without a filter: the industry rows, and the hint to pick one
    text = client_for("office").get("/emergency/calendar/").content.decode()
    assert 'id="calendar-hint"' in text and 'data-line="' not in text


def test_an_enterprise_sees_its_own_rows_only(client_for: Any, loaded: Emergency) -> None:
    body = api(client_for, "enterprise").json()
    assert body["scope"] == "own"
    assert {ln["line_id"] for ln in body["lines"]} == {"E0001-L1", "E0001-L2"}
    assert {c["line_id"] for c in body["conflicts"]} == {"E0001-L2"}  # not E0012's
    assert {r["industry"] for r in body["industries"]} == {"cement_clinker", "lime_kiln"}
    other = m.Enterprise.objects.get(list_id="E0002")
    assert api(client_for, "enterprise", f"?enterprise={other.pk}").status_code == 404
    assert (
        client_for("enterprise").get(f"/emergency/calendar/?enterprise={other.pk}").status_code
        == 404
    )
    text = client_for("enterprise").get("/emergency/calendar/").content.decode()
    assert 'data-line="E0001-L2"' in text and "E0002" not in text and "E0012" not in text


def test_departments_and_areas_see_the_industry_summary_only(
    client_for: Any, loaded: Emergency
) -> None:
    for persona in ("lead", "other_dept", "area"):
        r = client_for(persona).get("/emergency/calendar/")
        assert r.status_code == 200
        text = r.content.decode()
        assert 'data-industry="lime_kiln"' in text
        for secret in ("E0001", "E0003", "合成企业", "石灰窑2#", "calendar-changes"):
            assert secret not in text, (persona, secret)
        own = m.Enterprise.objects.get(list_id="E0001")
        assert (
            client_for(persona).get(f"/emergency/calendar/?enterprise={own.pk}").status_code == 403
        )
        assert api(client_for, persona, f"?enterprise={own.pk}").status_code == 403


def test_the_public_is_sent_to_log_in(client: Any, loaded: Emergency) -> None:
    r = client.get("/emergency/calendar/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")
    assert client.get("/emergency/calendar/calendar.xlsx").status_code == 302
    r = client.get("/api/emergency/calendar/")
    assert r.status_code == 401 and r.json()["ok"] is False
    assert client.post("/api/emergency/calendar/import/").status_code == 401


def test_bad_queries_are_refused_naming_the_parameter(client_for: Any, loaded: Emergency) -> None:
    cases = {
        "?start=2019-13-01": "start",
        "?start=2020-01-10&end=2020-01-01": "end",
        "?start=2019-01-01&end=2020-03-15": "end",  # 440 days
        "?industry=paper": "industry",
        "?area=abc": "area",
        # digits to str.isdigit() that int() refuses, and an id beyond the databases' range:
        # 400s, not 500s
        "?area=%C2%B2": "area",  # ²
        "?enterprise=%C2%B2": "enterprise",
        "?enterprise=99999999999999999999999": "enterprise",
        "?start=2019%2F11%2F15": "start",  # a query's dates are YYYY-MM-DD, as the form sends
    }
    for query, field in cases.items():
        r = api(client_for, "office", query)
        assert r.status_code == 400, query
        assert field in r.json()["errors"], (query, r.json())
        assert client_for("office").get(f"/emergency/calendar/{query}").status_code == 400
    assert api(client_for, "office", "?area=999999").status_code == 404


# --- the workbook ---------------------------------------------------------------------------------


def test_the_workbook_reads_back_as_the_calendar(
    client_for: Any, loaded: Emergency, tmp_path: Path
) -> None:
    r = client_for("office").get("/emergency/calendar/calendar.xlsx?industry=lime_kiln")
    assert r.status_code == 200
    assert "%E9%94%99%E5%B3%B0" in r["Content-Disposition"]  # 错峰, quoted
    path = tmp_path / "back.xlsx"
    path.write_bytes(r.content)
    back = read_calendar(path)
    assert [(x.line_id, x.period.start, x.period.measure.zh) for x in back.rows] == [
        ("E0001-L2", date(2019, 11, 15), "限产30%"),
        ("E0001-L2", date(2020, 1, 6), "停产"),
    ]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["错峰生产日历", "行业汇总", "冲突"]
    summary = client_for("area").get("/emergency/calendar/calendar.xlsx")
    assert load_workbook(io.BytesIO(summary.content)).sheetnames == ["行业汇总"]
    assert "E0001" not in str(list(load_workbook(io.BytesIO(summary.content))["行业汇总"].values))


# --- the demo -------------------------------------------------------------------------------------


def test_the_demo_loads_the_synthetic_calendar_once(settings: Any, monkeypatch: Any) -> None:
    from django.core.management import call_command

    from lantian.web.ledger import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    settings.DEVELOPMENT = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "新建 / created 1 CalendarImport" in out.getvalue()
    assert m.StaggeredPeriod.objects.filter(active=True).count() == 279
    record = m.CalendarImport.objects.get()
    assert (record.file_name, record.imported_by, record.imported_at) == (
        "synthetic_city_calendar.csv",
        None,
        NOW,
    )
    assert (record.rows, record.created, record.kept, record.withdrawn) == (279, 279, 0, 0)
    assert record.periods.count() == 279
    entries = AuditEntry.objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert AuditEntry.objects.count() == entries
    assert m.StaggeredPeriod.objects.count() == 279
    assert m.CalendarImport.objects.count() == 1


def test_the_season_around_a_day() -> None:
    from lantian.web.emergency.calendar import season_around

    season = (date(2019, 11, 15), date(2020, 3, 15))
    assert season_around(date(2019, 9, 6)) == season  # between seasons: the next one
    assert season_around(date(2019, 11, 15)) == season
    assert season_around(date(2020, 3, 15)) == season
    assert season_around(date(2020, 3, 16)) == (date(2020, 11, 15), date(2021, 3, 15))
