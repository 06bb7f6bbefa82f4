"""While the orange warning is in force: whom to notify with what, the heavy-truck list, the
seeded inspection draw weighted to the largest reductions, inspection records, the notice's data.

Worked on ``small_list.csv`` (tests/web/emergency/conftest.py) at orange:
E0001 cement C line → default 停产+国四及以下重型货车停运, its lime kilns their own 限产20%+trucks;
E0002, E0003 停产50%; E0005 (小微) L1 nothing, L2/L3 停产; E0012 保障类 boilers nothing (exempt);
E0018 brick A → 自主减排; N01 diesel trucks 估算削减10%.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from rest_framework import exceptions

from lantian.emergency.levels import Level
from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import core, response
from lantian.web.emergency.draw import Candidate, weighted_draw, weights
from lantian.web.emergency.models import Enterprise, Inspection, InspectionDraw
from tests.web.emergency.conftest import Emergency, issue_orange

pytestmark = pytest.mark.django_db


@pytest.fixture
def orange(emergency: Emergency) -> Any:
    return issue_orange(emergency)


def test_the_notification_list_has_every_enterprise_with_a_measure_at_orange(
    emergency: Emergency, orange: Any
) -> None:
    notices = response.notification_list(orange)
    got = {n.enterprise.list_id: [ln.line_id for ln in n.lines] for n in notices}
    assert got == {
        "E0001": ["E0001-L1", "E0001-L2", "E0001-L3"],
        "E0002": ["E0002-L1", "E0002-L2"],
        "E0003": ["E0003-L1", "E0003-L2"],
        "E0005": ["E0005-L2", "E0005-L3"],
        "E0018": ["E0018-L1"],
        "N01": ["N01"],
    }
    # the same as the core says of the list: lines whose orange measure asks something
    lst = core.city_list(emergency.city)
    expected = {
        ln.enterprise_id for ln in lst.lines if response.acts(lst.measure(ln, Level.ORANGE))
    }
    assert set(got) == expected
    e0001 = notices[0].lines
    assert (e0001[0].measure, e0001[0].own, e0001[0].share) == (
        "停产+国四及以下重型货车停运",
        False,
        1.0,
    )
    assert (e0001[1].measure, e0001[1].own) == ("限产20%+国四及以下重型货车停运", True)
    assert e0001[1].share == pytest.approx(0.2)
    # the lime kiln's baseline output: min(257, 247, 168) t/d; 限产20% leaves 134.4 t/d
    assert e0001[1].allowed_output == pytest.approx(134.4)
    e0018 = next(n for n in notices if n.enterprise.list_id == "E0018").lines[0]
    assert (e0018.measure, e0018.share) == ("自主减排", 0.0)


def test_the_transport_list_holds_the_lines_that_ban_trucks(orange: Any) -> None:
    rows = response.transport_list(orange)
    assert [(e.list_id, ln.line_id, ln.transport) for e, ln in rows] == [
        ("E0001", "E0001-L1", "国四及以下重型货车停运"),
        ("E0001", "E0001-L2", "国四及以下重型货车停运"),
        ("E0001", "E0001-L3", "国四及以下重型货车停运"),
    ]


def test_below_orange_there_is_no_transport_list(emergency: Emergency, orange: Any) -> None:
    from lantian.web.emergency import desk

    desk.act(
        emergency.user("office"),
        orange,
        {"kind": "downgrade", "level": "yellow", "approver": "王某"},
    )
    orange.refresh_from_db()
    assert orange.level == "yellow"
    assert response.transport_list(orange) == []


def test_the_draw_weights_by_share_of_the_city_emission_removed(
    emergency: Emergency, orange: Any
) -> None:
    pool = {c.key: c.weight for c in response.candidates(orange)}
    assert set(pool) == {"E0001", "E0002", "E0003", "E0005", "E0018", "N01"}
    # E0002 stops both printing lines (停产50%, counted per line): PM 0.3 + 0.2 = 0.5 t/a of the
    # city's 2000, VOCs 30.3 + 4.7 = 35 t/a of 400 → 0.5/2000 + 35/400 = 0.08775 (÷ 365 cancels)
    assert pool["E0002"] == pytest.approx(0.5 / 2000 + 35 / 400)
    # N01 cuts 10 % of 9000 NOx, 400 PM, 600 VOCs (t/a) → 900/5000 + 40/2000 + 60/400 = 0.35
    assert pool["N01"] == pytest.approx(900 / 5000 + 40 / 2000 + 60 / 400)
    # E0018 (A, 自主减排) removes nothing counted: it takes the smallest positive weight
    assert pool["E0018"] == min(w for k, w in pool.items() if k != "E0018")


def test_a_draw_is_seeded_stored_and_reproducible(emergency: Emergency, orange: Any) -> None:
    inspector = emergency.user("inspector")
    first = response.draw(inspector, orange, 3, seed=20190906)
    again = response.draw(emergency.user("office"), orange, 3, seed=20190906)
    assert first.drawn == again.drawn and len(first.drawn) == 3
    assert (first.seed, first.size, first.population, first.level) == (20190906, 3, 6, "orange")
    assert {d["list_id"] for d in first.drawn} <= {
        "E0001",
        "E0002",
        "E0003",
        "E0005",
        "E0018",
        "N01",
    }
    unseeded = response.draw(inspector, orange, 2)
    assert InspectionDraw.objects.get(pk=unseeded.pk).seed == unseeded.seed
    assert AuditEntry.objects.filter(object_type="emergency.inspectiondraw").count() == 3
    with pytest.raises(exceptions.ValidationError):
        response.draw(inspector, orange, 0)
    for name in ("lead", "area", "enterprise"):
        with pytest.raises(exceptions.PermissionDenied):
            response.draw(emergency.user(name), orange, 1)


def test_the_weighted_draw_favours_the_heavy() -> None:
    pool = [
        Candidate("A", "heavy", 50.0),
        Candidate("B", "light", 1.0),
        Candidate("C", "light", 1.0),
    ]
    firsts = [weighted_draw(pool, 1, seed)[0].key for seed in range(200)]
    assert firsts.count("A") > 180  # chance 50/52 each
    assert weighted_draw(pool, 3, 7) == weighted_draw(list(reversed(pool)), 3, 7)
    assert sorted(c.key for c in weighted_draw(pool, 5, 1)) == ["A", "B", "C"]
    assert weights({"X": {"nox": 0.0}, "Y": {"nox": 2.0}}, {"nox": 10.0}) == {"X": 0.2, "Y": 0.2}


def test_inspections_are_recorded_for_enterprises_of_the_city(
    emergency: Emergency, orange: Any
) -> None:
    inspector = emergency.user("inspector")
    e0002 = Enterprise.objects.get(list_id="E0002")
    row = response.record_inspection(
        inspector,
        orange,
        {
            "enterprise": e0002,
            "line": e0002.lines.get(line_id="E0002-L1"),
            "compliant": False,
            "findings": "印刷机组1#仍在生产",
        },
    )
    assert (row.inspector, row.compliant, row.findings) == (inspector, False, "印刷机组1#仍在生产")
    assert (
        AuditEntry.objects.filter(object_type="emergency.inspection", action="create").count() == 1
    )
    with pytest.raises(exceptions.ValidationError):  # a line of another enterprise
        response.record_inspection(
            inspector,
            orange,
            {"enterprise": e0002, "line": emergency.enterprise.lines.first(), "compliant": True},
        )
    with pytest.raises(exceptions.PermissionDenied):
        response.record_inspection(
            emergency.user("enterprise"), orange, {"enterprise": e0002, "compliant": True}
        )
    assert Inspection.objects.count() == 1


def test_the_notice_data_is_plain_values(emergency: Emergency, orange: Any) -> None:
    data = response.notice_data(orange)
    json.dumps(data, ensure_ascii=False)  # plain values only
    assert (data["city"], data["level"], data["level_zh"], data["response"]) == (
        "石家庄市",
        "orange",
        "橙色预警",
        "II级",
    )
    assert data["trigger"] == ["2019-09-08", "2019-09-09", "2019-09-10", "2019-09-11"]
    assert (data["measures_start"], data["approver"], data["issued_by"]) == (
        "2019-09-08T00:00:00+08:00",
        "副指挥长 王某（合成）",
        "office",
    )
    assert (data["lead_time_hours"], data["lead_time_required_hours"], data["lead_time_met"]) == (
        38.0,
        24,
        True,
    )
    assert [e["list_id"] for e in data["enterprises"]] == [
        "E0001",
        "E0002",
        "E0003",
        "E0005",
        "E0018",
        "N01",
    ]
    assert data["enterprises"][0]["lines"][0] == {
        "line_id": "E0001-L1",
        "name": "熟料生产线1#",
        "measure": "停产+国四及以下重型货车停运",
        "own": False,
    }
    assert len(data["transport_restricted"]) == 3


def test_the_enterprise_sees_what_its_lines_must_do(emergency: Emergency, orange: Any) -> None:
    ((warning, lines),) = response.enterprise_notices(emergency.enterprise)
    assert warning == orange
    assert [(ln.line_id, ln.measure) for ln in lines] == [
        ("E0001-L1", "停产+国四及以下重型货车停运"),
        ("E0001-L2", "限产20%+国四及以下重型货车停运"),
        ("E0001-L3", "限产20%+国四及以下重型货车停运"),
    ]


def test_the_notice_inputs_are_the_core_values_of_the_warning(
    emergency: Emergency, orange: Any
) -> None:
    from lantian.emergency.lifecycle import State

    inputs = response.notice_inputs(orange)
    assert inputs.decision.level is Level.ORANGE
    assert inputs.decision.trigger == ("2019-09-08", "2019-09-09", "2019-09-10", "2019-09-11")
    assert (inputs.record.state, inputs.record.level) == (State.ISSUED, Level.ORANGE)
    assert len(inputs.reduction_list.lines) == 14
    assert inputs.city_daily is not None
    assert inputs.city_daily["nox"] == pytest.approx(5000 / 365)
