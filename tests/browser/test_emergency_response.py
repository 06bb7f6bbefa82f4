"""The emergency response after the warning is issued, in the browser: the enterprise acknowledges
its notice (签收) and the office sees who has; the office imports a staggered-production calendar
and sees where it meets the warning; the office reads the warning's verification page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Session, screenshot
from tests.web.conftest import Personas
from tests.web.emergency.conftest import Emergency, issue_orange, make_emergency, pin_clock


@pytest.fixture
def emergency(people: Personas, monkeypatch: pytest.MonkeyPatch) -> Emergency:
    """The small list as 石家庄市's; "now" is 2019-09-06 10:00; the orange warning is issued with
    measures from 2019-09-08 00:00 (the six enterprises of the list that act are notified)."""
    pin_clock(monkeypatch)
    em = make_emergency(people)
    issue_orange(em)
    return em


def test_the_enterprise_acknowledges_and_the_office_sees_it(
    log_in: Callable[[str], Session], emergency: Emergency
) -> None:
    from lantian.web.emergency.models import NoticeReceipt, Warning

    enterprise = log_in("enterprise")
    page = enterprise.page
    enterprise.go("/emergency/mine/notices/")
    assert page.locator("#unacknowledged-count").inner_text() == "1"
    notice = page.locator("section[data-kind='issue']")
    assert notice.get_attribute("data-acknowledged") == "no"
    text = notice.inner_text()
    assert "橙色预警" in text and "石灰窑2#" in text and "限产20%+国四及以下重型货车停运" in text
    with page.expect_navigation():
        notice.locator("button[type=submit]").click()
    assert page.locator("section[data-kind='issue']").get_attribute("data-acknowledged") == "yes"
    assert page.locator("#unacknowledged-count").inner_text() == "0"
    screenshot(page, "emergency-notices-enterprise")
    receipt = NoticeReceipt.objects.get(enterprise__list_id="E0001")
    assert receipt.acknowledged_by is not None
    assert receipt.acknowledged_by.get_username() == "enterprise"

    office = log_in("office")
    office.go(f"/emergency/warnings/{Warning.objects.get().pk}/")
    receipts = office.page.locator("#notification-table td.receipt")
    states = [receipts.nth(i).get_attribute("data-receipt") for i in range(receipts.count())]
    assert sorted(states) == ["acknowledged"] + ["pending"] * 5
    assert enterprise.requests.foreign(enterprise.base_url) == []


def test_the_office_imports_a_calendar_and_sees_it_meet_the_warning(
    log_in: Callable[[str], Session], emergency: Emergency, tmp_path: Path
) -> None:
    # E0001-L2 (lime kiln, B, own orange measure 限产20%) stopped by the calendar over the
    # warning's days; E0012's heating boilers (保障类) limited: a conflict the office must see
    calendar = tmp_path / "错峰日历.csv"
    calendar.write_text(
        "企业编号,生产线编号,开始日期,结束日期,措施,依据\n"
        "E0001,E0001-L2,2019-09-01,2019-09-30,停产,合成示例\n"
        "E0012,E0012-L1,2019-09-01,2019-09-30,限产30%,合成示例\n",
        encoding="utf-8",
    )
    session = log_in("office")
    page = session.page
    session.go("/emergency/calendar/?start=2019-09-01&end=2019-09-30")
    page.locator("#id_calendar_file").set_input_files(str(calendar))
    with page.expect_navigation():
        page.locator("#calendar-import-submit").click()
    session.go("/emergency/calendar/?start=2019-09-01&end=2019-09-30")
    conflicts = page.locator("#conflicts-table").inner_text()
    assert "E0012-L1" in conflicts  # a 保障类 line staggered
    meetings = page.locator("#meeting-counts").inner_text()
    # 2019-09-08 … 09-12 (expected end 09-12 00:00): the kiln is stopped by the calendar on the
    # five warning days while the warning only limits it
    assert meetings == (
        "错峰生产线处于预警期间的线·日数：4。其中执行错峰措施 0，执行预警措施 0，两者兼有 4"
        "（生产措施取其一、运输措施取另一方，或二者相同）；有 4 个线·日错峰已停产而预警仅列限产。"
    )  # 09-08 … 09-11: production from the calendar (stop), trucks from the warning (国四 ban)
    assert page.locator("#calendar-grid").is_visible()
    screenshot(page, "emergency-calendar-office")
    assert session.requests.foreign(session.base_url) == []


def test_the_verification_page_says_what_cannot_be_verified_yet(
    log_in: Callable[[str], Session], emergency: Emergency
) -> None:
    session = log_in("office")
    response = session.go("/emergency/verification/")
    assert response is not None
    assert response.status == 200
    text = session.page.locator("main").inner_text()
    # no measurement store in this test: the page says so instead of failing
    assert "尚无测量数据库" in text
    # the default range is the 90 days up to today: the warning's measures start after it
    assert "石家庄市 · 2019-06-09 – 2019-09-06" in text
    assert "此期间无生效预警" in text
