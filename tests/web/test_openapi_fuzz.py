"""schemathesis against the platform's own OpenAPI description (``/api/schema/``).

The description is fetched from the running Django app through its WSGI handler (no server, same
test database), then every operation is called with generated parameters and bodies, with the API
token of the command office and of a department. Each answer must not be a server error and must
conform to the description: a documented status code, a documented content type (JSON) and a body
matching the documented schema; every error answer is in the one error shape. The number of
examples is bounded and the generation derandomized, so a run is short and repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from drf_spectacular.settings import patched_settings
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis import checks as st_checks

from tests.web.conftest import Personas

#: Generated cases per operation and persona: enough to reach invalid parameters and bodies,
#: few enough for the whole file to take seconds.
MAX_EXAMPLES = 12

#: The hook that documents the error answers (``lantian.web.api.schema``). The platform's settings
#: should list it; patched here as well so the description tested is the one the settings serve.
HOOKS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lantian.web.api.schema.document_errors",
    ]
}

CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
]


def load_schema() -> Any:
    from django.core.wsgi import get_wsgi_application

    with patched_settings(HOOKS):
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


def token_for(user: Any) -> str:
    """The user's API token, created again when a generated call revoked or replaced it."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return str(token.key)


def assert_error_shape(response: Any) -> None:
    if response.status_code < 400:
        return
    assert response.headers["content-type"][0].startswith("application/json")
    body = response.json()
    assert body["ok"] is False
    assert body["status"] == response.status_code
    assert isinstance(body["error"], str) and body["error"]


def takes_input(schema: Any, operation: Any) -> bool:
    described = schema.raw_schema["paths"][operation.path][operation.method.lower()]
    return bool(described.get("parameters") or described.get("requestBody"))


def fuzz(operation: Any, user: Any, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        headers = {"Authorization": f"Token {token_for(user)}"}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert_error_shape(response)

    run()


@pytest.fixture
def api_schema(personas: Personas) -> Iterator[Any]:
    """The description served by the app; requests go through its WSGI handler.

    As Django's test client does, the handler must not close the database connection at the end
    of a request: that would end the test's transaction (on PostgreSQL).
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield load_schema()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_description_documents_every_api_url_and_the_error_shape(api_schema: Any) -> None:
    raw = api_schema.raw_schema
    paths = set(raw["paths"])
    assert {"/api/me/", "/api/token/", "/api/units/{id}/", "/api/tasks/", "/api/audit/"} <= paths
    assert raw["components"]["schemas"]["Error"]["required"] == ["ok", "error", "status"]
    unit = raw["paths"]["/api/units/{id}/"]["get"]["responses"]
    assert sorted(unit) == ["200", "401", "403", "404"]
    assert sorted(raw["paths"]["/api/token/"]["delete"]["responses"]) == ["204", "401", "403"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("persona", ["office", "lead"])
def test_every_operation_answers_as_described(
    api_schema: Any, personas: Personas, persona: str, mode: GenerationMode
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    if mode is GenerationMode.NEGATIVE:  # invalid input needs an input to make invalid
        operations = [op for op in operations if takes_input(api_schema, op)]
    for operation in operations:
        fuzz(operation, personas.users[persona], mode)


#: Beyond SQLite's and PostgreSQL's 64-bit integers.
HUGE = 2**63


@pytest.mark.parametrize("url", ["/api/areas/", "/api/units/", "/api/audit/"])
def test_a_huge_limit_gives_a_bounded_page_not_a_server_error(
    client_for: Any, personas: Personas, url: str
) -> None:
    from lantian.web.api.pagination import MAX_LIMIT

    response = client_for("office").get(url, {"limit": HUGE})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] < MAX_LIMIT  # so the one page holds every row
    assert len(body["results"]) == body["count"]


def test_a_huge_unit_filter_is_not_a_server_error(personas: Personas) -> None:
    """GET /api/tasks/?unit=2**63 overflowed SQLite (500, found by schemathesis): now a 400."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(personas.users["office"])
    response = client.get("/api/tasks/", {"unit": HUGE})
    assert response.status_code == 400
    assert response.json()["ok"] is False
