"""``lantian audit verify`` through Typer's CliRunner, on a clean and a tampered log."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import typer
from typer.testing import CliRunner

from lantian.web.audit.cli import app
from lantian.web.audit.log import record, stored_head
from lantian.web.org.models import User

pytestmark = pytest.mark.django_db

RawSql = Callable[[str, list[object]], None]
runner = CliRunner()

# Wired as the lead wires it: ``lantian audit verify``.
lantian = typer.Typer()
lantian.add_typer(app, name="audit")


@pytest.fixture
def three_entries(office: User) -> None:
    for i in range(3):
        record(office, "update", "planning.task", i, {"status": "on_track"}, {"status": "done"})


def test_verify_reports_an_intact_log(three_entries: None) -> None:
    result = runner.invoke(lantian, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "审计日志完整 / audit log intact: 3 entries"


def test_verify_prints_the_head_on_request(three_entries: None) -> None:
    result = runner.invoke(lantian, ["audit", "verify", "--head"])
    assert result.exit_code == 0
    assert f"链头 / head: 3 {stored_head().hash}" in result.stdout


def test_verify_on_an_empty_log(db: None) -> None:
    result = runner.invoke(lantian, ["audit", "verify"])
    assert result.exit_code == 0
    assert "audit log intact: 0 entries" in result.stdout


def test_verify_names_a_row_edited_with_raw_sql(three_entries: None, raw_sql: RawSql) -> None:
    raw_sql(
        "UPDATE audit_auditentry SET after_json = %s WHERE seq = %s", ['{"status":"closed"}', 2]
    )
    result = runner.invoke(lantian, ["audit", "verify"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "审计日志已被篡改 / audit log tampered: 条目 / entry 2: "
        "条目内容与其哈希不符，已被修改 / stored hash does not match the content: edited "
        "(entry 2: hash mismatch); 此前 1 条完好 / 1 entries before it intact"
    )


def test_verify_names_a_row_deleted_with_raw_sql(three_entries: None, raw_sql: RawSql) -> None:
    raw_sql("DELETE FROM audit_auditentry WHERE seq = %s", [1])
    result = runner.invoke(lantian, ["audit", "verify"])
    assert result.exit_code == 1
    assert "entry 2: 序号缺失，条目已被删除 / sequence number missing: entries removed" in (
        result.stderr
    )


def test_verify_names_a_removed_tail(three_entries: None, raw_sql: RawSql) -> None:
    raw_sql("DELETE FROM audit_auditentry WHERE seq = %s", [3])
    result = runner.invoke(lantian, ["audit", "verify"])
    assert result.exit_code == 1
    assert "log ends at entry 2, head records entry 3" in result.stderr
