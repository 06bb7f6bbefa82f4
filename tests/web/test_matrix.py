"""Every page and endpoint × every persona → the expected status (STYLE 10).

A new page or endpoint gets a row here; the row names the status for each persona, so each
denial is proved, not assumed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import PERSONAS, Personas

OK_ALL = dict.fromkeys(PERSONAS, 200)
INTERNAL_ONLY = {
    "office": 200,
    "lead": 200,
    "cooperating": 200,
    "other_dept": 200,
    "area": 200,
    "inspector": 200,
    "enterprise": 403,
    "anon": 401,
}
LOGGED_IN_CREATE = {**dict.fromkeys(PERSONAS, 201), "anon": 401}
ADMIN = {**dict.fromkeys(PERSONAS, 302), "office": 200}
READ_ONLY = dict.fromkeys(PERSONAS, 405)
READ_ONLY_INTERNAL = {**dict.fromkeys(PERSONAS, 405), "enterprise": 403, "anon": 401}

#: (method, url template, expected status per persona). ``{area}`` / ``{unit}`` are filled in.
MATRIX: list[tuple[str, str, dict[str, int]]] = [
    ("get", "/", OK_ALL),
    ("get", "/login/", OK_ALL),
    ("post", "/logout/", dict.fromkeys(PERSONAS, 302)),
    ("get", "/api/me/", OK_ALL),
    ("get", "/api/areas/", OK_ALL),
    ("get", "/api/areas/{area}/", OK_ALL),
    ("put", "/api/areas/{area}/", READ_ONLY),
    ("get", "/api/units/", INTERNAL_ONLY),
    ("get", "/api/units/{unit}/", INTERNAL_ONLY),
    ("delete", "/api/units/{unit}/", READ_ONLY_INTERNAL),
    ("post", "/api/token/", LOGGED_IN_CREATE),
    ("get", "/api/schema/", OK_ALL),
    ("get", "/admin/", ADMIN),
    ("get", "/audit/", {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 302}),
    ("get", "/api/audit/", {**dict.fromkeys(PERSONAS, 403), "office": 200, "anon": 401}),
    ("post", "/api/audit/", {**dict.fromkeys(PERSONAS, 403), "office": 405, "anon": 401}),
]

CASES = [
    pytest.param(method, url, persona, expected[persona], id=f"{method} {url} as {persona}")
    for method, url, expected in MATRIX
    for persona in PERSONAS
]


@pytest.mark.parametrize(("method", "url", "persona", "expected"), CASES)
def test_status_matrix(
    client_for: Any, personas: Personas, method: str, url: str, persona: str, expected: int
) -> None:
    client = client_for(persona)
    path = url.format(area=personas.areas["changan"].pk, unit=personas.units["lead"].pk)
    response = getattr(client, method)(path)
    assert response.status_code == expected, response.content[:300]
    if path.startswith("/api/") and expected >= 400:
        body = response.json()
        assert body["ok"] is False
        assert body["status"] == expected
        assert isinstance(body["error"], str) and body["error"]


def test_matrix_covers_every_url_pattern() -> None:
    """A route added without a matrix row fails here."""
    from django.urls import URLPattern, URLResolver, get_resolver, resolve

    def walk(patterns: list[Any], prefix: str) -> set[str]:
        routes: set[str] = set()
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern) not in ("admin/", "i18n/"):  # Django's own
                    routes |= walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and "format" not in str(entry.pattern):
                routes.add(entry.name or prefix + str(entry.pattern))
        return routes

    covered = {resolve(url.format(area=1, unit=1)).url_name for _m, url, _e in MATRIX}
    assert walk(get_resolver().url_patterns, "") - covered == set()
