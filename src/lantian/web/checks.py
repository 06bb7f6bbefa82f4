"""Startup checks: misconfiguration is refused with a message that says how to fix it.

Every check has an id ``lantian.E00x`` (error: the platform refuses to start) or
``lantian.W00x`` (warning) and a hint. ``manage.py check``, ``runserver`` and the WSGI entry
point run them; docs/platform.md lists them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.db import DatabaseError
from django.db.utils import ConnectionHandler

from lantian.emergency import industries
from lantian.emergency.guide_tables import GuideError, load_guide

MIN_SECRET_KEY_LENGTH = 32


def _outside_development() -> bool:
    return bool(settings.LANTIAN_ENV != "development")


def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.E001: outside development the secret key must be set, long and not the dev one."""
    if not _outside_development():
        return []
    key = settings.SECRET_KEY
    if key in (settings.MISSING_SECRET_KEY, settings.DEVELOPMENT_SECRET_KEY) or (
        len(key) < MIN_SECRET_KEY_LENGTH
    ):
        return [
            Error(
                f"LANTIAN_SECRET_KEY is missing, too short or the development key "
                f"(LANTIAN_ENV={settings.LANTIAN_ENV}).",
                hint=(
                    f"Set LANTIAN_SECRET_KEY to a random string of at least "
                    f"{MIN_SECRET_KEY_LENGTH} characters, e.g. the output of "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, "
                    "or set LANTIAN_ENV=development on a development machine."
                ),
                id="lantian.E001",
            )
        ]
    return []


def database_errors(connections: ConnectionHandler) -> list[CheckMessage]:
    """lantian.E002 for every configured database that cannot be reached."""
    errors: list[CheckMessage] = []
    for alias in connections:
        connection = connections[alias]
        try:
            connection.ensure_connection()
        except DatabaseError as exc:
            vendor = connection.vendor
            errors.append(
                Error(
                    f"Database {alias!r} ({vendor}) is unreachable: {exc}".strip(),
                    hint=_database_hint(vendor),
                    id="lantian.E002",
                )
            )
    return errors


def _database_hint(vendor: str) -> str:
    if vendor == "sqlite":
        return (
            "The SQLite file lives in LANTIAN_DATA_DIR (default ./var): create that directory "
            "and make it writable, or set DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/NAME."
        )
    return (
        "Check DATABASE_URL (form: postgres://USER:PASSWORD@HOST:5432/NAME): is the server "
        "running and reachable from here, do the user, password and database exist? "
        "Unset DATABASE_URL to use SQLite under LANTIAN_DATA_DIR instead."
    )


def check_database(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.E002: every configured database answers."""
    from django.db import connections

    return database_errors(connections)


def check_allowed_hosts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.E003: outside development the host names to serve must be given."""
    if _outside_development() and not settings.ALLOWED_HOSTS:
        return [
            Error(
                "LANTIAN_ALLOWED_HOSTS is empty: the platform would answer no request.",
                hint=(
                    "Set LANTIAN_ALLOWED_HOSTS to the host names the platform is served "
                    "under, comma-separated, e.g. LANTIAN_ALLOWED_HOSTS=dqb.example.gov.cn."
                ),
                id="lantian.E003",
            )
        ]
    return []


def check_data_dir(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.E004: the data directory exists and is writable."""
    data_dir = Path(settings.LANTIAN_DATA_DIR)
    if data_dir.is_dir() and os.access(data_dir, os.W_OK):
        return []
    return [
        Error(
            f"The data directory {data_dir} does not exist or is not writable.",
            hint=(
                f"Create it (mkdir -p {data_dir}) and give the server's user write access, "
                "or point LANTIAN_DATA_DIR at a writable directory."
            ),
            id="lantian.E004",
        )
    ]


def check_debug(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.W001: debug pages show settings and code; never outside development."""
    if _outside_development() and settings.DEBUG:
        return [
            Warning(
                "LANTIAN_DEBUG is on outside development: error pages show internals.",
                hint=(
                    "Unset LANTIAN_DEBUG, or set LANTIAN_ENV=development on a development machine."
                ),
                id="lantian.W001",
            )
        ]
    return []


def check_fixed_today(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.E005: a fixed "today" (the demo's 2019 day) is for development only."""
    if _outside_development() and settings.LANTIAN_TODAY is not None:
        return [
            Error(
                f"LANTIAN_TODAY={settings.LANTIAN_TODAY} fixes the platform's date outside "
                "development: statuses, deadlines and report weeks would be wrong.",
                hint="Unset LANTIAN_TODAY (it is meant for the demo and tests).",
                id="lantian.E005",
            )
        ]
    return []


def check_guide_tables(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """lantian.E006: the guide tables of ``LANTIAN_GUIDE_TABLES`` load and are in force;
    lantian.W002: outside development they are not an illustrative example. The app's
    ``ready()`` has loaded them already: they are read again only when they are not in force,
    to name why."""
    path = settings.LANTIAN_GUIDE_TABLES
    if path is None:
        return []
    in_force = industries.in_force().version
    if in_force.manifest is None or in_force.manifest.resolve() != Path(path).resolve():
        try:
            load_guide(path)
        except GuideError as exc:
            return [
                Error(
                    f"LANTIAN_GUIDE_TABLES={path}: the guide tables are refused:\n{exc}",
                    hint=(
                        "Correct each file at the line named (format: docs/emergency_list.md, "
                        "'Loading the guide's tables'; try `lantian list industries --guide "
                        "FILE`), or unset LANTIAN_GUIDE_TABLES to use the packaged tables only."
                    ),
                    id="lantian.E006",
                )
            ]
        return [
            Error(
                f"LANTIAN_GUIDE_TABLES={path} loads but is not in force "
                f"(in force: {in_force.name}).",
                hint=(
                    "The platform puts the tables in force when it starts "
                    "(lantian.emergency.industries.use_guide in the app's ready()); restart it."
                ),
                id="lantian.E006",
            )
        ]
    if _outside_development() and in_force.illustrative:
        return [
            Warning(
                f"LANTIAN_GUIDE_TABLES={path} is an illustrative example "
                f"({in_force.name}), not official values.",
                hint="Point LANTIAN_GUIDE_TABLES at the tables keyed in from the official guide.",
                id="lantian.W002",
            )
        ]
    return []


ALL: Sequence[Callable[..., list[CheckMessage]]] = (
    check_secret_key,
    check_database,
    check_allowed_hosts,
    check_data_dir,
    check_debug,
    check_fixed_today,
    check_guide_tables,
)
