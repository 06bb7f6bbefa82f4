"""The platform only reads the measurement store: a stale store (an ingest stopped between its
hourly and daily commits) is answered with 503 and the repair command, on the page and in the
API, and nothing is written to the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lantian.airquality.store import MeasurementStore


@pytest.fixture
def stale(with_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = MeasurementStore(with_store / "store")
    current = store.hourly_version()
    assert current is not None and store.daily_reflects() == current
    monkeypatch.setattr(MeasurementStore, "daily_reflects", lambda self: current - 1)

    def refuse_to_write(self: MeasurementStore) -> int:
        raise AssertionError("the platform must not refresh the store")

    monkeypatch.setattr(MeasurementStore, "refresh_daily", refuse_to_write)
    return with_store


def test_page_answers_503_with_the_repair_command(client_for: Any, stale: Path) -> None:
    response = client_for("office").get("/dashboard/", {"date": "2019-03-31"})
    assert response.status_code == 503
    text = response.content.decode()
    assert f"lantian aq refresh --store {stale / 'store'}" in text


def test_api_answers_503_in_the_one_error_shape(client_for: Any, stale: Path) -> None:
    response = client_for("office").get("/api/dashboard/", {"date": "2019-03-31"})
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["status"] == 503
    assert "lantian aq refresh --store" in body["error"]


def test_dispatch_page_answers_503_too(client_for: Any, stale: Path) -> None:
    response = client_for("office").get("/ledger/dispatch/", {"on": "2019-03-29"})
    assert response.status_code == 503
    assert "lantian aq refresh" in response.content.decode()
