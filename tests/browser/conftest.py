"""Fixtures of the browser tests: real Chromium (Debian's ``/usr/bin/chromium``) driven by
Playwright against pytest-django's live server, with the personas of ``tests/web/conftest.py``.

Playwright never downloads a browser here: it launches the system Chromium. Where that binary (or
the ``playwright`` package) is missing, every browser test is skipped with the reason; CI installs
Chromium first (``.ci/run``). Screenshots go to ``tests/artifacts/`` (git-ignored) and the files
written during a run are listed at the end of the test output.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import Personas, make_personas
from tests.web.dashboard.conftest import sample_data_dir  # noqa: F401 (a fixture, reused)

#: Debian's Chromium; ``LANTIAN_CHROMIUM`` points elsewhere (e.g. to check the skip).
CHROMIUM = Path(os.environ.get("LANTIAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
#: The password the browser types for a persona (set on the persona just before it logs in).
PASSWORD = "browser-test-password-1"
_SESSION_START = time.time()
ASYNC_GUARD = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """List the screenshots written by this run (also under xdist: read from the disk)."""
    if not ARTIFACTS.is_dir():
        return
    shots = sorted(p for p in ARTIFACTS.iterdir() if p.stat().st_mtime >= _SESSION_START)
    if shots:
        terminalreporter.section("browser test artefacts")
        for shot in shots:
            terminalreporter.write_line(str(shot))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (of this xdist worker)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    # Playwright's sync API keeps an asyncio loop on this thread while the browser lives; the
    # tests' own ORM calls (fixtures, flushing the database) stay synchronous, so Django's guard
    # against ORM calls from a coroutine is switched off for that time only.
    guard = os.environ.get(ASYNC_GUARD)
    os.environ[ASYNC_GUARD] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if guard is None:
            del os.environ[ASYNC_GUARD]
        else:
            os.environ[ASYNC_GUARD] = guard


@pytest.fixture
def people(transactional_db: None, browser: Any) -> Personas:
    """The personas, committed so that the live server's thread sees them."""
    return make_personas()


@dataclass
class RequestLog:
    """Every URL the page asked for."""

    urls: list[str] = field(default_factory=list)

    def foreign(self, base_url: str) -> list[str]:
        """The requests that went anywhere but the live server."""
        own = urlsplit(base_url).netloc
        return [
            u
            for u in self.urls
            if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own
        ]


@dataclass
class Session:
    """A browser page on the live server, in Chinese, with its request log."""

    page: Any
    base_url: str
    requests: RequestLog

    def go(self, path: str) -> Any:
        """Open ``path`` on the live server; the response (status, headers)."""
        return self.page.goto(self.base_url + path)


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[Callable[[], Session]]:
    """``open_page()``: a fresh browser context (own cookies), locale zh-CN."""
    contexts: list[Any] = []

    def make() -> Session:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        log = RequestLog()
        page.on("request", lambda request: log.urls.append(request.url))
        return Session(page=page, base_url=live_server.url, requests=log)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def log_in(people: Personas, open_page: Callable[[], Session]) -> Callable[[str], Session]:
    """``log_in("lead")``: a page on which that persona typed its name and password into the
    real login form and submitted it."""

    def login(name: str) -> Session:
        user = people.users[name]
        user.set_password(PASSWORD)
        user.save()
        session = open_page()
        session.go("/login/")
        page = session.page
        page.get_by_label("用户名").press_sequentially(user.username)
        page.get_by_label("密码").press_sequentially(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="登录").click()
        return session

    return login


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as ``tests/artifacts/<name>.png``; its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
