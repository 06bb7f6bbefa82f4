"""The dashboard in real Chromium: the ECharts charts are drawn from the project's own files, no
request leaves the live server, and the ledger panels show the ledger of ``ledger_data``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Session, screenshot
from tests.web.dashboard.conftest import TARGETS
from tests.web.dashboard.ledger_data import COUNTS, ON, make_dashboard_ledger


@pytest.fixture
def store(settings: Any, sample_data_dir: Path) -> Path:
    settings.LANTIAN_TARGETS = TARGETS
    settings.LANTIAN_DATA_DIR = sample_data_dir
    return sample_data_dir


def test_dashboard_draws_its_calendar_offline(
    log_in: Callable[[str], Session], store: Path
) -> None:
    session = log_in("office")
    page = session.page
    # anything leaving localhost is refused outright, and also shows in the request log
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(session.base_url) else route.abort()
        ),
    )
    response = session.go("/dashboard/?date=2019-02-28")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    canvas = page.locator("#aqi-calendar canvas")
    canvas.first.wait_for(state="visible")
    size = canvas.first.evaluate("c => [c.width, c.height]")
    assert size[0] > 300 and size[1] > 100
    # the chart really painted: its pixels are not all one colour
    colours = canvas.first.evaluate(
        """c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            for (let i = 0; i < d.length; i += 4 * 97) { seen.add(d.slice(i, i + 4).join()); }
            return seen.size;
        }"""
    )
    assert colours > 5
    assert "剩余时段需达到" in page.locator("main").inner_text()
    assert any(u.endswith("/static/vendor/echarts-5.6.0.min.js") for u in session.requests.urls)
    assert session.requests.foreign(session.base_url) == []
    screenshot(page, "dashboard")


def test_dashboard_shows_the_ledger_panels(
    log_in: Callable[[str], Session], people: Any, store: Path
) -> None:
    """The ledger of ``tests/web/dashboard/ledger_data`` on 2019-09-06: the status donut is
    painted, the counts and lists are the office's, a status opens the filtered ledger."""
    ledger = make_dashboard_ledger(people)
    session = log_in("office")
    page = session.page
    assert session.go(f"/dashboard/?date={ON}").status == 200
    page.wait_for_load_state("networkidle")
    donut = page.locator("#ledger-status-chart canvas")
    donut.first.wait_for(state="visible")
    painted = donut.first.evaluate(
        """c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            for (let i = 0; i < d.length; i += 4 * 13) { seen.add(d.slice(i, i + 3).join()); }
            return [...seen];
        }"""
    )
    assert "198,40,40" in painted  # the overdue red (#c62828) of the ledger pages
    status = page.locator("#ledger-status")
    assert "共7项任务" in status.inner_text()
    counts = status.locator("li .count").all_inner_texts()
    assert tuple(int(c) for c in counts) == COUNTS["office"]
    overdue = page.locator("#overdue-table tbody tr")
    assert overdue.count() == 2
    assert overdue.first.locator("td").all_inner_texts()[-1] == "68"
    warnings = page.locator("#warnings-table tbody tr.open")
    assert warnings.count() == 3
    screenshot(page, "dashboard-ledger")
    # the overdue status opens the ledger filtered on it, on the same day: from the list ...
    link = status.locator('li[data-status="overdue"] a')
    assert link.get_attribute("href") == f"/ledger/?status=overdue&on={ON}"
    # ... and from the donut: a click on one of its red pixels
    red = donut.first.evaluate(
        """c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const scale = c.width / c.getBoundingClientRect().width;
            const hits = [];
            for (let i = 0; i < d.length; i += 4) {
                if (d[i] === 198 && d[i + 1] === 40 && d[i + 2] === 40) { hits.push(i / 4); }
            }
            if (!hits.length) { return null; }
            const p = hits[Math.floor(hits.length / 2)];  // well inside the slice
            return [(p % c.width) / scale, Math.floor(p / c.width) / scale];
        }"""
    )
    assert red is not None
    with page.expect_navigation():
        donut.first.click(position={"x": red[0], "y": red[1]})
    assert page.url.endswith(f"/ledger/?status=overdue&on={ON}")
    rows = page.locator("#ledger-table tbody tr")
    assert rows.count() == 2
    assert rows.first.get_attribute("id") == f"task-{ledger.tasks['24'].pk}"


def test_dashboard_cards_stack_on_a_narrow_screen(
    log_in: Callable[[str], Session], people: Any, store: Path
) -> None:
    make_dashboard_ledger(people)
    session = log_in("area")
    page = session.page
    session.go(f"/dashboard/?date={ON}")
    wide = [page.locator(f"#{card}").bounding_box() for card in ("ledger-status", "overdue")]
    assert wide[0]["x"] < wide[1]["x"] and wide[0]["y"] == wide[1]["y"]  # side by side
    page.set_viewport_size({"width": 700, "height": 900})
    narrow = [page.locator(f"#{card}").bounding_box() for card in ("ledger-status", "overdue")]
    assert narrow[0]["x"] == narrow[1]["x"] and narrow[0]["y"] < narrow[1]["y"]  # one column
    assert narrow[1]["width"] <= 700
