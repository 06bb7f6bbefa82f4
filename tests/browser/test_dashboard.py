"""The dashboard in real Chromium: the ECharts calendar is drawn from the project's own files,
and no request leaves the live server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Session, screenshot
from tests.web.dashboard.conftest import TARGETS


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
