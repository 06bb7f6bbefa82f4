"""An area files its week's report in the browser, on the demo: the area user ``changan``
(长安区) logs in with its published password, opens measure 四.34 (各县市区政府负责, so 长安区 is
one of its responsible areas), files a weekly report with an evidence file, and the report
appears on the task page under 长安区."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.conftest import Session, screenshot
from tests.web.ledger.factories import at
from tests.web.ledger.files import PDF


@pytest.fixture
def demo(
    transactional_db: None,
    browser: Any,
    settings: Any,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The demo, committed for the live server; "now" pinned to Friday 2019-09-06 10:00."""
    from lantian.web.ledger import clock

    settings.DEVELOPMENT = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=StringIO())
    monkeypatch.setattr(clock, "now", lambda: at("2019-09-06"))


def log_in_demo(open_page: Callable[[], Session], username: str, password: str) -> Session:
    """A page on which the demo user typed its name and password into the login form."""
    session = open_page()
    session.go("/login/")
    page = session.page
    page.get_by_label("用户名").press_sequentially(username)
    page.get_by_label("密码").press_sequentially(password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    return session


def test_the_area_user_files_a_weekly_report_with_evidence(
    demo: None, open_page: Callable[[], Session]
) -> None:
    from lantian.web.ledger import models as m

    session = log_in_demo(open_page, "changan", "lantian-demo-changan")
    page = session.page
    task = m.Task.objects.get(number="四.34")
    session.go("/ledger/")
    # the week's to-do: 长安区 owes the 2019-W36 report on its 7 measures
    assert page.locator("#reports-due").inner_text() == "本周（2019-W36）还有 7 项进展待报送"
    with page.expect_navigation():
        page.locator(f"#task-{task.pk} td.code a").click()
    assert page.locator("#task-title").inner_text() == "四.34 强化监测监控"
    # 长安区 files reports here, but extension and closing requests are the units'
    assert page.locator("#link-extension").count() == page.locator("#link-closing").count() == 0
    with page.expect_navigation():
        page.locator("#link-report").click()
    assert page.locator("#report-reporter").inner_text() == "报送主体: 长安区"
    form = page.locator("#report-form")
    assert form.locator("#id_week").input_value() == "2019-W36"
    form.locator("#id_text").press_sequentially("本周巡查辖区国控站点周边12次，整改问题3处。")
    form.locator("#id_evidence").set_input_files(
        files=[{"name": "站点巡查记录.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        form.locator("#report-submit").click()
    assert page.url == f"{session.base_url}/ledger/tasks/{task.pk}/"
    assert "报告已提交" in page.locator("#messages").inner_text()

    report = m.Report.objects.get(task=task)
    assert (report.area.name if report.area else None, report.unit) == ("长安区", None)
    assert (report.week, report.filed_by.username) == ("2019-W36", "changan")
    assert [(e.name, e.size) for e in report.evidence.all()] == [("站点巡查记录.pdf", len(PDF))]
    row = page.locator(f"#report-{report.pk}")
    assert row.locator("td.reporter").inner_text() == "长安区"
    assert "本周巡查辖区国控站点周边12次" in row.inner_text()
    link = row.locator("a.evidence")
    assert link.inner_text() == "站点巡查记录.pdf"
    (evidence,) = report.evidence.all()
    assert link.get_attribute("href") == f"/ledger/evidence/{evidence.pk}/"
    download = page.request.get(f"{session.base_url}/ledger/evidence/{evidence.pk}/")
    assert download.status == 200 and download.body() == PDF  # the file as filed
    assert page.locator("#task-status").get_attribute("data-status") == "on_track"
    screenshot(page, "area_report")
    assert session.requests.foreign(session.base_url) == []
