"""Excel export and import of a plan's tasks (``lantian.web.ledger.excel_views``).

Until ``lantian.web.urls`` includes ``excel_urls``, this module is its own URL conf: the
platform's URLs plus the Excel ones (``settings.ROOT_URLCONF`` points here).
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from typing import Any

import pytest
from django.urls import include, path
from openpyxl import load_workbook

from lantian.planning.excel import COLUMNS
from lantian.web.audit.models import AuditEntry
from lantian.web.ledger import models as m
from tests.web.ledger.factories import Ledger

urlpatterns = [
    path("ledger/", include("lantian.web.ledger.excel_urls")),
    path("", include("lantian.web.urls")),
]


@pytest.fixture(autouse=True)
def excel_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = __name__


def export(client: Any, ledger: Ledger) -> bytes:
    response = client.get(f"/ledger/plans/{ledger.plan.pk}/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return bytes(response.content)


def edited(data: bytes, **cells: Any) -> bytes:
    """``data`` with ``cells`` (``I3="2019-02-30"``) overwritten."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["任务分解表"]
    for where, value in cells.items():
        ws[where] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client: Any, ledger: Ledger, data: bytes) -> Any:
    sheet = io.BytesIO(data)
    sheet.name = "tasks.xlsx"
    return client.post(f"/ledger/plans/{ledger.plan.pk}/import/", {"sheet": sheet})


def confirm(client: Any, ledger: Ledger, data: bytes) -> Any:
    payload = {"data": base64.b64encode(data).decode(), "confirm": "1"}
    return client.post(f"/ledger/plans/{ledger.plan.pk}/import/", payload)


def listed(page: Any, list_id: str) -> list[str]:
    found = re.search(rf'<ul id="{list_id}">(.*?)</ul>', page.content.decode(), re.S)
    assert found is not None, list_id
    return [html.unescape(li).strip() for li in re.findall(r"<li>(.*?)</li>", found.group(1))]


# --- export -------------------------------------------------------------------------------------


def test_export_writes_the_plans_tasks_under_the_templates_header(
    client_for: Any, ledger: Ledger
) -> None:
    ws = load_workbook(io.BytesIO(export(client_for("office"), ledger)))["任务分解表"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0] == "石家庄市2019年大气污染综合治理工作方案"
    assert rows[1] == list(COLUMNS)
    assert rows[2] == [
        "24",
        "压减过剩产能",
        "压减水泥产能260万吨。",
        None,
        "石家庄市生态环境局",
        "石家庄市工业和信息化局",
        None,
        "长安区",
        "2019-06-30 上半年\n2019-12-31 全年",
        "压减水泥产能",
        "万吨",
        260,
    ]
    assert rows[3][:3] == ["25", None, "淘汰燃煤锅炉。"]
    assert rows[3][4] == "石家庄市大气污染防治攻坚行动指挥部办公室"
    assert len(rows) == 4


# --- import -------------------------------------------------------------------------------------


def test_export_then_import_shows_no_change_and_applies_nothing(
    client_for: Any, ledger: Ledger
) -> None:
    office = client_for("office")
    data = export(office, ledger)
    entries = AuditEntry.objects.count()
    page = upload(office, ledger, data)
    assert page.status_code == 200
    assert 'id="import-no-change"' in page.content.decode()
    assert listed(page, "import-unchanged") == ["24 压减过剩产能", "25"]
    assert listed(page, "import-new") == listed(page, "import-changed") == ["—"]
    assert 'id="import-confirm"' not in page.content.decode()
    assert confirm(office, ledger, data).status_code == 200  # nothing to confirm
    assert AuditEntry.objects.count() == entries


