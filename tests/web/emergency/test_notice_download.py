"""Downloading the warning notice (Word) of the orange warning on ``small_list.csv``: page and API.

At orange (tests/web/emergency/conftest.py): E0001 (three lines), E0002, E0003 (two each), E0005
(L2, L3), E0018 (自主减排) are the industrial lines with a measure, N01 (diesel trucks) the one
non-industrial source; E0005-L1 and E0012's heating boilers take none and are not listed.
"""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import quote, unquote

import pytest
from docx import Document

from lantian.web.emergency import response
from tests.web.emergency.conftest import Emergency, issue_orange

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NAME = "石家庄市-橙色预警-2019-09-06.docx"


@pytest.fixture
def orange(emergency: Emergency) -> Any:
    return issue_orange(emergency)


def page_url(warning: Any) -> str:
    return f"/emergency/warnings/{warning.pk}/notice.docx"


def api_url(warning: Any) -> str:
    return f"/api/emergency/warnings/{warning.pk}/notice/"


def opened(answer: Any) -> Any:
    assert answer.status_code == 200, answer.content[:300]
    assert answer["Content-Type"] == DOCX
    return Document(io.BytesIO(answer.content))


def disposition(header: str) -> tuple[str, str]:
    """``(filename, filename*)`` of an attachment's ``Content-Disposition`` (RFC 6266): the
    fallback a quoted plain-ASCII name, the other an RFC 5987 ext-value (charset UTF-8, any case;
    no language; only attr-chars and %XX escapes), decoded."""
    kind, *params = header.split("; ")
    assert kind == "attachment"
    values = dict(p.split("=", 1) for p in params)
    assert list(values) == ["filename", "filename*"]  # the fallback first
    plain = values["filename"]
    assert plain.startswith('"') and plain.endswith('"') and plain.isascii()
    charset, language, encoded = values["filename*"].split("'")
    assert (charset.upper(), language) == ("UTF-8", "")
    assert re.fullmatch(r"(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+", encoded)
    return plain[1:-1], unquote(encoded, encoding="utf-8", errors="strict")


def text_of(doc: Any) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def annex_line_ids(doc: Any, table: int, col: int) -> list[str]:
    """``熟料生产线1#（E0001-L1）`` → ``E0001-L1`` for the data rows of a table."""
    rows = doc.tables[table].rows[1:]
    return [r.cells[col].text.rsplit("（", 1)[-1].rstrip("）") for r in rows]


@pytest.mark.parametrize("url", [page_url, api_url])
def test_the_office_downloads_the_chinese_notice_of_the_warning(
    client_for: Any, orange: Any, url: Any
) -> None:
    answer = client_for("office").get(url(orange))
    doc = opened(answer)
    assert answer["Content-Disposition"] == (
        f"attachment; filename=\"notice-{orange.pk}.docx\"; filename*=utf-8''{quote(NAME)}"
    )
    assert disposition(answer["Content-Disposition"]) == (f"notice-{orange.pk}.docx", NAME)
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "石家庄市重污染天气应急指挥部办公室"
    assert "（待编号）" in paragraphs
    text = text_of(doc)
    assert "关于发布重污染天气橙色预警启动II级应急响应的通知" in text
    assert "石家庄市" in text
    # annex 1: the notification list's lines with a measure, industrial lines then sources
    listed = [
        ln.line_id for n in response.notification_list(orange) for ln in n.lines if ln.measure
    ]
    assert listed == [
        "E0001-L1",
        "E0001-L2",
        "E0001-L3",
        "E0002-L1",
        "E0002-L2",
        "E0003-L1",
        "E0003-L2",
        "E0005-L2",
        "E0005-L3",
        "E0018-L1",
        "N01",
    ]
    assert doc.tables[0].rows[0].cells[5].text == "减排措施"
    assert annex_line_ids(doc, 0, 2) + annex_line_ids(doc, 1, 1) == listed
    assert doc.tables[0].rows[1].cells[5].text == "停产+国四及以下重型货车停运"


@pytest.mark.parametrize("url", [page_url, api_url])
def test_the_inspector_downloads_the_english_notice(client_for: Any, orange: Any, url: Any) -> None:
    answer = client_for("inspector").get(url(orange), {"lang": "en"})
    doc = opened(answer)
    assert disposition(answer["Content-Disposition"]) == (
        f"notice-{orange.pk}.docx",
        "石家庄市-orange-warning-2019-09-06.docx",
    )
    text = text_of(doc)
    assert "Notice of a heavy-pollution orange warning and a Level II emergency response" in text
    assert doc.tables[0].rows[0].cells[5].text == "Measure"
    assert annex_line_ids(doc, 0, 2)[0] == "E0001-L1"


@pytest.mark.parametrize("persona", ["lead", "cooperating", "other_dept", "area", "enterprise"])
def test_who_may_not_see_the_notification_list_may_not_download(
    client_for: Any, orange: Any, persona: str
) -> None:
    client = client_for(persona)
    assert client.get(page_url(orange)).status_code == 403
    body = client.get(api_url(orange)).json()
    assert (body["ok"], body["status"]) == (False, 403)


def test_anonymous_visitors_go_to_the_login_page_or_get_401(client_for: Any, orange: Any) -> None:
    client = client_for("anon")
    answer = client.get(page_url(orange))
    assert answer.status_code == 302
    assert answer["Location"].startswith("/login/")
    assert client.get(api_url(orange)).status_code == 401


def test_a_warning_not_in_force_is_refused_with_the_reason(
    client_for: Any, emergency: Emergency
) -> None:
    from lantian.web.emergency import desk, forecasting
    from tests.web.emergency.conftest import ORANGE_FORECAST, upload

    office = emergency.user("office")
    (forecast,) = forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created
    assessed = desk.assess(office, forecast).warning  # assessed, never issued
    client = client_for("office")
    page = client.get(page_url(assessed), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "The warning is not in force." in page.content.decode()
    body = client.get(api_url(assessed), HTTP_ACCEPT_LANGUAGE="en").json()
    assert (body["ok"], body["status"]) == (False, 400)
    assert body["errors"] == {"warning": ["The warning is not in force."]}


def test_an_unknown_warning_is_404_and_an_unknown_language_400(
    client_for: Any, orange: Any
) -> None:
    client = client_for("office")
    assert client.get(f"/emergency/warnings/{orange.pk + 99}/notice.docx").status_code == 404
    assert client.get(f"/api/emergency/warnings/{orange.pk + 99}/notice/").status_code == 404
    body = client.get(api_url(orange), {"lang": "fr"}).json()
    assert (body["status"], list(body["errors"])) == (400, ["lang"])


def test_the_warning_page_links_the_notice_for_the_office_and_inspectors(
    client_for: Any, orange: Any
) -> None:
    link = f'href="{page_url(orange)}"'
    for persona in ("office", "inspector"):
        html = client_for(persona).get(f"/emergency/warnings/{orange.pk}/").content.decode()
        assert link in html
    for persona in ("lead", "enterprise", "anon"):
        html = client_for(persona).get(f"/emergency/warnings/{orange.pk}/").content.decode()
        assert "notice.docx" not in html


def test_a_city_without_a_list_import_is_refused_with_the_reason(
    client_for: Any, personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.web.emergency.conftest import pin_clock

    pin_clock(monkeypatch)
    warning = issue_orange(Emergency(personas, personas.areas["city"], None))
    body = client_for("office").get(api_url(warning), HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert (body["ok"], body["status"]) == (False, 400)
    assert body["errors"] == {"warning": ["本市尚未导入应急减排清单，无法生成预警通知。"]}
