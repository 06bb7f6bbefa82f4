"""Every page and endpoint × every persona → the expected status (STYLE 10).

A new page or endpoint gets a row here; the row names the status for each persona, so each
denial is proved, not assumed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import PERSONAS, Personas
from tests.web.ledger.factories import make_ledger

OK_ALL = dict.fromkeys(PERSONAS, 200)
INTERNAL_ONLY = {
    "office": 200,
    "lead": 200,
    "cooperating": 200,
    "other_dept": 200,
    "area": 200,
    "inspector": 200,
    "enterprise": 403,
    "anon": 401,
}
LOGGED_IN_CREATE = {**dict.fromkeys(PERSONAS, 201), "anon": 401}
ADMIN = {**dict.fromkeys(PERSONAS, 302), "office": 200}
READ_ONLY = dict.fromkeys(PERSONAS, 405)
READ_ONLY_INTERNAL = {**dict.fromkeys(PERSONAS, 405), "enterprise": 403, "anon": 401}
#: The ledger (docs/ledger.md): office, departments and areas read it; inspector and enterprise
#: get 403, anonymous 401. A task a user may not see is 404 (its existence is not leaked).
LEDGER = {**dict.fromkeys(PERSONAS, 200), "inspector": 403, "enterprise": 403, "anon": 401}
LEDGER_TASK = {**LEDGER, "other_dept": 404}
LEDGER_READ_ONLY = {
    **LEDGER,
    **dict.fromkeys(("office", "lead", "cooperating", "other_dept", "area"), 405),
}
#: Filing on task 24 (empty body): only the lead unit gets past access, to the 400 of validation.
LEDGER_FILE = {**LEDGER_TASK, "office": 403, "lead": 400, "cooperating": 403, "area": 403}
#: Weekly reports: the area user (长安区, listed on task 24) reports for its area as well.
LEDGER_FILE_REPORT = {**LEDGER_FILE, "area": 400}
#: Deciding (empty body): only the office, to the 400 of validation.
LEDGER_DECIDE = {**dict.fromkeys(PERSONAS, 403), "office": 400, "anon": 401}

#: Ledger pages (docs/ledger.md, "Pages"): as the API, but anonymous visitors go to the login page.
LEDGER_PAGE = {**LEDGER, "anon": 302}
LEDGER_TASK_PAGE = {**LEDGER_PAGE, "other_dept": 404}
#: The units' forms on task 24: only the lead unit gets the form (a POST with an empty body: 400).
LEDGER_FORM_PAGE = {**LEDGER_TASK_PAGE, "office": 403, "cooperating": 403, "area": 403}
LEDGER_FORM_POST = {**LEDGER_FORM_PAGE, "lead": 400}
LEDGER_REPORT_PAGE = {**LEDGER_FORM_PAGE, "area": 200}
LEDGER_REPORT_POST = {**LEDGER_FORM_POST, "area": 400}
#: The office's queue; deciding with an empty body is refused on the form (400).
LEDGER_QUEUE_PAGE = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}
LEDGER_DECIDE_PAGE = {**LEDGER_QUEUE_PAGE, "office": 400}

#: Dispatch and notices (docs/ledger.md): the ledger's readers see the dispatch and their notices;
#: only the office generates; only the recipient (the lead unit, for the matrix's notice)
#: acknowledges: the office sees it but is refused (403), other readers do not see it (404).
NOTICE_GENERATE_PAGE = {**LEDGER_QUEUE_PAGE, "office": 302}
NOTICE_GENERATE_API = {**dict.fromkeys(PERSONAS, 403), "office": 201, "anon": 401}
NOTICE_ACK = {
    **LEDGER,
    "office": 403,
    "lead": 200,
    "cooperating": 404,
    "other_dept": 404,
    "area": 404,
}
NOTICE_ACK_PAGE = {**NOTICE_ACK, "lead": 302, "anon": 302}

#: Excel import and export of a plan's task breakdown table: the command office only.
EXCEL_OFFICE = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}

#: Setting up and correcting plans, targets and tasks (docs/ledger_editing.md): the command office
#: only; everyone else 403 before any object is looked up (so no 404 leaks a task), anonymous 401.
#: An empty POST is refused by validation (400); an empty PATCH changes nothing (200).
EDIT_CREATE = {**dict.fromkeys(PERSONAS, 403), "office": 400, "anon": 401}
EDIT_PATCH = {**EDIT_CREATE, "office": 200}
#: The office's pages for it: anonymous visitors go to the login page; an empty form is a 400.
EDIT_PAGE = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}
EDIT_FORM_POST = {**EDIT_PAGE, "office": 400}
#: Evidence download: whoever sees the report's task; anyone else 404, never 403 (no leak).
EVIDENCE = {
    **dict.fromkeys(PERSONAS, 404),
    **dict.fromkeys(("office", "lead", "cooperating", "area"), 200),
    "anon": 401,
}
EVIDENCE_PAGE = {**EVIDENCE, "anon": 302}


#: The emergency response (docs/access.md §Emergency, docs/emergency_platform.md). The office's
#: desk and its forms; an empty POST is refused by validation (400), assessing a forecast records
#: an assessment (302 to the warning); anonymous visitors go to the login page.
EM_OFFICE_PAGE = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}
EM_OFFICE_POST = {**EM_OFFICE_PAGE, "office": 400}
EM_ASSESS_POST = {**EM_OFFICE_PAGE, "office": 302}
#: A page that only takes POST: 405 once logged in.
EM_POST_ONLY = {**dict.fromkeys(PERSONAS, 405), "anon": 302}
#: Warnings in force are public information: everyone, anonymous included.
EM_OPEN = dict.fromkeys(PERSONAS, 200)
#: The response lists, draws and inspections: the office and inspectors.
EM_RESPOND_PAGE = {**EM_OFFICE_PAGE, "inspector": 200}
EM_RESPOND_POST = {**EM_OFFICE_POST, "inspector": 400}
#: The list check: the administration's roles (departments and areas: the summary only).
EM_LIST_PAGE = {**dict.fromkeys(PERSONAS, 200), "enterprise": 403, "anon": 302}
#: The enterprise directory: office and inspectors; an enterprise page: also its own enterprise,
#: another enterprise is 404 to it.
EM_DIRECTORY_PAGE = EM_RESPOND_PAGE
EM_ENTERPRISE_PAGE = {**EM_RESPOND_PAGE, "enterprise": 200}
EM_OTHER_ENTERPRISE_PAGE = {**EM_RESPOND_PAGE, "enterprise": 404}
#: The enterprise's own pages (a POST with an empty form: 400).
EM_MINE_PAGE = {**dict.fromkeys(PERSONAS, 403), "enterprise": 200, "anon": 302}
EM_MINE_POST = {**EM_MINE_PAGE, "enterprise": 400}
#: The API: as the pages, anonymous 401.
EM_API_OFFICE = {**EM_OFFICE_PAGE, "anon": 401}
EM_API_OFFICE_POST = {**EM_OFFICE_POST, "anon": 401}
EM_API_RESPOND = {**EM_RESPOND_PAGE, "anon": 401}
#: Warning notices to enterprises (docs/emergency_notices_receipt.md): the enterprise reads and
#: acknowledges its own (another's: 404); the office and inspectors read all but do not sign.
EM_NOTICE_ACK_PAGE = {**EM_MINE_PAGE, "enterprise": 302}
EM_NOTICE_ACK_PAGE_OTHER = {**EM_MINE_PAGE, "enterprise": 404}
EM_API_NOTICES = {**EM_API_RESPOND, "enterprise": 200}
EM_API_OTHER_NOTICE = {**EM_API_NOTICES, "enterprise": 404}
EM_API_NOTICE_ACK = {**dict.fromkeys(PERSONAS, 403), "enterprise": 200, "anon": 401}
EM_API_NOTICE_ACK_OTHER = {**EM_API_NOTICE_ACK, "enterprise": 404}
#: Verification (docs/emergency_verification.md): the office and inspectors read it.
#: Plan import (docs/plan_review.md): the command office's alone; an empty save or edit is 400
#: (the matrix's draft is the regional plan, whose area is not in the directory).
DRAFT_PAGE = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}
DRAFT_POST = {**DRAFT_PAGE, "office": 400}
DRAFT_DISCARD = {**DRAFT_PAGE, "office": 302}
DRAFT_API = {**DRAFT_PAGE, "anon": 401}
DRAFT_API_POST = {**DRAFT_API, "office": 400}
DRAFT_API_DELETE = {**DRAFT_API, "office": 405}
#: The staggered-production calendar (docs/emergency_calendar.md): every logged-in role reads it
#: as scoped (departments and areas the industry summary, an enterprise its own lines).
EM_CALENDAR_PAGE = {**dict.fromkeys(PERSONAS, 200), "anon": 302}
EM_API_CALENDAR = {**dict.fromkeys(PERSONAS, 200), "anon": 401}
EM_API_VERIFY_POST = {**dict.fromkeys(PERSONAS, 403), "office": 405, "inspector": 405, "anon": 401}
EM_API_RESPOND_POST = {**EM_RESPOND_POST, "anon": 401}
EM_API_LIST = {**EM_LIST_PAGE, "anon": 401}
EM_API_ENTERPRISES = {**EM_ENTERPRISE_PAGE, "anon": 401}
EM_API_OTHER_ENTERPRISE = {**EM_OTHER_ENTERPRISE_PAGE, "anon": 401}
#: Changes of the list: listed to the office and the enterprises (their own); an empty proposal
#: is refused by validation; only the office decides.
EM_API_CHANGES = {**dict.fromkeys(PERSONAS, 403), "office": 200, "enterprise": 200, "anon": 401}
EM_API_CHANGES_POST = {**EM_API_CHANGES, "office": 400, "enterprise": 400}
EM_API_DECIDE = {**EM_API_OFFICE_POST}
#: No warning is ever deleted.
EM_API_NO_DELETE = {**dict.fromkeys(PERSONAS, 405), "anon": 401}

#: (method, url template, expected status per persona). ``{area}`` / ``{unit}`` are filled in.
MATRIX: list[tuple[str, str, dict[str, int]]] = [
    ("get", "/", OK_ALL),
    ("get", "/login/", OK_ALL),
    ("post", "/logout/", dict.fromkeys(PERSONAS, 302)),
    ("get", "/api/me/", OK_ALL),
    ("get", "/api/areas/", OK_ALL),
    ("get", "/api/areas/{area}/", OK_ALL),
    ("put", "/api/areas/{area}/", READ_ONLY),
    ("get", "/api/units/", INTERNAL_ONLY),
    ("get", "/api/units/{unit}/", INTERNAL_ONLY),
    ("delete", "/api/units/{unit}/", READ_ONLY_INTERNAL),
    ("post", "/api/token/", LOGGED_IN_CREATE),
    ("get", "/api/schema/", OK_ALL),
    ("get", "/admin/", ADMIN),
    ("get", "/audit/", {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}),
    ("get", "/api/audit/", {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 401}),
    ("post", "/api/audit/", {**dict.fromkeys(PERSONAS, 403), "office": 405, "anon": 401}),
    ("get", "/api/plans/", LEDGER),
    ("get", "/api/plans/{plan}/", LEDGER),
    ("delete", "/api/plans/{plan}/", LEDGER_READ_ONLY),
    ("post", "/api/plans/", EDIT_CREATE),
    ("patch", "/api/plans/{plan}/", EDIT_PATCH),
    ("put", "/api/plans/{plan}/", LEDGER_READ_ONLY),
    ("post", "/api/plans/{plan}/targets/", EDIT_CREATE),
    ("patch", "/api/targets/{target}/", EDIT_PATCH),
    ("get", "/api/targets/{target}/", {**EDIT_CREATE, "office": 405}),
    ("get", "/api/tasks/", LEDGER),
    ("post", "/api/tasks/", EDIT_CREATE),
    ("get", "/api/tasks/{task}/", LEDGER_TASK),
    ("patch", "/api/tasks/{task}/", EDIT_PATCH),
    ("put", "/api/tasks/{task}/", LEDGER_READ_ONLY),
    ("delete", "/api/tasks/{task}/", LEDGER_READ_ONLY),
    ("get", "/api/evidence/{evidence}/", EVIDENCE),
    ("post", "/api/tasks/{task}/reports/", LEDGER_FILE_REPORT),
    ("post", "/api/tasks/{task}/extension-requests/", LEDGER_FILE),
    ("post", "/api/tasks/{task}/closing-requests/", LEDGER_FILE),
    ("get", "/api/tasks/{task}/closing-requests/", {**LEDGER_READ_ONLY, "other_dept": 405}),
    ("post", "/api/requests/closing/{closing}/decide/", LEDGER_DECIDE),
    ("post", "/api/requests/extension/{extension}/decide/", LEDGER_DECIDE),
    ("get", "/ledger/", LEDGER_PAGE),
    ("get", "/ledger/tasks/{task}/", LEDGER_TASK_PAGE),
    ("get", "/ledger/tasks/{task}/report/", LEDGER_REPORT_PAGE),
    ("post", "/ledger/tasks/{task}/report/", LEDGER_REPORT_POST),
    ("get", "/ledger/tasks/{task}/closing/", LEDGER_FORM_PAGE),
    ("post", "/ledger/tasks/{task}/closing/", LEDGER_FORM_POST),
    ("get", "/ledger/tasks/{task}/extension/", LEDGER_FORM_PAGE),
    ("post", "/ledger/tasks/{task}/extension/", LEDGER_FORM_POST),
    ("get", "/ledger/requests/", LEDGER_QUEUE_PAGE),
    ("post", "/ledger/requests/closing/{closing}/decide/", LEDGER_DECIDE_PAGE),
    ("post", "/ledger/requests/extension/{extension}/decide/", LEDGER_DECIDE_PAGE),
    (
        "get",
        "/ledger/requests/closing/{closing}/decide/",
        {**dict.fromkeys(PERSONAS, 405), "anon": 302},
    ),
    ("get", "/ledger/dispatch/", LEDGER_PAGE),
    ("post", "/ledger/dispatch/notices/", NOTICE_GENERATE_PAGE),
    ("get", "/ledger/dispatch/notices/", {**dict.fromkeys(PERSONAS, 405), "anon": 302}),
    ("get", "/ledger/notices/", LEDGER_PAGE),
    ("post", "/ledger/notices/{notice}/acknowledge/", NOTICE_ACK_PAGE),
    ("get", "/api/dispatch/", LEDGER),
    ("get", "/api/notices/", LEDGER),
    ("post", "/api/notices/generate/", NOTICE_GENERATE_API),
    ("post", "/api/notices/{notice}/acknowledge/", NOTICE_ACK),
    ("get", "/dashboard/", {**INTERNAL_ONLY, "anon": 302}),
    ("get", "/api/dashboard/", INTERNAL_ONLY),
    ("post", "/api/dashboard/", READ_ONLY_INTERNAL),
    ("get", "/ledger/plans/{plan}/export.xlsx", EXCEL_OFFICE),
    ("get", "/ledger/plans/{plan}/import/", EXCEL_OFFICE),
    ("post", "/ledger/plans/{plan}/import/", {**EXCEL_OFFICE, "office": 400}),
    ("get", "/ledger/plans/", EDIT_PAGE),
    ("get", "/ledger/plans/new/", EDIT_PAGE),
    ("post", "/ledger/plans/new/", EDIT_FORM_POST),
    ("get", "/ledger/plans/{plan}/", EDIT_PAGE),
    ("get", "/ledger/plans/{plan}/edit/", EDIT_PAGE),
    ("post", "/ledger/plans/{plan}/edit/", EDIT_FORM_POST),
    ("get", "/ledger/plans/{plan}/targets/new/", EDIT_PAGE),
    ("post", "/ledger/plans/{plan}/targets/new/", EDIT_FORM_POST),
    ("get", "/ledger/targets/{target}/edit/", EDIT_PAGE),
    ("post", "/ledger/targets/{target}/edit/", EDIT_FORM_POST),
    ("get", "/ledger/plans/{plan}/tasks/new/", EDIT_PAGE),
    ("post", "/ledger/plans/{plan}/tasks/new/", EDIT_FORM_POST),
    ("get", "/ledger/tasks/{task}/edit/", EDIT_PAGE),
    ("post", "/ledger/tasks/{task}/edit/", EDIT_FORM_POST),
    ("get", "/ledger/evidence/{evidence}/", EVIDENCE_PAGE),
    ("post", "/ledger/evidence/{evidence}/", {**dict.fromkeys(PERSONAS, 405), "anon": 302}),
    # plan import (drafts)
    ("get", "/drafts/", DRAFT_PAGE),
    ("post", "/drafts/", DRAFT_POST),
    ("get", "/drafts/{draft}/", DRAFT_PAGE),
    ("post", "/drafts/{draft}/", DRAFT_POST),
    ("post", "/drafts/{draft}/save/", DRAFT_POST),
    ("post", "/drafts/{draft}/discard/", DRAFT_DISCARD),
    ("get", "/api/drafts/", DRAFT_API),
    ("post", "/api/drafts/", DRAFT_API_POST),
    ("get", "/api/drafts/{draft}/", DRAFT_API),
    ("put", "/api/drafts/{draft}/", DRAFT_API_POST),
    ("post", "/api/drafts/{draft}/save/", DRAFT_API_POST),
    ("post", "/api/drafts/{draft}/discard/", DRAFT_API),
    ("delete", "/api/drafts/{draft}/", DRAFT_API_DELETE),
    # the emergency response: pages
    ("get", "/emergency/", EM_OFFICE_PAGE),
    ("post", "/emergency/forecasts/", EM_OFFICE_POST),
    ("get", "/emergency/forecasts/", EM_POST_ONLY),
    ("get", "/emergency/forecasts/{em_forecast}/", EM_OFFICE_PAGE),
    ("post", "/emergency/forecasts/{em_forecast}/assess/", EM_ASSESS_POST),
    ("post", "/emergency/rules/", EM_OFFICE_POST),
    ("post", "/emergency/directives/", EM_OFFICE_POST),
    ("get", "/emergency/warnings/", EM_OPEN),
    ("get", "/emergency/warnings/{em_warning}/", EM_OPEN),
    ("post", "/emergency/warnings/{em_warning}/events/", EM_OFFICE_POST),
    ("post", "/emergency/warnings/{em_warning}/draw/", EM_RESPOND_POST),
    ("post", "/emergency/warnings/{em_warning}/inspections/", EM_RESPOND_POST),
    ("get", "/emergency/warnings/{em_warning}/notice.docx", EM_RESPOND_PAGE),
    ("get", "/emergency/inspections/", EM_RESPOND_PAGE),
    ("get", "/emergency/list/", EM_LIST_PAGE),
    ("post", "/emergency/list/import/", EM_OFFICE_POST),
    ("get", "/emergency/enterprises/", EM_DIRECTORY_PAGE),
    ("get", "/emergency/enterprises/{em_enterprise}/", EM_ENTERPRISE_PAGE),
    ("get", "/emergency/enterprises/{em_other}/", EM_OTHER_ENTERPRISE_PAGE),
    ("get", "/emergency/changes/", EM_OFFICE_PAGE),
    ("post", "/emergency/changes/measure/{em_measure_change}/decide/", EM_OFFICE_POST),
    ("post", "/emergency/changes/staggered/{em_stagger_change}/decide/", EM_OFFICE_POST),
    ("get", "/emergency/changes/measure/{em_measure_change}/decide/", EM_POST_ONLY),
    ("get", "/emergency/mine/", EM_MINE_PAGE),
    ("get", "/emergency/mine/measure/", EM_MINE_PAGE),
    ("post", "/emergency/mine/measure/", EM_MINE_POST),
    ("get", "/emergency/mine/staggered/", EM_MINE_PAGE),
    ("post", "/emergency/mine/staggered/", EM_MINE_POST),
    ("get", "/emergency/mine/notices/", EM_MINE_PAGE),
    ("post", "/emergency/mine/notices/{em_notice}/acknowledge/", EM_NOTICE_ACK_PAGE),
    ("post", "/emergency/mine/notices/{em_other_notice}/acknowledge/", EM_NOTICE_ACK_PAGE_OTHER),
    ("get", "/emergency/verification/", EM_RESPOND_PAGE),
    ("get", "/emergency/calendar/", EM_CALENDAR_PAGE),
    ("get", "/emergency/calendar/calendar.xlsx", EM_CALENDAR_PAGE),
    ("post", "/emergency/calendar/import/", EM_OFFICE_POST),
    ("get", "/emergency/calendar/import/", EM_POST_ONLY),
    ("post", "/emergency/verification/", EM_POST_ONLY),
    # the emergency response: API
    ("get", "/api/emergency/forecasts/", EM_API_OFFICE),
    ("post", "/api/emergency/forecasts/", EM_API_OFFICE_POST),
    ("get", "/api/emergency/forecasts/{em_forecast}/", EM_API_OFFICE),
    ("get", "/api/emergency/forecasts/{em_forecast}/decision/", EM_API_OFFICE),
    ("get", "/api/emergency/rules/", EM_API_OFFICE),
    ("post", "/api/emergency/rules/", EM_API_OFFICE_POST),
    ("get", "/api/emergency/directives/", EM_API_OFFICE),
    ("post", "/api/emergency/directives/", EM_API_OFFICE_POST),
    ("get", "/api/emergency/warnings/", EM_OPEN),
    ("get", "/api/emergency/notices/", EM_API_NOTICES),
    ("get", "/api/emergency/notices/{em_notice}/", EM_API_NOTICES),
    ("get", "/api/emergency/notices/{em_other_notice}/", EM_API_OTHER_NOTICE),
    ("post", "/api/emergency/notices/{em_notice}/acknowledge/", EM_API_NOTICE_ACK),
    ("post", "/api/emergency/notices/{em_other_notice}/acknowledge/", EM_API_NOTICE_ACK_OTHER),
    ("get", "/api/emergency/verification/", EM_API_RESPOND),
    ("get", "/api/emergency/calendar/", EM_API_CALENDAR),
    ("post", "/api/emergency/calendar/import/", EM_API_OFFICE_POST),
    ("post", "/api/emergency/verification/", EM_API_VERIFY_POST),
    ("post", "/api/emergency/warnings/", EM_API_OFFICE_POST),
    ("get", "/api/emergency/warnings/{em_warning}/", EM_OPEN),
    ("delete", "/api/emergency/warnings/{em_warning}/", EM_API_NO_DELETE),
    ("post", "/api/emergency/warnings/{em_warning}/events/", EM_API_OFFICE_POST),
    ("get", "/api/emergency/warnings/{em_warning}/notification-list/", EM_API_RESPOND),
    ("get", "/api/emergency/warnings/{em_warning}/transport-list/", EM_API_RESPOND),
    ("get", "/api/emergency/warnings/{em_warning}/draws/", EM_API_RESPOND),
    ("post", "/api/emergency/warnings/{em_warning}/draws/", EM_API_RESPOND_POST),
    ("get", "/api/emergency/warnings/{em_warning}/inspections/", EM_API_RESPOND),
    ("post", "/api/emergency/warnings/{em_warning}/inspections/", EM_API_RESPOND_POST),
    ("get", "/api/emergency/warnings/{em_warning}/notice/", EM_API_RESPOND),
    ("post", "/api/emergency/list/import/", EM_API_OFFICE_POST),
    ("get", "/api/emergency/list/check/", EM_API_LIST),
    ("get", "/api/emergency/enterprises/", EM_API_ENTERPRISES),
    ("get", "/api/emergency/enterprises/{em_enterprise}/", EM_API_ENTERPRISES),
    ("get", "/api/emergency/enterprises/{em_other}/", EM_API_OTHER_ENTERPRISE),
    ("get", "/api/emergency/measure-changes/", EM_API_CHANGES),
    ("post", "/api/emergency/measure-changes/", EM_API_CHANGES_POST),
    ("post", "/api/emergency/measure-changes/{em_measure_change}/decide/", EM_API_DECIDE),
    ("get", "/api/emergency/stagger-changes/", EM_API_CHANGES),
    ("post", "/api/emergency/stagger-changes/", EM_API_CHANGES_POST),
    ("post", "/api/emergency/stagger-changes/{em_stagger_change}/decide/", EM_API_DECIDE),
]

#: Ids the URL templates need, for resolving them without a database.
RESOLVE_IDS = {
    "draft": 1,
    "area": 1,
    "unit": 1,
    "plan": 1,
    "task": 1,
    "closing": 1,
    "extension": 1,
    "notice": 1,
    "target": 1,
    "evidence": 1,
    **dict.fromkeys(
        (
            "em_forecast",
            "em_warning",
            "em_enterprise",
            "em_other",
            "em_measure_change",
            "em_stagger_change",
            "em_notice",
            "em_other_notice",
        ),
        1,
    ),
}


def url_ids(personas: Personas, url: str = "") -> dict[str, int]:
    """The objects the matrix URLs name: 长安区, 市生态环境局, the ledger's task 24 and its
    target, a notice to 市生态环境局, and a PDF filed as evidence on task 24 by 市生态环境局;
    for an emergency URL (``/emergency/``) also the emergency objects of
    ``tests.web.emergency.conftest.matrix_objects`` (made only where a URL names them)."""
    from lantian.web.ledger.models import Evidence, Notice, Report
    from tests.web.ledger.factories import at
    from tests.web.ledger.files import PDF, upload

    ledger = make_ledger(personas)
    notice = Notice.objects.create(
        week="2019-W36",
        rule="overdue_tasks",
        recipient=personas.units["lead"].name,
        unit=personas.units["lead"],
        reason_zh="有1项任务逾期未完成",
        reason_en="1 overdue task",
        refs=["24"],
        created_by=personas.users["office"],
        created_at=at("2019-09-06"),
    )
    report = Report.objects.create(
        task=ledger.task,
        unit=personas.units["lead"],
        week="2019-W36",
        filed_at=at("2019-09-06"),
        filed_by=personas.users["lead"],
    )
    evidence = Evidence.objects.create(
        report=report, file=upload("验收.pdf", PDF), name="验收.pdf", size=len(PDF)
    )
    return {
        "area": personas.areas["changan"].pk,
        "unit": personas.units["lead"].pk,
        "plan": ledger.plan.pk,
        "task": ledger.task.pk,
        "closing": ledger.closing.pk,
        "extension": ledger.extension.pk,
        "notice": notice.pk,
        "target": ledger.plan.targets.get().pk,
        "evidence": evidence.pk,
        **(emergency_ids(personas) if "/emergency/" in url else {}),
        **(draft_ids(personas) if "/drafts/" in url else {}),
    }


def draft_ids(personas: Personas) -> dict[str, int]:
    from lantian.web.drafts.services import create_draft
    from tests.web.drafts.conftest import JINGJINJI, upload

    return {"draft": create_draft(personas.users["office"], upload(JINGJINJI)).pk}


def emergency_ids(personas: Personas) -> dict[str, int]:
    from tests.web.emergency.conftest import matrix_objects

    return matrix_objects(personas)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    """Evidence files of the matrix go to a throw-away directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


