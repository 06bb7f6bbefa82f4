"""The audit page and API: the command office reads the log; every other persona is denied."""

from __future__ import annotations

from typing import Any

import pytest

from lantian.web.audit.log import record
from tests.web.conftest import PERSONAS, Personas

pytestmark = pytest.mark.django_db

PAGE = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}
API = {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 401}


@pytest.fixture
def logged(personas: Personas) -> None:
    office = personas.users["office"]
    record(office, "create", "planning.task", 12, None, {"status": "on_track"})
    record(office, "update", "planning.task", 12, {"status": "on_track"}, {"status": "done"})
    record(None, "update", "org.unit", 3, {"name": "旧"}, {"name": "新"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_access(client_for: Any, logged: None, persona: str) -> None:
    response = client_for(persona).get("/audit/")
    assert response.status_code == PAGE[persona]
    if persona == "anon":
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_access(client_for: Any, logged: None, persona: str) -> None:
    response = client_for(persona).get("/api/audit/")
    assert response.status_code == API[persona]
    if API[persona] >= 400:
        body = response.json()
        assert body["ok"] is False
        assert body["status"] == API[persona]
        assert body["error"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only_even_for_the_office(client_for: Any, logged: None, method: str) -> None:
    response = getattr(client_for("office"), method)("/api/audit/")
    assert response.status_code == 405


def test_api_lists_newest_first_with_parsed_before_and_after(client_for: Any, logged: None) -> None:
    body = client_for("office").get("/api/audit/").json()
    assert body["count"] == 3
    assert [row["seq"] for row in body["results"]] == [3, 2, 1]
    second = body["results"][1]
    assert second["actor_name"] == "office"
    assert (second["before"], second["after"]) == ({"status": "on_track"}, {"status": "done"})
    assert body["results"][2]["before"] is None


def test_api_filters_one_objects_history(client_for: Any, logged: None) -> None:
    url = "/api/audit/?object_type=planning.task&object_id=12&action=update"
    body = client_for("office").get(url).json()
    assert [row["seq"] for row in body["results"]] == [2]
    assert client_for("office").get("/api/audit/?actor_id=abc").json()["count"] == 0


def test_page_shows_entries_in_chinese_and_english(client_for: Any, logged: None) -> None:
    client = client_for("office")
    page = client.get("/audit/").content.decode()
    assert "审计日志" in page
    assert '<span class="nowrap">planning.task</span> <span class="nowrap">#12</span>' in page
    english = client.get("/audit/?lang=en").content.decode()
    assert "Audit log" in english
