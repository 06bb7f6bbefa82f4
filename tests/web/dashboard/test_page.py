"""The dashboard page: what a user reads, in Chinese and English, and no file from the internet."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import lantian.web.dashboard

TEMPLATES = Path(lantian.web.dashboard.__file__).parent / "templates"
STATIC = Path(lantian.web.dashboard.__file__).parent / "static"


def test_page_shows_targets_calendar_and_ranking(client_for: Any, with_store: Path) -> None:
    html = client_for("office").get("/dashboard/?date=2019-02-28").content.decode()
    assert "剩余时段需达到" in html
    assert "全市PM2.5平均浓度达到67微克/立方米" in html
    assert 'id="aqi-calendar"' in html
    assert 'id="dashboard-calendar"' in html  # the calendar's data, for the chart script
    assert "综合指数排名" in html
    assert "/static/vendor/echarts-5.6.0.min.js" in html


def test_page_in_english_with_lang_en(client_for: Any, with_store: Path) -> None:
    html = client_for("lead").get("/dashboard/?date=2019-02-28&lang=en").content.decode()
    assert "Remaining days must average" in html
    assert "Ranking of areas by composite index" in html
    assert "剩余时段需达到" not in html


def test_page_says_when_there_is_no_store(client_for: Any, without_store: Path) -> None:
    response = client_for("area").get("/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "还没有测量数据库" in html
    assert "lantian demo" in html
    assert 'id="aqi-calendar"' not in html
    english = client_for("area").get("/dashboard/?lang=en").content.decode()
    assert "There is no measurement store yet" in english


def test_page_refuses_a_bad_date(client_for: Any, with_store: Path) -> None:
    response = client_for("office").get("/dashboard/?date=yesterday")
    assert response.status_code == 400
    assert "yesterday" in response.content.decode()


def test_templates_load_only_local_static_files() -> None:
    """The pages must work with no internet: no script, stylesheet or image from elsewhere."""
    sources = [*TEMPLATES.rglob("*.html"), *STATIC.glob("dashboard/*")]
    assert sources
    remote = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", re.IGNORECASE)
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not remote.search(text), path
        assert "http://" not in text and "https://" not in text, path


def test_the_vendored_echarts_is_the_locked_version() -> None:
    lock = (Path(__file__).resolve().parents[3] / "package-lock.json").read_text()
    assert '"node_modules/echarts": {\n      "version": "5.6.0"' in lock
    vendored = STATIC / "vendor" / "echarts-5.6.0.min.js"
    assert vendored.stat().st_size > 500_000
    assert b"5.6.0" in vendored.read_bytes()[-200_000:] or b'"5.6.0"' in vendored.read_bytes()


def test_the_default_date_is_the_last_day_with_data_but_not_after_today(
    client_for: Any, with_store: Path, settings: Any
) -> None:
    office = client_for("office")
    assert office.get("/api/dashboard/").json()["as_of"] == "2019-03-31"  # the store's last day
    settings.LANTIAN_TODAY = date(2019, 2, 15)  # the demo's fixed "today"
    body = office.get("/api/dashboard/").json()
    assert (body["as_of"], body["last_day"]) == ("2019-02-15", "2019-03-31")
    assert office.get("/api/dashboard/?date=2019-03-20").json()["as_of"] == "2019-03-20"
