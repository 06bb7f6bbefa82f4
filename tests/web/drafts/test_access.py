"""Only the command office uploads, reviews, saves and discards plan drafts: every other role is
refused (403) before any draft is looked up, anonymous visitors go to the login page (API: 401),
an unknown draft is 404 — and a refused request changes nothing (docs/plan_review.md, "Access")."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.web.conftest import PERSONAS
from tests.web.drafts.conftest import SHIJIAZHUANG, Org, make_draft, tick_create, upload

pytestmark = pytest.mark.django_db

REFUSED = [p for p in PERSONAS if p not in ("office", "anon")]

#: (method, URL, office's status) of every page and endpoint; {id} is a draft's id.
ROUTES = [
    ("get", "/drafts/", 200),
    ("post", "/drafts/", 400),  # no file
    ("get", "/drafts/{id}/", 200),
    ("post", "/drafts/{id}/", 400),  # no review posted
    ("post", "/drafts/{id}/save/", 400),  # units not resolved yet
    ("post", "/drafts/{id}/discard/", 302),
    ("get", "/api/drafts/", 200),
    ("post", "/api/drafts/", 400),
    ("get", "/api/drafts/{id}/", 200),
    ("put", "/api/drafts/{id}/", 400),
    ("post", "/api/drafts/{id}/save/", 400),
    ("post", "/api/drafts/{id}/discard/", 200),
]


def expected(url: str, persona: str, office: int) -> int:
    if persona == "office":
        return office
    if persona == "anon":
        return 401 if url.startswith("/api/") else 302
    return 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "url", "office"), ROUTES, ids=lambda v: str(v))
def test_every_route_by_persona(
    org: Org, client_for: Any, persona: str, method: str, url: str, office: int
) -> None:
    draft = make_draft(org)
    client = client_for(persona)
    response = getattr(client, method)(url.format(id=draft.pk))
    assert response.status_code == expected(url, persona, office), response.content[:300]
    if persona == "anon" and not url.startswith("/api/"):
        assert response["Location"].startswith("/login/")
    if url.startswith("/api/") and response.status_code >= 400:
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code


@pytest.mark.parametrize(
    "url",
    [
        "/drafts/999999/",
        "/api/drafts/999999/",
        # beyond the databases' 64-bit range (the URL's int converter does not bound it)
        "/drafts/99999999999999999999999/",
        "/api/drafts/99999999999999999999999/",
    ],
)
def test_an_unknown_draft_is_404_for_the_office(org: Org, client_for: Any, url: str) -> None:
    assert client_for("office").get(url).status_code == 404


@pytest.mark.parametrize("persona", REFUSED)
def test_a_refused_upload_creates_no_draft(org: Org, client_for: Any, persona: str) -> None:
    from lantian.web.drafts.models import PlanDraft

    client = client_for(persona)
    assert client.post("/drafts/", {"file": upload(SHIJIAZHUANG)}).status_code == 403
    assert client.post("/api/drafts/", {"file": upload(SHIJIAZHUANG)}).status_code == 403
    assert not PlanDraft.objects.exists()


@pytest.mark.parametrize("persona", REFUSED)
def test_a_refused_edit_save_or_discard_changes_nothing(
    org: Org, client_for: Any, persona: str
) -> None:
    from lantian.web.drafts.models import PlanDraft
    from lantian.web.ledger.models import Plan

    draft = tick_create(org, make_draft(org))
    before = PlanDraft.objects.get(pk=draft.pk).reviewed
    review = json.loads(json.dumps(before))
    review["plan"]["title"] = "改掉"
    client = client_for(persona)
    body = json.dumps(review, ensure_ascii=False)
    assert client.put(f"/api/drafts/{draft.pk}/", body, "application/json").status_code == 403
    assert client.post(f"/drafts/{draft.pk}/", {"reviewed": body}).status_code == 403
    assert client.post(f"/drafts/{draft.pk}/save/", {"reviewed": body}).status_code == 403
    assert client.post(f"/api/drafts/{draft.pk}/save/").status_code == 403
    assert client.post(f"/api/drafts/{draft.pk}/discard/").status_code == 403
    assert client.post(f"/drafts/{draft.pk}/discard/").status_code == 403
    after = PlanDraft.objects.get(pk=draft.pk)
    assert after.reviewed == before and after.status == "draft"
    assert not Plan.objects.exists()


@pytest.mark.parametrize("persona", REFUSED)
def test_no_draft_is_listed_to_another_role(org: Org, client_for: Any, persona: str) -> None:
    from lantian.web.access import visible
    from lantian.web.drafts.models import PlanDraft

    make_draft(org)
    assert not visible(org.personas.users[persona], PlanDraft).exists()
    assert visible(org.office, PlanDraft).count() == 1