CASES = [
    pytest.param(method, url, persona, expected[persona], id=f"{method} {url} as {persona}")
    for method, url, expected in MATRIX
    for persona in PERSONAS
]


@pytest.mark.parametrize(("method", "url", "persona", "expected"), CASES)
def test_status_matrix(
    client_for: Any, personas: Personas, method: str, url: str, persona: str, expected: int
) -> None:
    client = client_for(persona)
    path = url.format(**url_ids(personas, url))
    response = getattr(client, method)(path)
    assert response.status_code == expected, response.content[:300]
    if path.startswith("/api/") and expected >= 400:
        body = response.json()
        assert body["ok"] is False
        assert body["status"] == expected
        assert isinstance(body["error"], str) and body["error"]


def test_matrix_covers_every_url_pattern() -> None:
    """A route added without a matrix row fails here."""
    from django.urls import URLPattern, URLResolver, get_resolver, resolve

    def walk(patterns: list[Any], prefix: str) -> set[str]:
        routes: set[str] = set()
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern) not in ("admin/", "i18n/"):  # Django's own
                    routes |= walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and "format" not in str(entry.pattern):
                routes.add(entry.name or prefix + str(entry.pattern))
        return routes

    covered = {resolve(url.format(**RESOLVE_IDS)).url_name for _m, url, _e in MATRIX}
    assert walk(get_resolver().url_patterns, "") - covered == set()
