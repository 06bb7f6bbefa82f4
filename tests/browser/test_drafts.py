"""Plan import in the browser: the office uploads 石家庄's plan, clicks a task and sees its source
highlighted, drops a task, ticks the new units, saves to the ledger and finds the plan there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import Session, screenshot
from tests.web.conftest import Personas
from tests.web.drafts.conftest import NOW, SHIJIAZHUANG

#: Where the review page's screenshot is kept for the reviewer of this change, besides artefacts.


@pytest.fixture
def org(people: Personas, monkeypatch: pytest.MonkeyPatch) -> Personas:
    from lantian.web.ledger import clock
    from lantian.web.org.models import Unit

    monkeypatch.setattr(clock, "now", lambda: NOW)
    Unit.objects.create(
        name="石家庄市发展和改革委员会", short_name="市发改委", area=people.areas["city"]
    )
    return people


def test_office_reviews_and_saves_a_plan(log_in: Callable[[str], Session], org: Any) -> None:
    from lantian.web.drafts.models import PlanDraft
    from lantian.web.ledger.models import Plan

    session = log_in("office")
    page = session.page
    session.go("/drafts/")
    page.locator("#id_file").set_input_files(str(SHIJIAZHUANG))
    with page.expect_navigation():
        page.locator("#upload-submit").click()
    draft = PlanDraft.objects.get()
    assert page.url == f"{session.base_url}/drafts/{draft.pk}/"
    assert page.locator(".task-card").count() == 36
    assert page.evaluate(  # no sideways scroll at 1280 px: every card fits the page
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    # click a task: its source is marked and scrolled into the pane's view
    card = page.locator("#task-0")
    card.locator("summary").click()
    mark = page.locator("#source-text mark#source-mark")
    assert mark.inner_text().startswith("1、坚定不移化解过剩产能。")
    assert mark.inner_text().endswith("不再列出）")
    pane_box = page.locator("#source-text").bounding_box()
    mark_box = mark.bounding_box()
    assert pane_box["y"] <= mark_box["y"] <= pane_box["y"] + pane_box["height"]
    # a deadline's own span
    card.locator('tr[data-row="deadlines"] .locate').first.click()
    assert mark.inner_text() == "2019年底"
    screenshot(page, "drafts-review")

    # the filter shows only the cards with problems: 三.（一）.1's units are all resolved,
    # 三.（一）.2 names 市投促局 and others the directory lacks
    page.locator("#only-problems").check()
    assert not page.locator("#task-0").is_visible()
    assert page.locator("#task-1").is_visible()
    assert "单位未识别" in page.locator("#task-1 summary").inner_text()
    page.locator("#only-problems").uncheck()

    # drop the last task (四.36)
    page.locator("#task-35 summary").click()
    with page.expect_navigation():
        page.locator("#drop-35").click()
    assert page.locator(".task-card").count() == 35
    assert "四.36" not in [n.strip() for n in page.locator(".task-no").all_inner_texts()]

    # tick "create" for every unit name the directory does not know, then save to the ledger
    for row in page.locator("tr.unitmap-row.unresolved").all():
        row.locator('input[data-f="create"]').check()
    with page.expect_navigation():
        page.locator("#draft-save-ledger").click()
    assert page.locator("#draft-saved").is_visible(), page.locator("main").inner_text()[:800]
    plan = Plan.objects.get()
    assert plan.tasks.count() == 35
    assert not plan.tasks.filter(number="四.36").exists()

    # the ledger shows the plan
    with page.expect_navigation():
        page.locator("#link-saved-plan").click()
    assert page.url == f"{session.base_url}/ledger/plans/{plan.pk}/"
    assert page.locator("#plan-title").inner_text() == "石家庄市2019年大气污染防治治理工作方案"
    assert page.locator("#plan-tasks tbody tr").count() == 35
    assert "石政发〔2019〕3号" in page.locator("#plan-details").inner_text()
    assert session.requests.foreign(session.base_url) == []
    screenshot(page, "drafts-saved-plan")
