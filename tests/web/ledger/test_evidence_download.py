"""Downloading the evidence of a report: ``/ledger/evidence/<id>/`` and ``/api/evidence/<id>/``.

Whoever sees the report's task gets the file; anyone else 404 (the file's existence is not
leaked); anonymous visitors the login page (API: 401).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from lantian.web.ledger import services
from lantian.web.ledger.evidence import ALLOWED_TYPES
from lantian.web.ledger.evidence_views import CONTENT_TYPES
from tests.web.conftest import Personas
from tests.web.ledger.factories import Ledger
from tests.web.ledger.files import PDF, PNG, upload

#: Who sees task 24 (docs/ledger.md): the office, its lead and cooperating units, its area.
SEES_THE_TASK = ["office", "lead", "cooperating", "area"]
DOES_NOT = ["other_dept", "inspector", "enterprise"]


@pytest.fixture
def evidence(personas: Personas, ledger: Ledger, pin: Any) -> dict[str, Any]:
    """A report of the lead unit on task 24 with a PDF and a PNG, filed as the form does."""
    report = services.file_report(
        personas.users["lead"],
        ledger.task,
        {
            "week": "2019-W36",
            "text": "本周压减水泥产能30万吨",
            "evidence": [upload("验收报告.pdf", PDF), upload("现场照片.PNG", PNG)],
        },
    )
    return {e.name: e for e in report.evidence.all()}


def body_of(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("persona", SEES_THE_TASK)
def test_who_sees_the_task_downloads_the_file_under_its_name(
    client_for: Any, evidence: dict[str, Any], persona: str
) -> None:
    pdf = evidence["验收报告.pdf"]
    response = client_for(persona).get(f"/ledger/evidence/{pdf.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{quote('验收报告.pdf')}"
    )
    assert response["Content-Length"] == str(len(PDF))
    assert body_of(response) == PDF


def test_the_content_type_follows_the_checked_type(
    client_for: Any, evidence: dict[str, Any]
) -> None:
    png = evidence["现场照片.PNG"]
    response = client_for("lead").get(f"/api/evidence/{png.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body_of(response) == PNG


def test_every_allowed_type_has_its_content_type() -> None:
    assert set(CONTENT_TYPES) == set(ALLOWED_TYPES)


@pytest.mark.parametrize("persona", DOES_NOT)
def test_others_get_404_not_403(client_for: Any, evidence: dict[str, Any], persona: str) -> None:
    pdf = evidence["验收报告.pdf"]
    client = client_for(persona)
    page = client.get(f"/ledger/evidence/{pdf.pk}/")
    assert page.status_code == 404
    assert PDF not in page.content
    api = client.get(f"/api/evidence/{pdf.pk}/")
    assert api.status_code == 404
    assert api.json() == {"ok": False, "error": api.json()["error"], "status": 404}


def test_an_unknown_id_answers_exactly_as_a_hidden_one(
    client_for: Any, evidence: dict[str, Any]
) -> None:
    hidden = evidence["验收报告.pdf"].pk
    other = client_for("other_dept")
    assert other.get(f"/api/evidence/{hidden}/").json() == other.get("/api/evidence/999999/").json()
    assert other.get(f"/api/evidence/{2**64}/").status_code == 404


def test_anonymous_visitors_log_in_first(client: Any, evidence: dict[str, Any]) -> None:
    pdf = evidence["验收报告.pdf"]
    page = client.get(f"/ledger/evidence/{pdf.pk}/")
    assert page.status_code == 302 and page["Location"].startswith("/login/")
    api = client.get(f"/api/evidence/{pdf.pk}/")
    assert api.status_code == 401 and api.json()["ok"] is False


def test_the_api_takes_a_token_and_any_accept_header(
    client: Any, personas: Personas, evidence: dict[str, Any]
) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=personas.users["area"])
    pdf = evidence["验收报告.pdf"]
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}", "HTTP_ACCEPT": "application/pdf"}
    response = client.get(f"/api/evidence/{pdf.pk}/", **headers)
    assert response.status_code == 200 and body_of(response) == PDF
    refused = client.get("/api/evidence/999999/", **headers)
    assert refused.status_code == 404 and refused.json()["status"] == 404


def test_a_file_missing_from_the_disk_is_404(client_for: Any, evidence: dict[str, Any]) -> None:
    pdf = evidence["验收报告.pdf"]
    Path(pdf.file.path).unlink()
    assert client_for("office").get(f"/ledger/evidence/{pdf.pk}/").status_code == 404
    assert client_for("office").get(f"/api/evidence/{pdf.pk}/").status_code == 404


def test_downloading_is_read_only(client_for: Any, evidence: dict[str, Any]) -> None:
    pdf = evidence["验收报告.pdf"]
    lead = client_for("lead")
    assert lead.post(f"/ledger/evidence/{pdf.pk}/").status_code == 405
    assert lead.delete(f"/api/evidence/{pdf.pk}/").status_code == 405
    assert Path(pdf.file.path).read_bytes() == PDF
