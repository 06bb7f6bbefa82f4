"""What officials see on the platform's pages (all but the dashboard), in real Chromium, on the
demo ledger (``lantian web load_demo``, "now" pinned to Friday 2019-09-06) with the dashboard
tests' measurement store (石家庄 2019 Q1 station hours and the published city daily values).

Three demo users walk through their pages and each page is saved as a full-page screenshot in
``tests/artifacts/screens/`` (looked at by a person; ``docs/img/ledger.png`` and
``docs/img/task.png`` are two of them). What is asserted on every page is what a person would see
first: the page's title, the menu entry of the page marked (and only that one), the site's own
stylesheet and Chinese font, no horizontal scroll bar at 1280 px (nor at 700 px where tried),
and the status badges painted in the ledger's colours (``STATUS_TEXT`` → ``STATUS_HEX``, the
colours the dashboard paints too).

On 2019-09-06 the demo's 36 measures are 30 not started and 6 overdue (``OVERDUE``: five with
the deadline 2019-06-30, 三.（二）.4 with 2019-08-31); 市生态环境局 (``eco``) is named on 26 of
them, all six overdue ones among them; 长安区 (``changan``) is responsible for 7.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lantian.planning.status import Status
from lantian.web.dashboard.ledger_panels import STATUS_HEX
from tests.browser.conftest import ARTIFACTS, Session
from tests.browser.test_area_report import demo, log_in_demo  # noqa: F401 (a fixture, reused)
from tests.web.dashboard.conftest import sample_data_dir  # noqa: F401 (a fixture, reused)
from tests.web.ledger.files import PDF

SCREENS = ARTIFACTS / "screens"
#: The overdue measures of the demo on 2019-09-06 (deadline passed, no report claiming it).
OVERDUE = [
    "三.（二）.4",
    "三.（三）.9",
    "三.（五）.23",
    "三.（五）.24",
    "三.（五）.26",
    "三.（六）.30",
]
#: The menu's yellow underline of the current page (site.css).
CURRENT_MARK = "rgb(242, 195, 0)"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def demo_store(demo: None, settings: Any, sample_data_dir: Path) -> Path:  # noqa: F811
    """The demo with the dashboard tests' measurement store (for the dispatch's air sections)."""
    settings.LANTIAN_DATA_DIR = sample_data_dir
    return sample_data_dir


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def shot(page: Any, name: str) -> Path:
    """A full-page screenshot ``tests/artifacts/screens/<name>.png``."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a page, not a blank
    return path


def marked_menu_entries(page: Any) -> list[str]:
    """The menu entries painted as the current page (the yellow underline)."""
    return page.evaluate(
        """mark => [...document.querySelectorAll('#site-menu a')]
            .filter(a => getComputedStyle(a).borderBottomColor === mark)
            .map(a => a.textContent.trim())""",
        CURRENT_MARK,
    )


def no_horizontal_scroll(page: Any) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def check_page(session: Session, title: str, menu: str | None) -> int:
    """The page's title, its menu entry marked, the site stylesheet and font, no sideways scroll;
    every status badge in the ledger's colour (their number)."""
    page = session.page
    assert page.locator("main h1").first.inner_text().strip().startswith(title)
    assert marked_menu_entries(page) == ([menu] if menu else [])
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Noto Sans CJK SC"'), font
    assert any(u.endswith("/static/web/site.css") for u in session.requests.urls)
    assert session.requests.foreign(session.base_url) == []
    assert no_horizontal_scroll(page), title
    badges = page.evaluate(
        """() => [...document.querySelectorAll('.status[data-status]')].map(
            b => [b.dataset.status, getComputedStyle(b).backgroundColor])"""
    )
    for status, colour in badges:
        assert colour == rgb(STATUS_HEX[Status(status).colour]), (status, colour)
    return len(badges)


def ledger_rows(page: Any) -> dict[str, str]:
    """Numbering → status (``data-status``) of the ledger table's rows."""
    rows = page.locator("#ledger-table tbody tr[id^='task-']")
    return {
        row.locator("td").first.inner_text().strip(): row.locator(".status").get_attribute(
            "data-status"
        )
        for row in rows.all()
    }


