"""The command office sets up and corrects plans, targets and tasks (``lantian.web.ledger.editing``,
through the API: ``POST /api/plans/``, ``PATCH /api/tasks/<id>/`` …; rules:
``docs/ledger_editing.md``).

The ledger of ``factories.py``: task ``24`` has a closing and an extension request (so nothing can
be taken off it); task ``25`` has neither.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from rest_framework import exceptions

from lantian.airquality.periods import parse_period
from lantian.airquality.targets import Target
from lantian.web.audit.log import verify_log
from lantian.web.audit.models import AuditEntry
from lantian.web.ledger import editing
from lantian.web.ledger import models as m
from lantian.web.ledger.pages import history_of
from tests.web.conftest import PERSONAS, Personas
from tests.web.ledger.factories import Ledger, at

NOT_OFFICE = [p for p in PERSONAS if p not in ("office", "anon")]

PLAN = {
    "title": "石家庄市2020年大气污染综合治理工作方案",
    "issuer": "石家庄市人民政府",
    "document_number": "石政发〔2020〕1号",
    "issued_on": "2020-02-20",
    "start": "2020-01-01",
    "end": "2020-12-31",
}


def send(client: Any, method: str, url: str, body: Any) -> Any:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def entries_since(seq: int) -> list[tuple[str, str, str]]:
    return [
        (e.action, e.object_type, e.actor_name)
        for e in AuditEntry.objects.filter(seq__gt=seq).order_by("seq")
    ]


def last_seq() -> int:
    last = AuditEntry.objects.order_by("-seq").first()
    return last.seq if last is not None else 0


def new_task_body(personas: Personas, ledger: Ledger) -> dict[str, Any]:
    return {
        "plan": ledger.plan.pk,
        "number": "三.（一）.1",
        "heading": "散煤清零",
        "text": "完成农村散煤替代2万户。",
        "category": "能源结构调整",
        "units": [
            {"unit": personas.units["lead"].pk, "role": "lead"},
            {"unit": personas.units["cooperating"].pk, "role": "cooperating"},
        ],
        "areas": [personas.areas["changan"].pk, personas.areas["qiaoxi"].pk],
        "milestones": [
            {"due": "2019-10-31", "label": "完成80%"},
            {"due": "2019-11-30", "label": "全部完成"},
        ],
        "indicators": [{"name": "散煤替代", "unit": "万户", "target": 2}],
    }


# --- plans --------------------------------------------------------------------------------------


def test_office_creates_a_plan_and_the_log_records_it(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    body = {**PLAN, "area": personas.areas["city"].pk}
    before = last_seq()
    response = send(client_for("office"), "post", "/api/plans/", body)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["title"] == PLAN["title"] and answer["targets"] == []
    plan = m.Plan.objects.get(pk=answer["id"])
    assert (plan.start, plan.end, plan.area.name) == (
        date(2020, 1, 1),
        date(2020, 12, 31),
        "石家庄市",
    )
    assert entries_since(before) == [("create", "ledger.plan", "office")]
    entry = AuditEntry.objects.get(seq=before + 1)
    assert entry.before is None and entry.after is not None
    assert entry.after["document_number"] == "石政发〔2020〕1号"


def test_a_plan_ending_before_it_starts_is_refused_and_nothing_saved(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    body = {**PLAN, "start": "2020-12-31", "end": "2020-01-01", "area": personas.areas["city"].pk}
    response = send(client_for("office"), "post", "/api/plans/", body)
    assert response.status_code == 400
    answer = response.json()
    assert answer["ok"] is False and list(answer["errors"]) == ["end"]
    assert m.Plan.objects.count() == 1 and not AuditEntry.objects.exists()


def test_a_document_number_of_another_plan_is_refused(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    body = {**PLAN, "document_number": "石政发〔2019〕3号", "area": personas.areas["city"].pk}
    response = send(client_for("office"), "post", "/api/plans/", body)
    assert response.status_code == 400
    assert "石政发〔2019〕3号" in response.json()["errors"]["document_number"][0]
    # the plan itself keeps its number when other fields change
    patch = send(client_for("office"), "patch", f"/api/plans/{ledger.plan.pk}/", {"issuer": "x"})
    assert patch.status_code == 200


def test_office_corrects_a_plan_recorded_with_before_and_after(
    client_for: Any, ledger: Ledger
) -> None:
    url = f"/api/plans/{ledger.plan.pk}/"
    response = send(client_for("office"), "patch", url, {"end": "2020-03-31"})
    assert response.status_code == 200
    assert response.json()["end"] == "2020-03-31"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id) == (
        "update",
        "ledger.plan",
        str(ledger.plan.pk),
    )
    assert entry.before is not None and entry.after is not None
    assert (entry.before["end"], entry.after["end"]) == ("2019-12-31", "2020-03-31")
    # the same value again changes nothing and records nothing
    assert send(client_for("office"), "patch", url, {"end": "2020-03-31"}).status_code == 200
    assert AuditEntry.objects.count() == 1
    # a change that would end the plan before it starts is refused
    refused = send(client_for("office"), "patch", url, {"start": "2021-01-01"})
    assert refused.status_code == 400 and "end" in refused.json()["errors"]
    ledger.plan.refresh_from_db()
    assert ledger.plan.start == date(2019, 1, 1)


@pytest.mark.parametrize("persona", NOT_OFFICE)
def test_only_the_office_creates_or_changes_plans(
    client_for: Any, personas: Personas, ledger: Ledger, persona: str
) -> None:
    client = client_for(persona)
    body = {**PLAN, "area": personas.areas["city"].pk}
    created = send(client, "post", "/api/plans/", body)
    changed = send(client, "patch", f"/api/plans/{ledger.plan.pk}/", {"title": "改"})
    for response in (created, changed):
        assert response.status_code == 403
        assert response.json()["ok"] is False
    with pytest.raises(exceptions.PermissionDenied):
        editing.create_plan(personas.users[persona], body)
    assert m.Plan.objects.count() == 1 and not AuditEntry.objects.exists()


def test_anonymous_callers_get_401(client: Any, ledger: Ledger) -> None:
    assert send(client, "post", "/api/plans/", PLAN).status_code == 401
    assert send(client, "patch", f"/api/tasks/{ledger.task.pk}/", {}).status_code == 401


# --- targets ------------------------------------------------------------------------------------


def test_office_adds_a_change_target_read_as_the_engines_target(
    client_for: Any, ledger: Ledger
) -> None:
    body = {
        "metric": "pm25",
        "area_name": "石家庄",
        "period": "2019",
        "op": "<=",
        "bound": -7,
        "change": True,
        "label": "PM2.5 同比下降 7%",
    }
    response = send(client_for("office"), "post", f"/api/plans/{ledger.plan.pk}/targets/", body)
    assert response.status_code == 201, response.content
    target = m.PlanTarget.objects.get(pk=response.json()["id"])
    assert target.to_target() == Target(
        area="石家庄",
        metric="pm25",
        period=parse_period("2019"),
        op="<=",
        bound=-7.0,
        change=True,
        baseline=None,
        label="PM2.5 同比下降 7%",
    )
    # with a baseline of 70 µg/m³, -7 % is an absolute bound of 65.1
    assert target.to_target().absolute_bound(70.0) == pytest.approx(65.1)
    assert entries_since(0) == [("create", "ledger.plantarget", "office")]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"period": "2019-Q5"}, "period", "无法识别的时段"),
        ({"metric": "pm1"}, "metric", "pm1"),
        ({"op": "<"}, "op", "<"),
        ({"bound": "很多"}, "bound", ""),
    ],
)
def test_a_bad_target_is_refused_naming_the_field(
    client_for: Any, ledger: Ledger, change: dict[str, Any], field: str, words: str
) -> None:
    body = {"metric": "pm10", "area_name": "石家庄", "period": "2019", "op": "<=", "bound": 110}
    url = f"/api/plans/{ledger.plan.pk}/targets/"
    response = send(client_for("office"), "post", url, {**body, **change})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field] and words in errors[field][0]
    assert ledger.plan.targets.count() == 1


def test_the_same_target_twice_is_refused(client_for: Any, ledger: Ledger) -> None:
    same = {"metric": "pm25", "area_name": "石家庄", "period": "2019", "op": "<=", "bound": 60}
    response = send(client_for("office"), "post", f"/api/plans/{ledger.plan.pk}/targets/", same)
    assert response.status_code == 400
    assert "pm25 <= 67.0" in response.json()["error"]  # names the target the plan has


def test_office_corrects_a_target(client_for: Any, ledger: Ledger) -> None:
    target = ledger.plan.targets.get()
    url = f"/api/targets/{target.pk}/"
    response = send(client_for("office"), "patch", url, {"bound": 65, "label": "PM2.5 ≤ 65"})
    assert response.status_code == 200
    assert response.json()["bound"] == 65.0
    target.refresh_from_db()
    assert target.to_target().bound == 65.0
    entry = AuditEntry.objects.get()
    assert entry.action == "update" and entry.before is not None and entry.after is not None
    assert (entry.before["bound"], entry.after["bound"]) == (67.0, 65.0)
    assert send(client_for("lead"), "patch", url, {"bound": 1}).status_code == 403
    assert send(client_for("office"), "patch", "/api/targets/999999/", {}).status_code == 404


# --- tasks --------------------------------------------------------------------------------------


def test_office_creates_a_task_with_units_areas_milestones_and_indicators(
    client_for: Any, personas: Personas, ledger: Ledger, pin: Any
) -> None:
    response = send(client_for("office"), "post", "/api/tasks/", new_task_body(personas, ledger))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "三.（一）.1"
    assert [(u["name"], u["role"]) for u in body["units"]] == [
        ("石家庄市生态环境局", "lead"),
        ("石家庄市工业和信息化局", "cooperating"),
    ]
    assert [(ms["due"], ms["label"]) for ms in body["milestones"]] == [
        ("2019-10-31", "完成80%"),
        ("2019-11-30", "全部完成"),
    ]
    assert [(i["name"], i["unit"], i["target"]) for i in body["indicators"]] == [
        ("散煤替代", "万户", 2.0)
    ]
    # on 2019-09-06 (pinned): no report yet, first deadline 2019-10-31 → not started
    assert body["state"]["status"] == "not_started" and body["state"]["deadline"] == "2019-10-31"
    task = m.Task.objects.get(pk=body["id"])
    assert sorted(a.name for a in task.areas.all()) == ["桥西区", "长安区"]
    assert entries_since(0) == [
        ("create", "ledger.task", "office"),
        ("create", "ledger.taskunit", "office"),
        ("create", "ledger.taskunit", "office"),
        ("set_areas", "ledger.task", "office"),
        ("create", "ledger.milestone", "office"),
        ("create", "ledger.milestone", "office"),
        ("create", "ledger.indicator", "office"),
    ]
    assert verify_log().ok
    # the lead unit now sees it, and may file on it; the unrelated department does not see it
    assert client_for("lead").get(f"/api/tasks/{task.pk}/").status_code == 200
    assert client_for("other_dept").get(f"/api/tasks/{task.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"number": "24"}, "number", "24"),  # the plan's task 24 exists
        ({"number": "3-1"}, "number", "序号格式错误"),
        ({"text": ""}, "text", ""),
        ({"units": [{"unit": 0, "role": "lead"}]}, "units", ""),
        ({"areas": [2**70]}, "areas", ""),
        ({"milestones": [{"due": "2019-02-30"}]}, "milestones", ""),
        ({"indicators": [{"name": " "}]}, "indicators", ""),
    ],
)
def test_a_bad_task_is_refused_naming_the_field_and_nothing_is_saved(
    client_for: Any,
    personas: Personas,
    ledger: Ledger,
    change: dict[str, Any],
    field: str,
    words: str,
) -> None:
    body = {**new_task_body(personas, ledger), **change}
    response = send(client_for("office"), "post", "/api/tasks/", body)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert words in json.dumps(errors, ensure_ascii=False)
    assert m.Task.objects.count() == 2 and not AuditEntry.objects.exists()


def test_a_task_needs_a_lead_or_responsible_unit(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    body = new_task_body(personas, ledger)
    body["units"] = [{"unit": personas.units["cooperating"].pk, "role": "cooperating"}]
    response = send(client_for("office"), "post", "/api/tasks/", body)
    assert response.status_code == 400
    assert response.json()["errors"] == {"units": ["任务至少需要一个牵头单位或责任单位。"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"units": "twice"}, "units"),
        (
            {"milestones": [{"due": "2019-10-31"}, {"due": "2019-10-31", "label": "again"}]},
            "milestones",
        ),
        ({"indicators": [{"name": "散煤替代"}, {"name": "散煤替代 "}]}, "indicators"),
    ],
)
def test_a_repeat_within_a_task_is_refused(
    client_for: Any, personas: Personas, ledger: Ledger, change: dict[str, Any], field: str
) -> None:
    body = {**new_task_body(personas, ledger), **change}
    if change.get("units") == "twice":
        lead = personas.units["lead"].pk
        body["units"] = [{"unit": lead, "role": "lead"}, {"unit": lead, "role": "responsible"}]
    response = send(client_for("office"), "post", "/api/tasks/", body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert m.Task.objects.count() == 2


def test_a_task_without_reports_can_lose_a_unit_milestone_and_indicator(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    """Task 25 has no report and no request: what was named by mistake can be taken off, and
    the log keeps each removed row as a ``delete`` entry that the task's history shows."""
    office = client_for("office")
    created = send(office, "post", "/api/tasks/", new_task_body(personas, ledger)).json()
    task = m.Task.objects.get(pk=created["id"])
    october = task.milestones.get(due=date(2019, 10, 31))
    seq = last_seq()
    body = {
        "units": [{"unit": personas.units["lead"].pk, "role": "lead"}],
        "areas": [personas.areas["changan"].pk],
        "milestones": [{"id": october.pk, "due": "2019-10-31", "label": "完成80%"}],
        "indicators": [],
    }
    response = send(office, "patch", f"/api/tasks/{task.pk}/", body)
    assert response.status_code == 200, response.content
    assert [u["name"] for u in response.json()["units"]] == ["石家庄市生态环境局"]
    assert [ms["due"] for ms in response.json()["milestones"]] == ["2019-10-31"]
    assert response.json()["indicators"] == [] and response.json()["areas"] == [
        personas.areas["changan"].pk
    ]
    assert entries_since(seq) == [
        ("delete", "ledger.taskunit", "office"),
        ("set_areas", "ledger.task", "office"),
        ("delete", "ledger.milestone", "office"),
        ("delete", "ledger.indicator", "office"),
    ]
    history = history_of(personas.users["office"], task)
    assert history is not None
    removed = [(e.action, e.object_type) for e in history if e.action == "delete"]
    assert sorted(removed) == [
        ("delete", "ledger.indicator"),
        ("delete", "ledger.milestone"),
        ("delete", "ledger.taskunit"),
    ]
    november = next(e for e in history if e.object_type == "ledger.milestone" and e.before)
    assert november.before is not None and november.before["due"] == "2019-11-30"
    assert history.filter(action="create").count() == 6  # the task and its five rows
    # the other task's entries are not in this history
    assert history_of(personas.users["lead"], task) is None
    assert verify_log().ok