def test_a_bad_date_is_refused_with_sheet_cell_and_reason(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    data = edited(export(office, ledger), I3="2019-02-30", C4="改过的内容")
    page = upload(office, ledger, data)
    assert page.status_code == 400
    error = re.search(r'id="import-error"[^>]*>(.*?)</p>', page.content.decode(), re.S)
    assert error is not None
    assert html.unescape(error.group(1)) == (
        "任务分解表!I3: 不存在的日期 / no such date: '2019-02-30'"
    )
    assert m.Task.objects.get(pk=ledger.hidden.pk).text == "淘汰燃煤锅炉。"  # nothing saved


def test_a_file_that_is_no_workbook_is_refused(client_for: Any, ledger: Ledger) -> None:
    page = upload(client_for("office"), ledger, b"not a zip file")
    assert page.status_code == 400
    assert "not an Excel workbook" in page.content.decode() or "不是" in page.content.decode()


def test_a_changed_lead_unit_is_previewed_then_applied_and_audited(
    client_for: Any, personas: Any, ledger: Ledger
) -> None:
    office = client_for("office")
    data = edited(export(office, ledger), E3="石家庄市教育局")
    page = upload(office, ledger, data)
    assert listed(page, "import-changed") == ["24 压减过剩产能"]
    assert listed(page, "import-unchanged") == ["25"]
    assert 'id="import-confirm"' in page.content.decode()
    assert m.TaskUnit.objects.get(task=ledger.task, role="lead").unit == personas.units["lead"]

    response = confirm(office, ledger, data)
    assert response.status_code == 302
    lead = m.TaskUnit.objects.get(task=ledger.task, role="lead")
    assert lead.unit == personas.units["other_dept"]
    entry = AuditEntry.objects.get(object_type="ledger.taskunit", object_id=str(lead.pk))
    assert entry.action == "update" and entry.actor_name == "office"
    assert json.loads(entry.before_json)["unit_id"] == personas.units["lead"].pk
    assert json.loads(entry.after_json)["unit_id"] == personas.units["other_dept"].pk
    # the task row itself did not change, so it got no entry; a second import finds no change
    assert not AuditEntry.objects.filter(object_type="ledger.task").exists()
    assert 'id="import-no-change"' in upload(office, ledger, data).content.decode()


def test_a_new_task_is_created_and_a_missing_one_is_listed_not_removed(
    client_for: Any, ledger: Ledger
) -> None:
    office = client_for("office")
    wb = load_workbook(io.BytesIO(export(office, ledger)))
    ws = wb["任务分解表"]
    ws.delete_rows(4)  # task 25 left out
    for col, value in zip(
        "ACEHIJKL",
        ("26", "新增任务。", "市工信局", "桥西区", "2019-10-31", "清洁取暖", "户", 1000),
        strict=True,
    ):
        ws[f"{col}4"] = value
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()

    page = upload(office, ledger, data)
    assert listed(page, "import-new") == ["26"]
    assert listed(page, "import-missing") == ["25"]
    assert confirm(office, ledger, data).status_code == 302
    new = m.Task.objects.get(plan=ledger.plan, number="26")
    assert new.text == "新增任务。"
    assert [(tu.unit.short_name, tu.role) for tu in new.task_units.all()] == [("市工信局", "lead")]
    assert [a.name for a in new.areas.all()] == ["桥西区"]
    assert [(ms.due.isoformat(), ms.label) for ms in new.milestones.all()] == [("2019-10-31", "")]
    assert [(i.name, i.unit, i.target) for i in new.indicators.all()] == [("清洁取暖", "户", 1000)]
    assert m.Task.objects.filter(pk=ledger.hidden.pk).exists()
    created = AuditEntry.objects.filter(action="create", object_id=str(new.pk))
    assert created.filter(object_type="ledger.task").count() == 1


def test_unknown_unit_names_are_flagged_and_block_the_import(
    client_for: Any, ledger: Ledger
) -> None:
    office = client_for("office")
    data = edited(export(office, ledger), F3="石家庄市不存在局")
    page = upload(office, ledger, data)
    body = page.content.decode()
    assert '<li class="unknown-unit">石家庄市不存在局</li>' in body
    assert 'id="import-confirm"' not in body
    entries = AuditEntry.objects.count()
    assert confirm(office, ledger, data).status_code == 200
    assert AuditEntry.objects.count() == entries


# --- who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["lead", "cooperating", "other_dept", "area", "inspector", "enterprise"]
)
@pytest.mark.parametrize("url", ["export.xlsx", "import/"])
def test_only_the_command_office_imports_and_exports(
    client_for: Any, ledger: Ledger, persona: str, url: str
) -> None:
    client = client_for(persona)
    assert client.get(f"/ledger/plans/{ledger.plan.pk}/{url}").status_code == 403
    if url == "import/":
        data = edited(export(client_for("office"), ledger), E3="石家庄市教育局")
        client = client_for(persona)
        entries = AuditEntry.objects.count()
        assert confirm(client, ledger, data).status_code == 403
        assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("url", ["export.xlsx", "import/"])
def test_anonymous_visitors_are_sent_to_login(client: Any, ledger: Ledger, url: str) -> None:
    response = client.get(f"/ledger/plans/{ledger.plan.pk}/{url}")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_an_unknown_plan_is_404_for_the_office(client_for: Any, ledger: Ledger) -> None:
    assert client_for("office").get("/ledger/plans/999999/import/").status_code == 404
