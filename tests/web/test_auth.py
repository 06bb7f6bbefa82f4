"""Logging in: Argon2 hashes, lockout after repeated failures, pages in Chinese or English."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.web.conftest import Personas

PASSWORD = "蓝天-correct-horse-42"


@pytest.fixture
def lead_with_password(personas: Personas) -> Any:
    user = personas.users["lead"]
    user.set_password(PASSWORD)
    user.save()
    return user


def login(client: Any, username: str, password: str) -> Any:
    return client.post("/login/", {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2(lead_with_password: Any) -> None:
    assert lead_with_password.password.startswith("argon2$argon2id$")
    assert lead_with_password.check_password(PASSWORD)


def test_login_with_the_right_password_redirects_home(client: Any, lead_with_password: Any) -> None:
    response = login(client, "lead", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/api/me/").json()["username"] == "lead"


def test_login_locks_after_five_failures_even_for_the_right_password(
    client: Any, lead_with_password: Any
) -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        assert login(client, "lead", "wrong").status_code == 200  # the form again, with an error
    assert login(client, "lead", "wrong").status_code == 429
    locked = login(client, "lead", PASSWORD)
    assert locked.status_code == 429
    assert "账户已锁定" in locked.content.decode()
    assert client.get("/api/me/").json()["authenticated"] is False


def test_lockout_of_one_user_leaves_others_able_to_log_in(
    client: Any, lead_with_password: Any, personas: Personas
) -> None:
    other = personas.users["cooperating"]
    other.set_password(PASSWORD)
    other.save()
    for _attempt in range(5):
        login(client, "lead", "wrong")
    assert login(client, "cooperating", PASSWORD).status_code == 302


def test_success_before_the_limit_resets_the_count(client: Any, lead_with_password: Any) -> None:
    for _attempt in range(4):
        login(client, "lead", "wrong")
    assert login(client, "lead", PASSWORD).status_code == 302
    client.post("/logout/")
    for _attempt in range(4):
        assert login(client, "lead", "wrong").status_code == 200


def test_login_page_is_in_chinese_by_default(client: Any, db: None) -> None:
    page = client.get("/login/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "登录" in page
    assert "用户名" in page


def test_lang_en_switches_to_english_and_is_remembered(client: Any, db: None) -> None:
    response = client.get("/login/?lang=en")
    assert "User name" in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_unknown_lang_is_ignored(client: Any, db: None) -> None:
    assert "登录" in client.get("/login/?lang=xx").content.decode()


def test_home_says_who_is_logged_in(client_for: Any, personas: Personas) -> None:
    page = client_for("lead").get("/").content.decode()
    assert "lead" in page
    assert "部门" in page
    assert "石家庄市生态环境局" in page
    assert 'href="/api/schema/"' in page


def test_home_for_anonymous_says_public_view(client: Any, db: None) -> None:
    assert "公众" in client.get("/").content.decode()


def test_session_and_csrf_cookies_are_secure_outside_development() -> None:
    assert settings.LANTIAN_ENV == "production"
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