def test_a_task_with_requests_keeps_its_units_areas_milestones_and_numbering(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    """Task 24 has a closing and an extension request: taking anything off is refused with
    the reason, and nothing of the change is saved."""
    url = f"/api/tasks/{ledger.task.pk}/"
    office = client_for("office")
    lead = {"unit": personas.units["lead"].pk, "role": "lead"}
    refusals = [
        ({"units": [lead]}, "units", "石家庄市工业和信息化局"),
        ({"areas": []}, "areas", "长安区"),
        (
            {"milestones": [{"id": ledger.december.pk, "due": "2019-12-31"}]},
            "milestones",
            "2019-06-30",
        ),
        ({"indicators": []}, "indicators", "压减水泥产能"),
        ({"number": "26"}, "number", "编号"),
        # the June milestone has an extension request: its date is fixed
        (
            {
                "milestones": [
                    {"id": ledger.june.pk, "due": "2019-07-15"},
                    {"id": ledger.december.pk, "due": "2019-12-31"},
                ]
            },
            "milestones",
            "2019-06-30",
        ),
    ]
    for body, field, words in refusals:
        response = send(office, "patch", url, {**body, "heading": "改了标题"})
        assert response.status_code == 400, body
        errors = response.json()["errors"]
        assert list(errors) == [field], errors
        assert words in errors[field][0], errors
    ledger.task.refresh_from_db()
    assert ledger.task.heading == "压减过剩产能" and ledger.task.number == "24"
    assert ledger.task.task_units.count() == 2 and ledger.task.milestones.count() == 2
    assert not AuditEntry.objects.exists()


def test_a_task_with_requests_can_gain_units_and_change_roles_and_open_dates(
    client_for: Any, personas: Personas, ledger: Ledger, pin: Any
) -> None:
    url = f"/api/tasks/{ledger.task.pk}/"
    body = {
        "units": [
            {"unit": personas.units["lead"].pk, "role": "lead"},
            {"unit": personas.units["cooperating"].pk, "role": "responsible"},
            {"unit": personas.units["other_dept"].pk, "role": "cooperating"},
        ],
        "milestones": [
            {"id": ledger.june.pk, "due": "2019-06-30", "label": "上半年完成130万吨"},
            {"id": ledger.december.pk, "due": "2019-11-30", "label": "全年"},
            {"due": "2019-12-31", "label": "验收"},
        ],
    }
    response = send(client_for("office"), "patch", url, body)
    assert response.status_code == 200, response.content
    roles = {u["name"]: u["role"] for u in response.json()["units"]}
    assert roles == {
        "石家庄市生态环境局": "lead",
        "石家庄市工业和信息化局": "responsible",
        "石家庄市教育局": "cooperating",
    }
    assert [(ms["due"], ms["label"]) for ms in response.json()["milestones"]] == [
        ("2019-06-30", "上半年完成130万吨"),
        ("2019-11-30", "全年"),
        ("2019-12-31", "验收"),
    ]
    role_change = AuditEntry.objects.get(action="update", object_type="ledger.taskunit")
    assert role_change.before is not None and role_change.after is not None
    assert (role_change.before["role"], role_change.after["role"]) == ("cooperating", "responsible")
    moved = AuditEntry.objects.get(
        action="update", object_type="ledger.milestone", object_id=str(ledger.december.pk)
    )
    assert moved.before is not None and moved.after is not None
    assert (moved.before["due"], moved.after["due"]) == ("2019-12-31", "2019-11-30")
    # the department added as cooperating unit (市教育局) now sees the task
    assert client_for("other_dept").get(url).status_code == 200


def test_a_reported_indicator_keeps_its_name_and_a_met_milestone_its_date(
    client_for: Any, personas: Personas, ledger: Ledger, pin: Any
) -> None:
    task = ledger.hidden  # task 25: no request yet
    indicator = m.Indicator.objects.create(task=task, name="淘汰锅炉", unit="台", target=40)
    milestone = m.Milestone.objects.create(task=task, due=date(2019, 8, 31), label="完成")
    m.Report.objects.create(
        task=task,
        unit=personas.units["office"],
        week="2019-W35",
        filed_at=at("2019-08-30"),
        indicator_values={"淘汰锅炉": 40},
        milestones_met=["2019-08-31"],
        filed_by=personas.users["office"],
    )
    url = f"/api/tasks/{task.pk}/"
    office = client_for("office")
    renamed = send(office, "patch", url, {"indicators": [{"id": indicator.pk, "name": "锅炉"}]})
    assert renamed.status_code == 400
    assert "淘汰锅炉" in renamed.json()["errors"]["indicators"][0]
    moved = send(office, "patch", url, {"milestones": [{"id": milestone.pk, "due": "2019-09-30"}]})
    assert moved.status_code == 400
    assert "2019-08-31" in moved.json()["errors"]["milestones"][0]
    # its target and unit, and the milestone's label, can still be corrected
    fixed = send(
        office,
        "patch",
        url,
        {
            "indicators": [{"id": indicator.pk, "name": "淘汰锅炉", "unit": "台", "target": 45}],
            "milestones": [{"id": milestone.pk, "due": "2019-08-31", "label": "全部淘汰"}],
        },
    )
    assert fixed.status_code == 200, fixed.content
    indicator.refresh_from_db()
    milestone.refresh_from_db()
    assert (indicator.target, milestone.label) == (45.0, "全部淘汰")


def test_exchanging_two_milestone_dates_is_refused_whole(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    office = client_for("office")
    created = send(office, "post", "/api/tasks/", new_task_body(personas, ledger)).json()
    oct_id, nov_id = (ms["id"] for ms in created["milestones"])
    seq = last_seq()
    body = {
        "heading": "散煤清零（修订）",
        "milestones": [
            {"id": oct_id, "due": "2019-11-30"},
            {"id": nov_id, "due": "2019-10-31"},
        ],
    }
    response = send(office, "patch", f"/api/tasks/{created['id']}/", body)
    assert response.status_code == 400
    assert last_seq() == seq  # not even the heading
    assert m.Task.objects.get(pk=created["id"]).heading == "散煤清零"


@pytest.mark.parametrize("persona", NOT_OFFICE)
def test_only_the_office_creates_or_changes_tasks(
    client_for: Any, personas: Personas, ledger: Ledger, persona: str
) -> None:
    client = client_for(persona)
    created = send(client, "post", "/api/tasks/", new_task_body(personas, ledger))
    changed = send(client, "patch", f"/api/tasks/{ledger.task.pk}/", {"heading": "改"})
    assert (created.status_code, changed.status_code) == (403, 403)
    with pytest.raises(exceptions.PermissionDenied):
        editing.update_task(personas.users[persona], ledger.task, {"heading": "改"})
    assert m.Task.objects.count() == 2 and not AuditEntry.objects.exists()


def test_there_is_no_put_and_no_delete(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    for url in (f"/api/tasks/{ledger.task.pk}/", f"/api/plans/{ledger.plan.pk}/"):
        assert send(office, "put", url, {}).status_code == 405
        assert office.delete(url).status_code == 405
    target = ledger.plan.targets.get()
    assert office.delete(f"/api/targets/{target.pk}/").status_code == 405