def eco_reports_and_asks_for_more_time(open_page: Callable[[], Session]) -> Session:
    """``eco`` files a week's report on 三.（五）.24 and asks to move its June milestone: first to a
    date before it (refused, the message under the date field), then to 2019-10-31."""
    from lantian.web.ledger import models as m

    task = m.Task.objects.get(number="三.（五）.24")
    session = log_in_demo(open_page, "eco", "lantian-demo-eco")
    page = session.page
    session.go(f"/ledger/tasks/{task.pk}/")
    with page.expect_navigation():
        page.locator("#link-report").click()
    check_page(session, "周进展报告", "任务台账")
    assert page.locator("#report-reporter").inner_text() == "报送主体: 市生态环境局"
    shot(page, "report-form-eco")
    form = page.locator("#report-form")
    form.locator("#id_text").fill(
        "本周完成12家重点企业LDAR检测，3家涉VOCs企业完成治理设施升级改造。"
    )
    form.locator("#id_evidence").set_input_files(
        files=[{"name": "LDAR检测报告.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        form.locator("#report-submit").click()
    assert "报告已提交" in page.locator("#messages").inner_text()

    with page.expect_navigation():
        page.locator("#link-extension").click()
    form = page.locator("#extension-form")
    form.locator("#id_milestone").select_option(label="2019-06-30")
    form.locator("#id_new_due").fill("2019-06-01")
    form.locator("#id_reason").fill("涉VOCs企业治理设施采购周期长，申请延期至10月底。")
    with page.expect_navigation():
        form.locator("#extension-submit").click()
    check_page(session, "延期申请", "任务台账")
    error = page.locator("#errors-new_due")
    assert error.is_visible() and error.inner_text().strip()
    # the message sits under its field, in red, and the field is outlined in red
    field = page.locator(".field", has=page.locator("#id_new_due"))
    assert field.locator("#errors-new_due").count() == 1
    assert error.evaluate("e => getComputedStyle(e).color") == "rgb(176, 0, 32)"
    outline = page.locator("#id_new_due").evaluate("e => getComputedStyle(e).borderTopColor")
    assert outline == "rgb(211, 47, 47)"
    shot(page, "extension-form-error-eco")
    page.locator("#id_new_due").fill("2019-10-31")
    with page.expect_navigation():
        page.locator("#extension-submit").click()
    assert page.url == f"{session.base_url}/ledger/tasks/{task.pk}/"
    return session


def test_the_office_sees_its_pages(
    demo_store: Path, open_page: Callable[[], Session], settings: Any
) -> None:
    from lantian.web.ledger import models as m

    visitor = open_page()
    visitor.go("/login/")
    check_page(visitor, "登录", None)
    shot(visitor.page, "login")
    eco_reports_and_asks_for_more_time(open_page)
    task = m.Task.objects.get(number="三.（五）.24")
    extension = m.ExtensionRequest.objects.get(task=task)
    session = log_in_demo(open_page, "office", "lantian-demo-office")
    page = session.page
    check_page(session, "当前用户：office。", None)
    assert page.locator("#home-links a").all_inner_texts() == [
        "看板",
        "任务台账",
        "每周调度",
        "预警通知",
        "待审批申请",
        "方案管理",
        "方案导入",
        "预警研判发布",
        "应急减排清单",
        "企业名录",
        "错峰生产日历",
        "变更审核",
        "审计日志",
    ]
    shot(page, "home-office")

    # the ledger: 36 measures, six overdue (a week's report or an open extension request does
    # not move a passed deadline), the other 30 not started
    session.go("/ledger/")
    assert check_page(session, "任务台账", "任务台账") == 36  # grey and red, as on the dashboard
    rows = ledger_rows(page)
    assert len(rows) == 36
    assert sorted(n for n, s in rows.items() if s == "overdue") == sorted(OVERDUE)
    assert sum(s == "not_started" for s in rows.values()) == 30
    assert page.locator("#ledger-count").inner_text() == "共36项任务，状态截至2019-09-06"
    # the filters in one row, the table's header row stays in view while scrolling
    bottoms = page.locator("#ledger-filters label, #filter-submit").evaluate_all(
        "ls => ls.map(l => Math.round(l.getBoundingClientRect().bottom))"
    )
    assert len(bottoms) == 6 and max(bottoms) - min(bottoms) <= 2, bottoms
    header = page.locator("#ledger-table thead th").first
    assert header.evaluate("th => getComputedStyle(th).position") == "sticky"
    zebra = page.locator("#ledger-table tbody tr").nth(1).locator("td").first
    assert zebra.evaluate("td => getComputedStyle(td).backgroundColor") == "rgb(248, 250, 252)"
    shot(page, "ledger-office")
    session.go("/ledger/?status=overdue")
    assert len(ledger_rows(page)) == 6
    session.go("/ledger/?status=closed")
    assert page.locator("#ledger-table td.empty").inner_text() == "没有任务。"
    shot(page, "ledger-empty-office")

    # the task page: the report, the open request, the history
    session.go(f"/ledger/tasks/{task.pk}/")
    check_page(session, "三.（五）.24 实施挥发性有机物(VOCs)污染综合治理", "任务台账")
    assert page.locator("#task-status").get_attribute("data-status") == "overdue"
    assert page.locator("#task-reports tbody tr").count() == 1
    assert "2019-06-30 → 2019-10-31" in page.locator(f"#extension-{extension.pk}").inner_text()
    assert "待审批" in page.locator(f"#extension-{extension.pk}").inner_text()
    assert page.locator("#task-history tbody tr").count() >= 3
    assert page.locator("#link-task-edit").is_visible()
    shot(page, "task-office")

    # the request queue
    session.go("/ledger/requests/")
    check_page(session, "待审批申请", "待审批申请")
    row = page.locator(f"#request-extension-{extension.pk}")
    assert "市生态环境局" in row.inner_text()
    approve = row.locator(f"#approve-extension-{extension.pk}")
    assert approve.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(31, 78, 121)"
    shot(page, "requests-office")

    # the dispatch, then this week's notices
    session.go("/ledger/dispatch/?on=2019-09-06")
    check_page(session, "每周调度", "每周调度")
    assert page.locator("#dispatch-weeks").inner_text() == (
        "调度周 2019-W36；进展报送统计周 2019-W35。"
    )
    assert page.locator("#dispatch-targets tbody tr").count() == 5
    assert page.locator("#dispatch-interview").is_visible()
    shot(page, "dispatch-office")
    with page.expect_navigation():
        page.locator("#generate-notices button").click()
    check_page(session, "预警通知", "预警通知")
    assert page.locator("#notices-table tbody tr[id^='notice-']").count() > 0
    shot(page, "notices-office")

    # the plans and their editing pages
    session.go("/ledger/plans/")
    check_page(session, "方案管理", "方案管理")
    plan = task.plan
    assert page.locator(f"#plan-{plan.pk} td").nth(6).inner_text() == "36"
    shot(page, "plans-office")
    session.go(f"/ledger/plans/{plan.pk}/")
    check_page(session, plan.title, "方案管理")
    assert page.locator("#plan-targets tbody tr").count() == 5
    assert page.locator("#plan-tasks tbody tr").count() == 36
    shot(page, "plan-office")
    session.go(f"/ledger/tasks/{task.pk}/edit/")
    check_page(session, "修改任务", "任务台账")
    # labels above their fields
    label = page.locator("label[for='id_heading']").bounding_box()
    field = page.locator("#id_heading").bounding_box()
    assert label is not None and field is not None and label["y"] + label["height"] <= field["y"]
    shot(page, "task-form-office")
    target = plan.targets.first()
    session.go(f"/ledger/targets/{target.pk}/edit/")
    check_page(session, "修改目标", "任务台账")  # /ledger/targets/…: under the ledger's entry
    shot(page, "target-form-office")
    session.go(f"/ledger/plans/{plan.pk}/import/")
    check_page(session, "导入任务分解表", "方案管理")
    shot(page, "import-office")
    # the plan's own export, imported again: the preview says nothing changes
    export = page.request.get(f"{session.base_url}/ledger/plans/{plan.pk}/export.xlsx")
    assert export.status == 200
    page.locator("#id_sheet").set_input_files(
        files=[{"name": "任务分解表.xlsx", "mimeType": XLSX, "buffer": export.body()}]
    )
    with page.expect_navigation():
        page.locator("#import-preview").click()
    check_page(session, "导入任务分解表", "方案管理")
    assert page.locator("#import-no-change").is_visible()
    assert len(page.locator("#import-unchanged li").all()) == 36
    shot(page, "import-preview-office")

    # the audit log
    session.go("/audit/")
    check_page(session, "审计日志", "审计日志")
    assert page.locator("table#audit-table tbody tr").count() > 10
    shot(page, "audit-office")

    # English on request, the same look
    session.go(f"/ledger/tasks/{task.pk}/?lang=en")
    check_page(session, "三.（五）.24", "Task ledger")
    assert page.locator("#task-status").inner_text() == "overdue"
    shot(page, "task-office-en")
    session.go("/ledger/?lang=zh-hans")

    # at 700 px the pages reflow: nothing scrolls sideways, the wide tables scroll in their card
    page.set_viewport_size({"width": 700, "height": 900})
    for path, name in (
        ("/ledger/", "ledger-office-700"),
        (f"/ledger/tasks/{task.pk}/", "task-office-700"),
    ):
        session.go(path)
        assert no_horizontal_scroll(page), path
        shot(page, name)


def test_eco_sees_its_pages(demo_store: Path, open_page: Callable[[], Session]) -> None:
    from lantian.web.ledger import models as m

    session = eco_reports_and_asks_for_more_time(open_page)
    page = session.page
    check_page(session, "三.（五）.24", "任务台账")
    assert "延期申请已提交" in page.locator("#messages").inner_text()
    extension = m.ExtensionRequest.objects.get(task__number="三.（五）.24")
    assert "待审批" in page.locator(f"#extension-{extension.pk}").inner_text()
    assert page.locator("#link-task-edit").count() == 0  # the office edits tasks
    shot(page, "task-eco")

    session.go("/ledger/")
    check_page(session, "任务台账", "任务台账")
    rows = ledger_rows(page)
    assert len(rows) == 26
    assert sorted(n for n, s in rows.items() if s == "overdue") == sorted(OVERDUE)  # all name it
    shot(page, "ledger-eco")

    session.go("/ledger/dispatch/?on=2019-09-06")
    check_page(session, "每周调度", "每周调度")
    units = page.locator("#dispatch-units tbody tr")
    assert units.count() == 1 and "市生态环境局" in units.inner_text()
    assert page.locator("#generate-notices").count() == 0  # the office generates notices
    shot(page, "dispatch-eco")

    session.go("/ledger/notices/")
    check_page(session, "预警通知", "预警通知")
    shot(page, "notices-eco")


def test_changan_sees_its_pages(demo_store: Path, open_page: Callable[[], Session]) -> None:
    from lantian.web.ledger import models as m

    task = m.Task.objects.get(number="四.34")
    session = log_in_demo(open_page, "changan", "lantian-demo-changan")
    page = session.page
    session.go("/ledger/")
    check_page(session, "任务台账", "任务台账")
    rows = ledger_rows(page)
    assert sorted(rows) == sorted(
        ["三.（一）.1", "四.31", "四.32", "四.33", "四.34", "四.35", "四.36"]
    )
    shot(page, "ledger-changan")

    # a file that is no PDF is refused; the message stands under the evidence field
    session.go(f"/ledger/tasks/{task.pk}/report/")
    form = page.locator("#report-form")
    form.locator("#id_text").fill("本周巡查辖区国控站点周边12次，整改问题3处。")
    form.locator("#id_evidence").set_input_files(
        files=[{"name": "巡查记录.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}]
    )
    with page.expect_navigation():
        form.locator("#report-submit").click()
    check_page(session, "周进展报告", "任务台账")
    assert page.locator("#form-errors").is_visible()
    field = page.locator(".field", has=page.locator("#id_evidence"))
    assert field.locator("#errors-evidence li").count() == 1
    assert page.locator("#id_text").input_value().startswith("本周巡查辖区")  # kept
    shot(page, "report-form-error-changan")
    form.locator("#id_evidence").set_input_files(
        files=[{"name": "巡查记录.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        form.locator("#report-submit").click()
    check_page(session, "四.34 强化监测监控", "任务台账")
    assert page.locator("#task-reports td.reporter").all_inner_texts() == ["长安区"]
    shot(page, "task-changan")

    session.go("/ledger/dispatch/?on=2019-09-06")
    check_page(session, "每周调度", "每周调度")
    areas = page.locator("#dispatch-areas tbody tr")
    assert areas.count() == 1 and "长安区" in areas.inner_text()
    assert page.locator("#dispatch-units tbody td.empty").inner_text() == "无数据。"
    shot(page, "dispatch-changan")
