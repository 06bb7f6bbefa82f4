"""The emergency response in the browser: the office uploads the sample forecast of 石家庄市,
reads the orange decision, assesses and issues it, and sees the notification and transport lists;
the enterprise user of 合成企业0001 sees what its lines must do and its measures per level."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import Session, screenshot
from tests.web.conftest import Personas
from tests.web.emergency.conftest import ORANGE_FORECAST, Emergency, make_emergency, pin_clock


@pytest.fixture
def emergency(people: Personas, monkeypatch: pytest.MonkeyPatch) -> Emergency:
    """The small list as 石家庄市's; "now" is 2019-09-06 10:00 (the forecast is issued 07:00)."""
    pin_clock(monkeypatch)
    return make_emergency(people)


def test_office_issues_an_orange_warning_and_sees_whom_to_notify(
    log_in: Callable[[str], Session], emergency: Emergency
) -> None:
    from lantian.web.emergency.models import Warning

    session = log_in("office")
    page = session.page
    session.go("/emergency/")
    assert "预警研判发布" in page.locator("h1").inner_text()
    page.locator("#id_forecast_file").set_input_files(str(ORANGE_FORECAST))
    with page.expect_navigation():
        page.locator("#forecast-submit").click()
    decision = page.locator("#decision")
    assert "橙色预警 · II级" in decision.inner_text()
    assert "AQI>200 持续72小时且AQI>300 达24小时 → 橙色" in decision.inner_text()
    assert page.locator("#decision-trigger").inner_text() == (
        "2019-09-08, 2019-09-09, 2019-09-10, 2019-09-11"
    )
    assert page.locator("#forecast-days tr.trigger").count() == 4
    screenshot(page, "emergency-decision")
    with page.expect_navigation():
        page.locator("#assess-submit").click()
    assert page.locator("#warning-state").get_attribute("data-state") == "assessed"
    form = page.locator("#issue-form")
    assert form.locator("#id_issue_start").input_value() == "2019-09-08T00:00"
    form.locator("#id_issue_approver").press_sequentially("副指挥长 王某（合成）")
    with page.expect_navigation():
        form.locator("#issue-submit").click()
    assert page.locator("#warning-state").get_attribute("data-state") == "issued"
    assert "实际提前 38.0 小时，要求 24 小时" in page.locator("#lead-time").inner_text()
    notified = page.locator("#notification-table tbody tr[data-enterprise]")
    enterprises = {
        notified.nth(i).get_attribute("data-enterprise") for i in range(notified.count())
    }
    assert enterprises == {"E0001", "E0002", "E0003", "E0005", "E0018", "N01"}
    assert "合成数据 / synthetic" in page.locator("#notification-list").inner_text()
    assert page.locator("#transport-table tbody tr").count() == 3
    screenshot(page, "emergency-warning-office")
    warning = Warning.objects.get()
    assert (warning.state, warning.level) == ("issued", "orange")
    assert session.requests.foreign(session.base_url) == []


def test_enterprise_sees_its_measures_under_the_warning(
    log_in: Callable[[str], Session], emergency: Emergency
) -> None:
    from tests.web.emergency.conftest import issue_orange

    issue_orange(emergency)
    session = log_in("enterprise")
    page = session.page
    menu = page.locator("#site-menu").inner_text()
    assert "本企业应急措施" in menu
    session.go("/emergency/mine/")
    assert "合成企业0001" in page.locator("#enterprise-name").inner_text()
    notices = page.locator("#my-notices")
    assert "橙色预警" in notices.inner_text()
    rows = notices.locator("tr[data-line]")
    assert rows.count() == 3
    assert "停产+国四及以下重型货车停运" in rows.nth(0).inner_text()
    measures = page.locator("#my-measures #lines-table")
    kiln = measures.locator("#line-E0001-L2")
    assert "限产20%+国四及以下重型货车停运" in kiln.locator('td[data-level="orange"]').inner_text()
    screenshot(page, "emergency-enterprise")
    # another enterprise's page stays closed to it
    other = session.go(f"/emergency/enterprises/{emergency.enterprise.pk + 1}/")
    assert other is not None and other.status == 404


def test_the_public_reads_the_warning_in_force(
    open_page: Callable[[], Session], emergency: Emergency
) -> None:
    from tests.web.emergency.conftest import issue_orange

    warning = issue_orange(emergency)
    session = open_page()
    response: Any = session.go(f"/emergency/warnings/{warning.pk}/")
    assert response.status == 200
    text = session.page.locator("main").inner_text()
    assert "石家庄市" in text and "橙色预警" in text and "2019-09-08 00:00" in text
    assert "合成企业" not in text and "王某" not in text
    screenshot(session.page, "emergency-public")
