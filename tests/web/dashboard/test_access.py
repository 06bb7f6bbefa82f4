"""Who sees the dashboard: internal roles yes, enterprise 403, anonymous to login / 401; the
ledger part only for the ledger's readers (not the inspector)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import PERSONAS

PAGE = {**dict.fromkeys(PERSONAS, 200), "enterprise": 403, "anon": 302}
API = {**dict.fromkeys(PERSONAS, 200), "enterprise": 403, "anon": 401}
LEDGER_READERS = {"office", "lead", "cooperating", "other_dept", "area"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_status_for_each_persona(client_for: Any, without_store: Any, persona: str) -> None:
    response = client_for(persona).get("/dashboard/")
    assert response.status_code == PAGE[persona]
    if persona == "anon":
        assert response["Location"].startswith("/login/?next=/dashboard/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_status_for_each_persona(client_for: Any, without_store: Any, persona: str) -> None:
    response = client_for(persona).get("/api/dashboard/")
    assert response.status_code == API[persona]
    body = response.json()
    if API[persona] == 200:
        ledger = body.pop("ledger", None)
        assert body == {"ok": True, "store": False, "store_path": str(without_store / "store")}
        assert (ledger is not None) == (persona in LEDGER_READERS)
    else:
        assert (body["ok"], body["status"]) == (False, API[persona])
        assert body["error"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_api_is_read_only(client_for: Any, without_store: Any, method: str) -> None:
    response = getattr(client_for("office"), method)("/api/dashboard/")
    assert response.status_code == 405
    assert response.json()["ok"] is False
