"""The command office's pages for plans, targets and tasks (``lantian.web.ledger.edit_pages``).

Same service as the API (``lantian.web.ledger.editing``): these tests check that the forms turn
their fields into its input, show its refusals next to the fields and keep what was typed.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest

from lantian.web.audit.models import AuditEntry
from lantian.web.ledger import models as m
from tests.web.conftest import PERSONAS, Personas
from tests.web.ledger.factories import Ledger

NOT_OFFICE = [p for p in PERSONAS if p not in ("office", "anon")]


def errors_of(page: Any, field: str) -> list[str]:
    found = re.search(rf'<ul class="errorlist" id="errors-{field}">(.*?)</ul>', page, re.S)
    assert found is not None, f"no errors shown for {field}"
    return [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", found.group(1))]


def task_form(personas: Personas, **fields: Any) -> dict[str, Any]:
    """The task form as a browser posts it: units by role, areas, rows of milestones and
    indicators (the last rows empty, as the form offers them)."""
    data: dict[str, Any] = {
        "number": "三.（二）.4",
        "heading": "工业企业深度治理",
        "text": "完成钢铁企业超低排放改造3家。",
        "category": "产业结构调整",
        "lead_units": [str(personas.units["lead"].pk)],
        "cooperating_units": [str(personas.units["cooperating"].pk)],
        "responsible_units": [],
        "areas": [str(personas.areas["changan"].pk)],
        "milestone-0-id": "",
        "milestone-0-due": "2019-10-31",
        "milestone-0-label": "完成2家",
        "milestone-1-id": "",
        "milestone-1-due": "",
        "milestone-1-label": "",
        "indicator-0-id": "",
        "indicator-0-name": "超低排放改造",
        "indicator-0-unit": "家",
        "indicator-0-target": "3",
        "indicator-1-id": "",
        "indicator-1-name": "",
        "indicator-1-unit": "",
        "indicator-1-target": "",
    }
    data.update(fields)
    return data


def form_of_task(task: m.Task) -> dict[str, Any]:
    """What the edit form of ``task`` posts when nothing is changed."""
    data: dict[str, Any] = {
        "number": task.number,
        "heading": task.heading,
        "text": task.text,
        "category": task.category,
        "areas": [str(a.pk) for a in task.areas.all()],
    }
    for role in ("lead", "cooperating", "responsible"):
        data[f"{role}_units"] = [str(tu.unit_id) for tu in task.task_units.filter(role=role)]
    for i, ms in enumerate(task.milestones.all()):
        data.update(
            {
                f"milestone-{i}-id": ms.pk,
                f"milestone-{i}-due": ms.due,
                f"milestone-{i}-label": ms.label,
            }
        )
    for i, ind in enumerate(task.indicators.all()):
        data.update(
            {
                f"indicator-{i}-id": ind.pk,
                f"indicator-{i}-name": ind.name,
                f"indicator-{i}-unit": ind.unit,
                f"indicator-{i}-target": "" if ind.target is None else ind.target,
            }
        )
    return data


# --- plans --------------------------------------------------------------------------------------


def test_plan_list_in_chinese_and_english(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    page = office.get("/ledger/plans/").content.decode()
    row = re.search(rf'<tr id="plan-{ledger.plan.pk}">(.*?)</tr>', page, re.S)
    assert row is not None
    cells = [
        html.unescape(re.sub("<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)
    ]
    assert cells == [
        "石家庄市2019年大气污染综合治理工作方案",
        "石政发〔2019〕3号",
        "2019-03-01",
        "2019-01-01 – 2019-12-31",
        "石家庄市",
        "1",  # targets
        "2",  # tasks
        "修改",
    ]
    assert "方案管理" in page and "新建方案" in page
    english = office.get("/ledger/plans/?lang=en").content.decode()
    assert "New plan" in english and "新建方案" not in english


def test_office_sets_up_a_plan_through_the_form(client_for: Any, personas: Personas) -> None:
    office = client_for("office")
    form = {
        "title": "长安区2020年秋冬季攻坚方案",
        "issuer": "长安区人民政府",
        "document_number": "长政办〔2020〕9号",
        "issued_on": "2020-09-30",
        "start": "2020-10-01",
        "end": "2021-03-31",
        "area": str(personas.areas["changan"].pk),
    }
    response = office.post("/ledger/plans/new/", form)
    assert response.status_code == 302
    plan = m.Plan.objects.get(document_number="长政办〔2020〕9号")
    assert response["Location"] == f"/ledger/plans/{plan.pk}/"
    assert (plan.start, plan.end, plan.area.name) == (
        date(2020, 10, 1),
        date(2021, 3, 31),
        "长安区",
    )
    page = office.get(response["Location"]).content.decode()
    assert "方案已保存" in page and 'id="link-task-new"' in page and 'id="link-target-new"' in page
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.actor_name) == (
        "create",
        "ledger.plan",
        "office",
    )


def test_a_refused_plan_form_shows_the_error_by_the_field_and_keeps_what_was_typed(
    client_for: Any, personas: Personas
) -> None:
    form = {
        "title": "颠倒的方案",
        "issuer": "长安区人民政府",
        "issued_on": "2020-09-30",
        "start": "2021-03-31",
        "end": "2020-10-01",
        "area": str(personas.areas["changan"].pk),
    }
    page = client_for("office").post("/ledger/plans/new/", form)
    assert page.status_code == 400
    text = page.content.decode()
    assert errors_of(text, "end") == ["方案截止日期早于起始日期。"]
    assert 'id="form-errors"' in text and 'value="颠倒的方案"' in text
    assert f'<option value="{personas.areas["changan"].pk}" selected>' in text
    assert not m.Plan.objects.exists() and not AuditEntry.objects.exists()


def test_office_edits_a_plan(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    form = office.get(f"/ledger/plans/{ledger.plan.pk}/edit/").content.decode()
    assert 'value="石政发〔2019〕3号"' in form and 'value="2019-03-01"' in form
    data = {
        "title": ledger.plan.title,
        "issuer": "石家庄市人民政府办公室",
        "document_number": ledger.plan.document_number,
        "issued_on": "2019-03-01",
        "start": "2019-01-01",
        "end": "2019-12-31",
        "area": str(ledger.plan.area_id),
    }
    assert office.post(f"/ledger/plans/{ledger.plan.pk}/edit/", data).status_code == 302
    ledger.plan.refresh_from_db()
    assert ledger.plan.issuer == "石家庄市人民政府办公室"
    entry = AuditEntry.objects.get()
    assert entry.before is not None and entry.before["issuer"] == "石家庄市人民政府"


# --- targets ------------------------------------------------------------------------------------


def test_office_adds_and_corrects_a_target_through_the_form(
    client_for: Any, ledger: Ledger
) -> None:
    office = client_for("office")
    url = f"/ledger/plans/{ledger.plan.pk}/targets/new/"
    form = {
        "metric": "good_ratio",
        "area_name": "石家庄",
        "period": "2019",
        "op": ">=",
        "bound": "44.7",
        "baseline": "",
        "label": "优良天数比率 ≥ 44.7%",
    }
    assert office.post(url, form).status_code == 302
    target = ledger.plan.targets.get(metric="good_ratio")
    assert (target.op, target.bound, target.change, target.baseline) == (">=", 44.7, False, None)
    plan_page = office.get(f"/ledger/plans/{ledger.plan.pk}/").content.decode()
    assert f'id="target-{target.pk}"' in plan_page and "优良天数比例 [%]" in plan_page
    edit = office.post(f"/ledger/targets/{target.pk}/edit/", {**form, "bound": "46"})
    assert edit.status_code == 302 and edit["Location"] == f"/ledger/plans/{ledger.plan.pk}/"
    target.refresh_from_db()
    assert target.bound == 46.0


def test_a_bad_period_is_shown_by_its_field(client_for: Any, ledger: Ledger) -> None:
    form = {"metric": "pm25", "area_name": "石家庄", "period": "2019年", "op": "<=", "bound": "60"}
    page = client_for("office").post(f"/ledger/plans/{ledger.plan.pk}/targets/new/", form)
    assert page.status_code == 400
    (message,) = errors_of(page.content.decode(), "period")
    assert "无法识别的时段" in message and "2019年" in message
    assert ledger.plan.targets.count() == 1


# --- tasks --------------------------------------------------------------------------------------


def test_office_adds_a_task_through_the_form(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    office = client_for("office")
    form = office.get(f"/ledger/plans/{ledger.plan.pk}/tasks/new/").content.decode()
    assert 'id="id_lead_units"' in form and "石家庄市教育局" in form  # the unit directory
    assert "\u3000长安区" in form and "\u3000\u3000建北街道" in form  # the area tree
    response = office.post(f"/ledger/plans/{ledger.plan.pk}/tasks/new/", task_form(personas))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"/ledger/plans/{ledger.plan.pk}/"
    task = ledger.plan.tasks.get(number="三.（二）.4")
    assert {(tu.unit.name, tu.role) for tu in task.task_units.all()} == {
        ("石家庄市生态环境局", "lead"),
        ("石家庄市工业和信息化局", "cooperating"),
    }
    assert [a.name for a in task.areas.all()] == ["长安区"]
    assert [(ms.due, ms.label) for ms in task.milestones.all()] == [(date(2019, 10, 31), "完成2家")]
    assert [(i.name, i.unit, i.target) for i in task.indicators.all()] == [
        ("超低排放改造", "家", 3.0)
    ]
    plan_page = office.get(response["Location"]).content.decode()
    assert "任务 三.（二）.4 已保存" in plan_page and f'id="task-{task.pk}"' in plan_page


def test_a_refused_task_form_keeps_what_was_typed_and_saves_nothing(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    form = task_form(
        personas,
        number="24",
        lead_units=[],
        responsible_units=[],
        **{"indicator-1-name": "", "indicator-1-target": "三家", "milestone-1-due": "2019-11-31"},
    )
    page = client_for("office").post(f"/ledger/plans/{ledger.plan.pk}/tasks/new/", form)
    assert page.status_code == 400
    text = page.content.decode()
    assert errors_of(text, "milestones") == [
        "第 2 行: 完成时限: 日期格式错误。请从这些格式中选择：YYYY-MM-DD。"
    ]
    assert len(errors_of(text, "indicators")) == 2  # row 2: no name; target not a number
    assert 'value="三家"' in text and 'value="工业企业深度治理"' in text
    assert f'<option value="{personas.units["cooperating"].pk}" selected>' in text
    assert ledger.plan.tasks.count() == 2 and not AuditEntry.objects.exists()


def test_the_numbering_and_the_units_are_checked_on_the_form(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    form = task_form(personas, number="24", lead_units=[])
    page = client_for("office").post(f"/ledger/plans/{ledger.plan.pk}/tasks/new/", form)
    assert page.status_code == 400
    text = page.content.decode()
    assert errors_of(text, "number") == ["该方案已有编号为 24 的任务。"]
    assert errors_of(text, "units") == ["任务至少需要一个牵头单位或责任单位。"]


def test_edit_form_of_a_task_with_requests_says_what_cannot_be_taken_off(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    office = client_for("office")
    url = f"/ledger/tasks/{ledger.task.pk}/edit/"
    form = office.get(url).content.decode()
    assert 'id="task-active-note"' in form and "-remove" not in form
    assert 'value="2019-06-30"' in form and 'value="压减水泥产能"' in form
    data = form_of_task(ledger.task)
    data["cooperating_units"] = []
    page = office.post(url, data)
    assert page.status_code == 400
    (message,) = errors_of(page.content.decode(), "units")
    assert "不能移除单位（石家庄市工业和信息化局）" in message
    assert ledger.task.task_units.count() == 2 and not AuditEntry.objects.exists()
    # unchanged, the same form saves and records nothing
    assert office.post(url, form_of_task(ledger.task)).status_code == 302
    assert not AuditEntry.objects.exists()


def test_a_milestone_is_taken_off_a_new_task_and_the_history_shows_it(
    client_for: Any, personas: Personas, ledger: Ledger
) -> None:
    office = client_for("office")
    fields = {"milestone-1-due": "2019-12-31", "milestone-1-label": "全部完成"}
    office.post(f"/ledger/plans/{ledger.plan.pk}/tasks/new/", task_form(personas, **fields))
    task = ledger.plan.tasks.get(number="三.（二）.4")
    url = f"/ledger/tasks/{task.pk}/edit/"
    form = office.get(url).content.decode()
    assert 'id="id_milestone-1-remove"' in form and 'id="task-active-note"' not in form
    data = form_of_task(task)
    december = task.milestones.get(due=date(2019, 12, 31))
    assert data["milestone-1-id"] == december.pk
    data["milestone-1-remove"] = "on"
    assert office.post(url, data).status_code == 302
    assert [ms.due for ms in task.milestones.all()] == [date(2019, 10, 31)]
    history = office.get(url).content.decode()
    row = re.search(
        r'<tr id="history-\d+"><td>\d+</td><td>[^<]*</td><td>office</td><td>delete</td>'
        rf"<td>ledger.milestone {december.pk}</td>(.*?)</tr>",
        history,
        re.S,
    )
    assert row is not None and "全部完成" in html.unescape(row.group(1))


@pytest.mark.parametrize("persona", NOT_OFFICE)
def test_the_forms_refuse_everyone_but_the_office(
    client_for: Any, personas: Personas, ledger: Ledger, persona: str
) -> None:
    client = client_for(persona)
    target = ledger.plan.targets.get()
    for url in (
        "/ledger/plans/",
        "/ledger/plans/new/",
        f"/ledger/plans/{ledger.plan.pk}/",
        f"/ledger/plans/{ledger.plan.pk}/tasks/new/",
        f"/ledger/tasks/{ledger.task.pk}/edit/",
        f"/ledger/targets/{target.pk}/edit/",
    ):
        assert client.get(url).status_code == 403, url
    posted = client.post(f"/ledger/tasks/{ledger.task.pk}/edit/", form_of_task(ledger.task))
    assert posted.status_code == 403
    assert not AuditEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Any, ledger: Ledger) -> None:
    response = client.get(f"/ledger/tasks/{ledger.task.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_unknown_plan_or_task_is_404_for_the_office(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    assert office.get("/ledger/plans/999999/").status_code == 404
    assert office.get("/ledger/tasks/999999/edit/").status_code == 404
    assert office.get("/ledger/targets/999999/edit/").status_code == 404
