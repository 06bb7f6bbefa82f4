"""Concurrent writers queue on the head's lock and never fork the chain (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from lantian.web.audit.log import record, verify_log
from lantian.web.audit.models import AuditEntry

WRITERS = 4
ENTRIES_EACH = 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_produce_one_unbroken_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need a server database; SQLite serialises writers itself")
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> None:
        try:
            start.wait()
            for i in range(ENTRIES_EACH):
                record(None, "update", "planning.task", f"{writer}-{i}", None, {"i": i})
        except BaseException as error:  # reported to the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(AuditEntry.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, WRITERS * ENTRIES_EACH + 1))
    result = verify_log()
    assert result.ok
    assert result.checked == WRITERS * ENTRIES_EACH
