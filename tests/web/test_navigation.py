"""The site menu shows each persona exactly the pages it may open (and every link opens)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import PERSONAS

pytestmark = pytest.mark.django_db

#: Menu entries (by URL) per persona; the same checks as the pages decide (docs/access.md).
LEDGER_READER = ["/dashboard/", "/ledger/", "/ledger/dispatch/", "/ledger/notices/"]
#: Departments and areas read the warnings and the list check's summary (docs/access.md §Emergency).
EMERGENCY_READER = ["/emergency/warnings/", "/emergency/list/", "/emergency/calendar/"]
EXPECTED = {
    "office": [
        "/dashboard/",
        "/ledger/",
        "/ledger/dispatch/",
        "/ledger/notices/",
        "/ledger/requests/",
        "/ledger/plans/",
        "/drafts/",
        "/emergency/",
        "/emergency/list/",
        "/emergency/enterprises/",
        "/emergency/calendar/",
        "/emergency/changes/",
        "/audit/",
    ],
    "lead": [*LEDGER_READER, *EMERGENCY_READER],
    "cooperating": [*LEDGER_READER, *EMERGENCY_READER],
    "other_dept": [*LEDGER_READER, *EMERGENCY_READER],
    "area": [*LEDGER_READER, *EMERGENCY_READER],
    "inspector": [
        "/dashboard/",
        "/emergency/warnings/",
        "/emergency/list/",
        "/emergency/enterprises/",
        "/emergency/calendar/",
        "/emergency/inspections/",
    ],
    "enterprise": ["/emergency/mine/", "/emergency/calendar/"],
    "anon": [],
}


def menu(html: str) -> list[str]:
    block = re.search(r'<nav class="site-menu" id="site-menu">(.*?)</nav>', html, re.S)
    assert block is not None
    return re.findall(r'href="([^"]+)"', block.group(1))


@pytest.mark.parametrize("persona", PERSONAS)
def test_menu_lists_what_the_persona_may_open(client_for: Any, persona: str) -> None:
    client = client_for(persona)
    links = menu(client.get("/").content.decode())
    assert links == EXPECTED[persona]
    for url in links:  # no link leads to a refusal
        assert client.get(url).status_code == 200, url


def test_menu_in_chinese_by_default_and_english_on_request(client_for: Any) -> None:
    client = client_for("office")
    zh = client.get("/").content.decode()
    assert "任务台账" in zh and "审计日志" in zh and "方案管理" in zh and "方案导入" in zh
    assert "预警研判发布" in zh and "应急减排清单" in zh and "变更审核" in zh
    en = client.get("/?lang=en").content.decode()
    assert "Task ledger" in en and "Audit log" in en and ">Plans<" in en and ">Plan import<" in en
    assert ">Warning desk<" in en and ">Reduction list<" in en and ">Change requests<" in en
