"""Settings from the environment, the env readers, and migrations kept in step with models."""

from __future__ import annotations

import runpy
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from lantian.web import env
from lantian.web import settings as settings_module

SETTINGS_PATH = settings_module.__file__
LANTIAN_VARS = (
    "LANTIAN_ENV",
    "LANTIAN_DEBUG",
    "LANTIAN_SECRET_KEY",
    "LANTIAN_DATA_DIR",
    "LANTIAN_ALLOWED_HOSTS",
    "LANTIAN_SECURE_COOKIES",
    "LANTIAN_LOGIN_FAILURE_LIMIT",
    "DATABASE_URL",
)


def load_settings(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, Any]:
    """The settings module evaluated afresh under exactly these variables."""
    for name in LANTIAN_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_PATH)


def test_production_is_the_default_with_secure_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_settings(monkeypatch)
    assert s["LANTIAN_ENV"] == "production"
    assert s["DEBUG"] is False
    assert s["SECRET_KEY"] == s["MISSING_SECRET_KEY"]
    assert s["ALLOWED_HOSTS"] == []
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]


def test_development_relaxes_cookies_and_allows_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_settings(monkeypatch, LANTIAN_ENV="development")
    assert s["DEBUG"] is True
    assert s["SECRET_KEY"] == s["DEVELOPMENT_SECRET_KEY"]
    assert "localhost" in s["ALLOWED_HOSTS"]
    assert not s["SESSION_COOKIE_SECURE"]


def test_sqlite_under_the_data_dir_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    s = load_settings(monkeypatch, LANTIAN_DATA_DIR=str(tmp_path))
    db = s["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == tmp_path.resolve() / "lantian.sqlite3"


def test_database_url_selects_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_settings(monkeypatch, DATABASE_URL="postgres://dqb:secret@db.internal:5433/lantian")
    db = s["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == (
        "db.internal",
        5433,
        "lantian",
        "dqb",
    )


def test_lockout_limit_and_hosts_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = load_settings(
        monkeypatch, LANTIAN_LOGIN_FAILURE_LIMIT="3", LANTIAN_ALLOWED_HOSTS="a.gov.cn, b.gov.cn"
    )
    assert s["AXES_FAILURE_LIMIT"] == 3
    assert s["ALLOWED_HOSTS"] == ["a.gov.cn", "b.gov.cn"]


def test_a_misspelt_environment_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match=r"LANTIAN_ENV='prod'.*development, production"):
        load_settings(monkeypatch, LANTIAN_ENV="prod")


def test_language_time_zone_and_hashers() -> None:
    s = settings_module
    assert (s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ) == ("zh-hans", "Asia/Shanghai", True)
    assert [code for code, _ in s.LANGUAGES] == ["zh-hans", "en"]
    assert s.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("TRUE", True), (" on ", True), ("0", False), ("no", False), ("", False)],
)
def test_env_bool_reads_the_usual_spellings(raw: str, expected: bool) -> None:
    assert env.env_bool("X", not expected, {"X": raw}) is expected


def test_env_readers_fall_back_to_defaults_and_refuse_nonsense() -> None:
    assert env.env_bool("X", True, {}) is True
    assert env.env_int("X", 7, {}) == 7
    assert env.env_list("X", ["a"], {}) == ["a"]
    assert env.env_str("X", "d", {"X": "  v "}) == "v"
    assert env.env_list("X", (), {"X": "a,, b ,"}) == ["a", "b"]
    assert env.env_choice("X", ("a", "b"), "a", {"X": "B"}) == "b"
    with pytest.raises(ImproperlyConfigured, match="X='maybe'"):
        env.env_bool("X", False, {"X": "maybe"})
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env.env_int("X", 1, {"X": "five"})
    assert env.env_date("X", {}) is None and env.env_date("X", {"X": " "}) is None
    assert env.env_date("X", {"X": "2019-09-06"}) == date(2019, 9, 6)
    with pytest.raises(ImproperlyConfigured, match="X='2019-9-6': expected a date like"):
        env.env_date("X", {"X": "2019-9-6"})


@pytest.mark.django_db
def test_no_migration_is_missing() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 when missing
    assert "No changes detected" in out.getvalue()
