"""The ledger's pages: the list, the task page, the units' forms and the office's queue."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from lantian.web.ledger import models as m
from lantian.web.ledger.evidence import MAX_EVIDENCE_BYTES
from tests.web.ledger.factories import Ledger
from tests.web.ledger.files import PDF, upload


def status_cell(html: str, task_pk: int) -> str:
    """The ``data-status`` of the task's row on the ledger page."""
    row = re.search(rf'<tr id="task-{task_pk}">.*?</tr>', html, re.S)
    assert row is not None, f"task {task_pk} is not on the page"
    found = re.search(r'data-status="(\w+)"', row.group(0))
    assert found is not None
    return found.group(1)


def file_report(client: Any, ledger: Ledger, **fields: Any) -> Any:
    indicator = ledger.task.indicators.get()
    data = {"week": "2019-W36", "text": "本周压减水泥产能30万吨", f"indicator-{indicator.pk}": "30"}
    data.update(fields)
    return client.post(f"/ledger/tasks/{ledger.task.pk}/report/", data)


# --- the ledger ---------------------------------------------------------------------------------


def test_ledger_lists_the_visible_tasks_with_status_in_chinese(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    page = client_for("lead").get("/ledger/?on=2019-06-25")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'id="task-{ledger.task.pk}"' in html
    assert f'id="task-{ledger.hidden.pk}"' not in html  # led by the office's unit only
    # no report yet, June deadline 5 days away → at risk (yellow) on 2019-06-25
    assert status_cell(html, ledger.task.pk) == "at_risk"
    assert "临期" in html and "status-yellow" in html
    assert "2019-06-30" in html and "市生态环境局" in html and "市工信局" in html


def test_ledger_in_english(client_for: Any, ledger: Ledger, pin: Any) -> None:
    html = client_for("office").get("/ledger/?on=2019-07-01&lang=en").content.decode()
    assert status_cell(html, ledger.task.pk) == "overdue"
    assert ">overdue<" in html and "逾期" not in html


def test_ledger_filters(client_for: Any, personas: Any, ledger: Ledger, pin: Any) -> None:
    office = client_for("office")
    both = office.get("/ledger/?on=2019-06-25").content.decode()
    assert f'id="task-{ledger.task.pk}"' in both and f'id="task-{ledger.hidden.pk}"' in both

    def shown(query: str) -> set[int]:
        html = office.get(f"/ledger/?on=2019-06-25&{query}").content.decode()
        return {int(pk) for pk in re.findall(r'<tr id="task-(\d+)">', html)}

    assert shown(f"unit={personas.units['cooperating'].pk}") == {ledger.task.pk}
    assert shown(f"area={personas.areas['qiaoxi'].pk}") == {ledger.hidden.pk}
    assert shown("status=at_risk") == {ledger.task.pk}
    assert shown("status=not_started") == {ledger.hidden.pk}  # no milestone, no report
    assert shown("deadline_before=2019-06-30") == {ledger.task.pk}
    assert shown("deadline_before=2019-06-29") == set()


def test_ledger_refuses_a_bad_filter(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    for query in ("on=2019-13-01", "status=fine", "unit=x", "deadline_before=soon"):
        page = office.get(f"/ledger/?{query}")
        assert page.status_code == 400, query
        assert 'id="ledger-error"' in page.content.decode()


def test_ledger_refuses_ids_int_cannot_read_or_the_database_cannot_hold(
    client_for: Any, ledger: Ledger
) -> None:
    """``²`` is a digit to ``str.isdigit()`` but not to ``int()`` (it was a 500 on the page and
    the API); 10**23 is beyond the databases' 64 bits. Both are 400s naming the parameter."""
    office = client_for("office")
    for name in ("unit", "area"):
        for value in ("%C2%B2", "99999999999999999999999"):
            page = office.get(f"/ledger/?{name}={value}")
            assert page.status_code == 400, (name, value)
            assert f"{name}：应为编号。" in page.content.decode()
            r = office.get(f"/api/tasks/?{name}={value}")
            assert r.status_code == 400, (name, value)
            assert r.json()["errors"] == {name: ["应为编号。"]}


# --- the task page ------------------------------------------------------------------------------


def test_task_page_shows_the_task(client_for: Any, ledger: Ledger, pin: Any) -> None:
    html = client_for("area").get(f"/ledger/tasks/{ledger.task.pk}/").content.decode()
    assert "压减水泥产能260万吨。" in html
    assert "上半年" in html and "全年" in html and "260" in html
    assert f'id="closing-{ledger.closing.pk}"' in html and "已完成" in html
    assert f'id="extension-{ledger.extension.pk}"' in html and "2019-07-31" in html
    # 长安区 is listed: it files its own report, but no extension or closing request
    assert 'id="link-report"' in html
    assert 'id="link-extension"' not in html and 'id="link-closing"' not in html
    lead_html = client_for("lead").get(f"/ledger/tasks/{ledger.task.pk}/").content.decode()
    assert all(f'id="link-{x}"' in lead_html for x in ("report", "extension", "closing"))
    hidden = client_for("office").get(f"/ledger/tasks/{ledger.hidden.pk}/").content.decode()
    assert 'id="task-actions"' not in hidden  # the office files nothing


def test_unrelated_department_gets_404_on_the_task_page(client_for: Any, ledger: Ledger) -> None:
    page = client_for("other_dept").get(f"/ledger/tasks/{ledger.task.pk}/")
    assert page.status_code == 404
    assert "压减" not in page.content.decode()


def test_history_is_for_the_office(client_for: Any, ledger: Ledger, pin: Any) -> None:
    lead = client_for("lead")
    assert file_report(lead, ledger).status_code == 302
    html = lead.get(f"/ledger/tasks/{ledger.task.pk}/").content.decode()
    assert "ledger.report" not in html  # the audit log is the office's (audit scopes)
    office_html = client_for("office").get(f"/ledger/tasks/{ledger.task.pk}/").content.decode()
    report = ledger.task.reports.get()
    assert f"ledger.report {report.pk}" in office_html
    assert ">lead<" in office_html and ">create<" in office_html


# --- the report form ----------------------------------------------------------------------------


def test_lead_files_a_report_with_evidence_through_the_form(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    lead = client_for("lead")
    form = lead.get(f"/ledger/tasks/{ledger.task.pk}/report/").content.decode()
    assert 'id="report-form"' in form and 'name="csrfmiddlewaretoken"' in form
    assert 'value="2019-W36"' in form  # this week, with "today" pinned to 2019-09-06
    response = file_report(
        lead,
        ledger,
        milestones_met="2019-06-30",
        evidence=upload("压减验收.pdf", PDF),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/ledger/tasks/{ledger.task.pk}/"
    report = ledger.task.reports.get()
    assert (report.week, report.unit.name, report.complete) == (
        "2019-W36",
        "石家庄市生态环境局",
        False,
    )
    assert report.indicator_values == {"压减水泥产能": 30.0}
    assert report.milestones_met == ["2019-06-30"]
    html = lead.get(response["Location"]).content.decode()
    assert "压减验收.pdf" in html and "本周压减水泥产能30万吨" in html
    assert 'id="messages"' in html and "报告已提交" in html


def test_an_area_files_its_report_through_the_form(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    area = client_for("area")
    form = area.get(f"/ledger/tasks/{ledger.task.pk}/report/").content.decode()
    assert re.search(r'id="report-reporter">报送主体: <strong>长安区</strong>', form)
    response = file_report(
        area, ledger, text="辖区内两条生产线已停产", evidence=upload("停产.pdf", PDF)
    )
    assert response.status_code == 302
    report = ledger.task.reports.get()
    assert (report.area.name, report.unit, report.indicator_values) == (
        "长安区",
        None,
        {"压减水泥产能": 30.0},
    )
    html = area.get(response["Location"]).content.decode()
    row = re.search(rf'<tr id="report-{report.pk}">.*?</tr>', html, re.S)
    assert row is not None
    assert '<td class="reporter">长安区</td>' in row.group(0)
    assert "停产.pdf" in row.group(0) and "辖区内两条生产线已停产" in row.group(0)
    assert "报送单位或区域" in html  # the column names both kinds of reporter


def test_an_oversized_file_is_refused_on_the_form(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    big = PDF + b"0" * (MAX_EVIDENCE_BYTES + 1 - len(PDF))
    page = file_report(client_for("lead"), ledger, evidence=upload("big.pdf", big))
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="errors-evidence"' in html and "big.pdf" in html
    assert 'value="2019-W36"' in html  # what was typed stays in the form
    assert not m.Report.objects.exists() and not m.Evidence.objects.exists()


def test_a_bad_indicator_value_is_refused_on_the_form(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    indicator = ledger.task.indicators.get()
    page = file_report(client_for("lead"), ledger, **{f"indicator-{indicator.pk}": "三十"})
    assert page.status_code == 400
    assert 'id="errors-indicator_values"' in page.content.decode()
    assert not m.Report.objects.exists()


def test_cooperating_department_gets_no_report_form(client_for: Any, ledger: Ledger) -> None:
    coop = client_for("cooperating")
    assert 'id="link-report"' not in coop.get(f"/ledger/tasks/{ledger.task.pk}/").content.decode()
    assert coop.get(f"/ledger/tasks/{ledger.task.pk}/report/").status_code == 403
    assert file_report(coop, ledger).status_code == 403
    assert not m.Report.objects.exists()


def test_forms_need_the_csrf_token(personas: Any, ledger: Ledger) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.users["lead"])
    page = client.post(f"/ledger/tasks/{ledger.task.pk}/closing/", {"reason": "已完成"})
    assert page.status_code == 403
    assert m.ClosingRequest.objects.count() == 1  # the ledger's own


# --- requests -----------------------------------------------------------------------------------


def test_extension_form_files_and_refuses_an_earlier_date(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    lead = client_for("lead")
    url = f"/ledger/tasks/{ledger.task.pk}/extension/"
    early = lead.post(
        url, {"milestone": ledger.december.pk, "new_due": "2019-11-30", "reason": "x"}
    )
    assert early.status_code == 400
    assert 'id="errors-new_due"' in early.content.decode()
    later = {"milestone": ledger.december.pk, "new_due": "2020-01-31", "reason": "设备未到"}
    assert lead.post(url, later).status_code == 302
    assert ledger.task.extensionrequests.filter(new_due="2020-01-31").count() == 1


def test_office_approves_a_closing_request_from_the_queue(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    lead = client_for("lead")
    pin("2019-12-20")
    assert file_report(lead, ledger, week="2019-W51", complete="on").status_code == 302
    assert (
        lead.post(
            f"/ledger/tasks/{ledger.task.pk}/closing/", {"reason": "已完成压减260万吨"}
        ).status_code
        == 302
    )
    closing = ledger.task.closingrequests.get(reason="已完成压减260万吨")

    pin("2019-12-27")
    office = client_for("office")
    queue = office.get("/ledger/requests/").content.decode()
    assert f'id="approve-closing-{closing.pk}"' in queue
    assert f'id="approve-extension-{ledger.extension.pk}"' in queue
    response = office.post(
        f"/ledger/requests/closing/{closing.pk}/decide/", {"decision": "approved"}
    )
    assert response.status_code == 302 and response["Location"] == "/ledger/requests/"
    after = office.get("/ledger/requests/").content.decode()
    assert f'id="approve-closing-{closing.pk}"' not in after and "决定已记录" in after
    closing.refresh_from_db()
    assert closing.decision == "approved" and closing.decided_by.username == "office"

    assert status_cell(office.get("/ledger/?on=2019-12-26").content.decode(), ledger.task.pk) == (
        "done"
    )
    assert status_cell(office.get("/ledger/?on=2019-12-28").content.decode(), ledger.task.pk) == (
        "closed"
    )


def test_send_back_without_a_reason_is_refused(client_for: Any, ledger: Ledger, pin: Any) -> None:
    office = client_for("office")
    url = f"/ledger/requests/closing/{ledger.closing.pk}/decide/"
    page = office.post(url, {"decision": "sent_back", "reason": "  "})
    assert page.status_code == 400
    assert 'id="decide-error"' in page.content.decode()
    ledger.closing.refresh_from_db()
    assert ledger.closing.decision == ""
    sent = office.post(url, {"decision": "sent_back", "reason": "缺少验收材料"})
    assert sent.status_code == 302
    ledger.closing.refresh_from_db()
    assert (ledger.closing.decision, ledger.closing.decision_reason) == (
        "sent_back",
        "缺少验收材料",
    )
    again = office.post(url, {"decision": "approved"})
    assert again.status_code == 400  # decided once


def test_deciding_an_unknown_request_is_404(client_for: Any, ledger: Ledger) -> None:
    office = client_for("office")
    assert (
        office.post("/ledger/requests/other/1/decide/", {"decision": "approved"}).status_code == 404
    )
    assert (
        office.post("/ledger/requests/closing/999/decide/", {"decision": "approved"}).status_code
        == 404
    )


def test_ledger_shows_each_reporter_its_report_of_the_week(
    client_for: Any, ledger: Ledger, pin: Any, media: Any
) -> None:
    def mine(user: str) -> tuple[Any, int]:
        page = client_for(user).get("/ledger/?on=2019-09-06")
        assert page.context["report_week"] == "2019-W36"
        rows = {r["task"].pk: r["week_report"] for r in page.context["rows"]}
        return rows.get(ledger.task.pk, "not shown"), page.context["reports_due"]

    # the lead unit and the responsible area 长安区 each owe the week's report; the cooperating
    # unit and the office report nothing on the task
    assert mine("lead") == ("due", 1)
    assert mine("area") == ("due", 1)
    assert mine("cooperating") == (None, 0)
    assert mine("office") == (None, 0)
    lead = client_for("lead")
    assert file_report(lead, ledger, week="2019-W35").status_code == 302  # last week's
    assert mine("lead") == ("due", 1)
    assert file_report(lead, ledger).status_code == 302  # 2019-W36
    assert mine("lead") == ("filed", 0)
    assert mine("area") == ("due", 1)  # the lead unit's report does not stand for the area's
    html = client_for("lead").get("/ledger/?on=2019-09-06").content.decode()
    assert "本周（2019-W36）还有 0 项进展待报送" in html and 'data-week-report="filed"' in html
    html = client_for("area").get("/ledger/?on=2019-09-06").content.decode()
    assert "本周（2019-W36）还有 1 项进展待报送" in html
    assert f'href="/ledger/tasks/{ledger.task.pk}/report/">报送<' in html
    assert "周报" not in client_for("office").get("/ledger/?on=2019-09-06").content.decode()
