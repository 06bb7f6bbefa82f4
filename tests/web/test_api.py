"""The JSON API: who am I, scoped lists, tokens and the one error shape."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.exceptions import NotFound, ValidationError

from lantian.web.api.errors import exception_handler
from tests.web.conftest import Personas


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    body: dict[str, Any] = response.json()
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    return body


def test_me_names_role_unit_and_area(client_for: Any, personas: Personas) -> None:
    body = client_for("lead").get("/api/me/").json()
    assert body["authenticated"] is True
    assert body["username"] == "lead"
    assert body["role"] == "department"
    assert body["unit"]["name"] == "石家庄市生态环境局"
    assert body["area"] is None


def test_me_gives_an_area_user_its_area(client_for: Any, personas: Personas) -> None:
    body = client_for("area").get("/api/me/").json()
    assert (body["role"], body["area"]["code"], body["unit"]) == ("area", "130102", None)


def test_me_answers_anonymous_as_public(client: Any, db: None) -> None:
    body = client.get("/api/me/").json()
    assert body == {
        "authenticated": False,
        "username": "",
        "name": "",
        "role": "public",
        "unit": None,
        "area": None,
    }


def test_areas_list_every_area_with_its_parent(client_for: Any, personas: Personas) -> None:
    body = client_for("anon").get("/api/areas/").json()
    by_code = {row["code"]: row for row in body["results"]}
    assert set(by_code) == {"130100", "130102", "130104", "130102001"}
    assert by_code["130102001"]["parent"] == personas.areas["changan"].pk
    assert by_code["130102001"]["level"] == "town"


def test_units_list_all_units_for_a_department(client_for: Any, personas: Personas) -> None:
    body = client_for("other_dept").get("/api/units/").json()
    assert body["count"] == 4
    assert {row["short_name"] for row in body["results"]} >= {"市生态环境局", "市工信局"}


def test_unknown_unit_is_404_in_the_error_shape(client_for: Any, personas: Personas) -> None:
    assert_error_shape(client_for("office").get("/api/units/999999/"), 404)


def test_unknown_api_url_is_404_in_the_error_shape(client: Any, db: None) -> None:
    assert_error_shape(client.get("/api/no-such-thing/"), 404)


def test_unknown_page_is_not_json(client: Any, db: None) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_token_created_for_the_logged_in_user_authenticates(
    client_for: Any, personas: Personas
) -> None:
    from django.test import Client

    token = client_for("cooperating").post("/api/token/").json()["token"]
    api = Client()  # no session: the token alone
    response = api.get("/api/units/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert api.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token}").json()["username"] == (
        "cooperating"
    )


def test_new_token_replaces_the_old_one(client_for: Any, personas: Personas) -> None:
    from django.test import Client

    client = client_for("lead")
    old = client.post("/api/token/").json()["token"]
    new = client.post("/api/token/").json()["token"]
    assert old != new
    assert_error_shape(Client().get("/api/units/", HTTP_AUTHORIZATION=f"Token {old}"), 401)


def test_revoked_token_no_longer_works(client_for: Any, personas: Personas) -> None:
    from django.test import Client

    client = client_for("lead")
    token = client.post("/api/token/").json()["token"]
    assert client.delete("/api/token/").status_code == 204
    assert_error_shape(Client().get("/api/me/", HTTP_AUTHORIZATION=f"Token {token}"), 401)


def test_wrong_token_is_401_with_the_error_shape(client: Any, personas: Personas) -> None:
    response = client.get("/api/units/", HTTP_AUTHORIZATION="Token not-a-real-token")
    body = assert_error_shape(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert "errors" not in body


def test_token_creation_checks_csrf_for_session_logins(personas: Personas) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.users["lead"])
    assert_error_shape(client.post("/api/token/"), 403)


@pytest.mark.parametrize(
    ("detail", "error", "errors"),
    [
        ({"name": ["必填项。"]}, "name: 必填项。", {"name": ["必填项。"]}),
        (
            {"non_field_errors": ["截止日期早于开始日期。"]},
            "截止日期早于开始日期。",
            {"non_field_errors": ["截止日期早于开始日期。"]},
        ),
        (["整体无效。"], "整体无效。", {"non_field_errors": ["整体无效。"]}),
    ],
)
def test_validation_errors_give_the_first_message_and_all_errors(
    detail: Any, error: str, errors: Any
) -> None:
    response = exception_handler(ValidationError(detail), {})
    assert response is not None
    assert response.data == {"ok": False, "error": error, "status": 400, "errors": errors}


def test_other_api_errors_give_one_message() -> None:
    response = exception_handler(NotFound("没有这个任务。"), {})
    assert response is not None
    assert response.data == {"ok": False, "error": "没有这个任务。", "status": 404}


def test_openapi_schema_describes_the_endpoints(client: Any, db: None) -> None:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    assert {"/api/me/", "/api/areas/", "/api/units/{id}/", "/api/token/"} <= set(schema["paths"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]
