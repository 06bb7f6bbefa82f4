"""Fixtures of the audit tests: users, and raw SQL that goes around the append-only guards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from lantian.web.org.models import User

RawSql = Callable[[str, list[object]], None]


@pytest.fixture
def office(db: None) -> User:
    return User.objects.create_user("office", role="command_office")


@pytest.fixture
def raw_sql(db: None) -> RawSql:
    """Run SQL on the audit table as someone with direct database access would.

    On PostgreSQL the append-only trigger is disabled for the statement (as the table's owner
    can) and enabled again; the test's transaction rolls everything back.
    """

    def run(sql: str, params: list[object]) -> None:
        postgres = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            if postgres:
                cursor.execute(
                    "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only"
                )
            cursor.execute(sql, params)
            if postgres:
                cursor.execute(
                    "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only"
                )

    return run
