"""Fixtures of the ledger tests: the ledger, a pinned clock, a throw-away media directory, no
cached engine results."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import Personas
from tests.web.ledger.factories import Ledger, at, make_ledger


@pytest.fixture
def ledger(personas: Personas) -> Ledger:
    return make_ledger(personas)


@pytest.fixture
def pin(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], datetime]:
    """``pin("2019-09-06")``: "now" is 10:00 that day (Asia/Shanghai) for the ledger."""
    from lantian.web.ledger import clock

    def set_day(day: str) -> datetime:
        moment = at(day)
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    set_day("2019-09-06")
    return set_day


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def no_cached_air_results() -> Iterator[None]:
    """Each test starts and ends without the engine results of ``ledger/air_cache.py``."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
