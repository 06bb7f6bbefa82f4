"""The ledger in the browser: a lead department files a weekly report with evidence, the office
approves a closing request, an unrelated department cannot see the task."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import Session, screenshot
from tests.web.conftest import Personas
from tests.web.ledger.factories import Ledger, at, make_ledger
from tests.web.ledger.files import PDF


@pytest.fixture
def ledger(
    people: Personas, settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> Ledger:
    """The small ledger; "now" is pinned to 2019-09-06 10:00 (ISO week 2019-W36)."""
    from lantian.web.ledger import clock

    monkeypatch.setattr(clock, "now", lambda: at("2019-09-06"))
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_ledger(people)


def tasks_seen(session: Session) -> list[str]:
    response = session.go("/api/tasks/?format=json")
    assert response.status == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return sorted(str(row["number"]) for row in rows)


def test_lead_department_sees_its_task(log_in: Callable[[str], Session], ledger: Ledger) -> None:
    session = log_in("lead")
    assert tasks_seen(session) == ["24"]
    response = session.go(f"/api/tasks/{ledger.task.pk}/?format=json")
    assert response.status == 200
    assert response.json()["heading"] == "压减过剩产能"


def test_unrelated_department_cannot_see_the_task(
    log_in: Callable[[str], Session], ledger: Ledger
) -> None:
    session = log_in("other_dept")
    assert tasks_seen(session) == []
    response = session.go(f"/api/tasks/{ledger.task.pk}/?format=json")
    assert response.status == 404
    assert "压减" not in response.text()
    # the office's own task is hidden from it as well
    assert session.go(f"/api/tasks/{ledger.hidden.pk}/?format=json").status == 404


def test_lead_department_files_a_weekly_report_with_evidence(
    log_in: Callable[[str], Session], ledger: Ledger
) -> None:
    from lantian.web.ledger import models as m

    session = log_in("lead")
    page = session.page
    session.go("/ledger/")
    assert "压减过剩产能" in page.locator("main").inner_text()
    screenshot(page, "ledger-department")
    session.go(f"/ledger/tasks/{ledger.task.pk}/report/")
    form = page.locator("#report-form")
    assert form.locator("#id_week").input_value() == "2019-W36"
    form.locator("#id_text").press_sequentially("本周关停水泥生产线1条。")
    form.locator(f"#id_indicator-{ledger.task.indicators.get().pk}").press_sequentially("120")
    form.locator(f"#id_milestone-{ledger.june.pk}").check()
    form.locator("#id_evidence").set_input_files(
        files=[{"name": "关停通知.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        form.locator("#report-submit").click()
    assert page.url == f"{session.base_url}/ledger/tasks/{ledger.task.pk}/"
    report = m.Report.objects.get(task=ledger.task)
    assert report.week == "2019-W36"
    assert report.text == "本周关停水泥生产线1条。"
    assert report.unit.short_name == "市生态环境局"
    assert report.milestones_met == ["2019-06-30"]
    assert [(e.name, e.size) for e in report.evidence.all()] == [("关停通知.pdf", len(PDF))]
    assert "关停通知.pdf" in page.locator("main").inner_text()


def test_office_approves_a_closing_request(
    log_in: Callable[[str], Session], ledger: Ledger
) -> None:
    from lantian.web.ledger import models as m

    session = log_in("office")
    page = session.page
    session.go("/ledger/requests/")
    row = page.locator(f"#request-closing-{ledger.closing.pk}")
    assert "已完成" in row.inner_text()
    with page.expect_navigation():
        row.locator(f"#approve-closing-{ledger.closing.pk}").click()
    assert page.url == f"{session.base_url}/ledger/requests/"
    assert page.locator(f"#request-closing-{ledger.closing.pk}").count() == 0
    ledger.closing.refresh_from_db()
    assert ledger.closing.decision == m.Decision.APPROVED


def test_unrelated_department_sees_no_task_on_the_ledger_pages(
    log_in: Callable[[str], Session], ledger: Ledger
) -> None:
    session = log_in("other_dept")
    session.go("/ledger/")
    assert "压减过剩产能" not in session.page.locator("main").inner_text()
    assert session.go(f"/ledger/tasks/{ledger.task.pk}/").status == 404
    assert session.go(f"/ledger/tasks/{ledger.task.pk}/report/").status == 404
