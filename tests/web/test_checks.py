"""The lantian.E00x / W00x system checks: each one fires, and says how to fix the problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler
from django.test import override_settings

from lantian.web import checks as lantian_checks


def ids(messages: list[checks.CheckMessage]) -> list[str]:
    return [m.id or "" for m in messages]


@pytest.mark.django_db
def test_the_test_configuration_passes_every_check() -> None:
    assert checks.run_checks(tags=["lantian"]) == []


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(settings.MISSING_SECRET_KEY, id="missing"),
        pytest.param(settings.DEVELOPMENT_SECRET_KEY, id="development key"),
        pytest.param("short-key", id="too short"),
    ],
)
def test_e001_refuses_a_bad_secret_key_outside_development(key: str) -> None:
    with override_settings(SECRET_KEY=key, LANTIAN_ENV="production"):
        messages = lantian_checks.check_secret_key()
    assert ids(messages) == ["lantian.E001"]
    assert "LANTIAN_SECRET_KEY" in (messages[0].hint or "")


def test_e001_allows_the_development_key_in_development() -> None:
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY, LANTIAN_ENV="development"):
        assert lantian_checks.check_secret_key() == []


def test_e002_names_an_unreachable_postgresql_and_how_to_fix_database_url(
    django_db_blocker: Any,
) -> None:
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "lantian",
                "USER": "nobody",
                "HOST": "127.0.0.1",
                "PORT": "1",
                "OPTIONS": {"connect_timeout": 2},
            }
        }
    )
    with django_db_blocker.unblock():  # a connection of its own, not the test database
        messages = lantian_checks.database_errors(handler)
    assert ids(messages) == ["lantian.E002"]
    assert "postgresql" in messages[0].msg
    assert "DATABASE_URL" in (messages[0].hint or "")
    handler.close_all()


def test_e002_names_an_sqlite_file_that_cannot_be_opened(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    missing_dir = tmp_path / "no-such-dir" / "lantian.sqlite3"
    handler = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(missing_dir)}}
    )
    with django_db_blocker.unblock():  # a connection of its own, not the test database
        messages = lantian_checks.database_errors(handler)
    assert ids(messages) == ["lantian.E002"]
    assert "LANTIAN_DATA_DIR" in (messages[0].hint or "")


@pytest.mark.django_db
def test_e002_is_quiet_when_the_database_answers() -> None:
    assert lantian_checks.check_database() == []


def test_e003_requires_allowed_hosts_outside_development() -> None:
    with override_settings(ALLOWED_HOSTS=[], LANTIAN_ENV="production"):
        assert ids(lantian_checks.check_allowed_hosts()) == ["lantian.E003"]
    with override_settings(ALLOWED_HOSTS=[], LANTIAN_ENV="development"):
        assert lantian_checks.check_allowed_hosts() == []


def test_e004_requires_an_existing_data_directory(tmp_path: Path) -> None:
    with override_settings(LANTIAN_DATA_DIR=tmp_path / "absent"):
        messages = lantian_checks.check_data_dir()
    assert ids(messages) == ["lantian.E004"]
    assert "mkdir -p" in (messages[0].hint or "")
    with override_settings(LANTIAN_DATA_DIR=tmp_path):
        assert lantian_checks.check_data_dir() == []


def test_w001_warns_about_debug_outside_development() -> None:
    with override_settings(DEBUG=True, LANTIAN_ENV="production"):
        messages = lantian_checks.check_debug()
    assert ids(messages) == ["lantian.W001"]
    assert messages[0].level == checks.WARNING
    with override_settings(DEBUG=True, LANTIAN_ENV="development"):
        assert lantian_checks.check_debug() == []


def test_e005_refuses_a_fixed_today_outside_development() -> None:
    with override_settings(LANTIAN_TODAY=date(2019, 9, 6), LANTIAN_ENV="production"):
        messages = lantian_checks.check_fixed_today()
    assert ids(messages) == ["lantian.E005"]
    assert "LANTIAN_TODAY=2019-09-06" in messages[0].msg and "Unset" in str(messages[0].hint)
    with override_settings(LANTIAN_TODAY=date(2019, 9, 6), LANTIAN_ENV="development"):
        assert lantian_checks.check_fixed_today() == []
    with override_settings(LANTIAN_TODAY=None, LANTIAN_ENV="production"):
        assert lantian_checks.check_fixed_today() == []


def test_a_fixed_today_moves_the_ledger_clock_to_that_day_keeping_the_time() -> None:
    from django.utils import timezone

    from lantian.web.ledger import clock

    with override_settings(LANTIAN_TODAY=date(2019, 9, 6)):
        before = timezone.localtime(timezone.now())
        moment = clock.now()
        after = timezone.localtime(timezone.now())
        assert clock.today() == date(2019, 9, 6)
    assert clock.local_date(moment) == date(2019, 9, 6)
    assert before.time() <= timezone.localtime(moment).time() <= after.time() or (
        after.date() != before.date()  # midnight passed during the test
    )
    with override_settings(LANTIAN_TODAY=None):
        assert clock.today() == timezone.localdate()


def test_checks_are_registered_under_the_lantian_tag() -> None:
    registered = checks.registry.registry.get_checks()
    assert set(lantian_checks.ALL) <= set(registered)
    assert all("lantian" in check.tags for check in lantian_checks.ALL)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_wsgi_refuses_to_start_without_a_secret_key() -> None:
    from lantian.web import wsgi

    with (
        override_settings(SECRET_KEY=settings.MISSING_SECRET_KEY, LANTIAN_ENV="production"),
        pytest.raises(ImproperlyConfigured, match=r"lantian\.E001"),
    ):
        wsgi._refuse_misconfiguration()


@pytest.mark.django_db
def test_lantian_web_runs_the_platform_checks() -> None:
    """``lantian web check`` is Django's check command with the platform's settings."""
    from typer.testing import CliRunner

    from lantian.cli import app

    result = CliRunner().invoke(app, ["web", "check", "--tag", "lantian"])
    assert result.exit_code == 0, result.output
    assert "no issues" in result.output


GUIDE_EXAMPLE = (
    Path(__file__).resolve().parents[2] / "data/sample/emergency/guide_example/manifest.toml"
)


def _bad_guide(folder: Path) -> Path:
    """A guide whose measures file has an unparsable measure on its line 2."""
    (folder / "industries.csv").write_text(
        "code,name_zh,name_en,key_2020,graded_2019,scale,scale_status,exempt,spec,status,note\n",
        encoding="utf-8",
    )
    (folder / "measures.csv").write_text(
        "industry,grade,level,measure,status,source\ncoking,B,red,限产,UNCONFIRMED,test\n",
        encoding="utf-8",
    )
    manifest = folder / "guide.toml"
    manifest.write_text(
        '[guide]\nname = "t"\nkeyed_by = "t"\nkeyed_on = 2026-12-01\n'
        '[tables]\nindustries = "industries.csv"\nmeasures = "measures.csv"\n',
        encoding="utf-8",
    )
    return manifest


def test_e006_names_the_file_and_line_of_a_refused_guide_table(tmp_path: Path) -> None:
    manifest = _bad_guide(tmp_path)
    with override_settings(LANTIAN_GUIDE_TABLES=manifest):
        messages = lantian_checks.check_guide_tables()
    assert ids(messages) == ["lantian.E006"]
    assert f"{tmp_path}/measures.csv:2: measure: 无法识别的措施 / unknown measure '限产'" in (
        messages[0].msg
    )
    assert "unset LANTIAN_GUIDE_TABLES" in (messages[0].hint or "")
    with override_settings(LANTIAN_GUIDE_TABLES=tmp_path / "absent.toml"):
        [missing] = lantian_checks.check_guide_tables()
    assert missing.id == "lantian.E006" and "absent.toml: 无法读取 / cannot read" in missing.msg


def test_e006_when_the_guide_loads_but_is_not_in_force() -> None:
    with override_settings(LANTIAN_GUIDE_TABLES=GUIDE_EXAMPLE):
        messages = lantian_checks.check_guide_tables()
    assert ids(messages) == ["lantian.E006"]
    assert "is not in force" in messages[0].msg


def test_w002_warns_about_an_illustrative_guide_outside_development() -> None:
    from lantian.emergency.industries import tables_in_force

    with tables_in_force(GUIDE_EXAMPLE):
        with override_settings(LANTIAN_GUIDE_TABLES=GUIDE_EXAMPLE, LANTIAN_ENV="production"):
            messages = lantian_checks.check_guide_tables()
        with override_settings(LANTIAN_GUIDE_TABLES=GUIDE_EXAMPLE, LANTIAN_ENV="development"):
            assert lantian_checks.check_guide_tables() == []
    assert ids(messages) == ["lantian.W002"]
    assert messages[0].level == checks.WARNING and "not official" in messages[0].msg
    with override_settings(LANTIAN_GUIDE_TABLES=None):
        assert lantian_checks.check_guide_tables() == []


def test_the_guide_tables_setting_is_a_path_or_none() -> None:
    from lantian.web.env import env_path

    assert env_path("X", {}) is None and env_path("X", {"X": " "}) is None
    assert env_path("X", {"X": " /srv/guide/manifest.toml "}) == Path("/srv/guide/manifest.toml")
    assert settings.LANTIAN_GUIDE_TABLES is None  # the tests run on the packaged tables


def test_tables_in_force_are_not_read_again_by_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's ready() loaded them: the check asks the tables in force, not the files."""
    from lantian.emergency.industries import tables_in_force

    def read_again(path: Any) -> Any:
        raise AssertionError(f"{path} read again")

    with tables_in_force(GUIDE_EXAMPLE):
        monkeypatch.setattr(lantian_checks, "load_guide", read_again)
        with override_settings(LANTIAN_GUIDE_TABLES=GUIDE_EXAMPLE, LANTIAN_ENV="production"):
            assert ids(lantian_checks.check_guide_tables()) == ["lantian.W002"]
