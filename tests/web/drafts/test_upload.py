"""Uploading a plan makes a draft and nothing else (docs/plan_review.md, "Upload")."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from lantian.planning.extract import extract_file
from tests.web.drafts.conftest import (
    JINGJINJI,
    NOW,
    SAMPLE_PLANS,
    SHIJIAZHUANG,
    ZHENGZHOU,
    Org,
    make_draft,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", SAMPLE_PLANS, ids=lambda p: p.stem)
def test_each_sample_plan_gives_a_draft_with_the_extractors_tasks(org: Org, path: Path) -> None:
    from lantian.web.drafts.registry import Registry
    from lantian.web.ledger.models import Plan, Task

    draft = make_draft(org, path)
    expected = extract_file(path, Registry.load().units)
    assert len(draft.proposed["tasks"]) == len(expected.tasks)
    assert [t["number"] for t in draft.reviewed["tasks"]] == [t.number for t in expected.tasks]
    assert draft.file_name == path.name
    assert draft.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert draft.source_text == path.read_text(encoding="utf-8")
    assert draft.status == "draft"
    assert draft.created_by == org.office
    assert draft.created_at == NOW
    # nothing has entered the ledger yet
    assert not Plan.objects.exists() and not Task.objects.exists()


def test_shijiazhuang_is_proposed_with_its_36_measures_and_the_plans_fields(org: Org) -> None:
    draft = make_draft(org, SHIJIAZHUANG)
    assert len(draft.reviewed["tasks"]) == 36  # the plan numbers its measures 1 … 36
    plan = draft.reviewed["plan"]
    assert plan["title"] == "石家庄市2019年大气污染防治治理工作方案"
    assert plan["document_number"] == "石政发〔2019〕3号"
    assert plan["issued_on"] == "2019-06-26"
    assert (plan["start"], plan["end"]) == ("2019-01-01", "2019-12-31")
    assert plan["area"] == "石家庄市"
    text = draft.source_text
    start, end = plan["spans"]["document_number"]
    assert text[start:end] == "石政发〔2019〕3号"


def test_unit_names_are_resolved_against_the_unit_directory(org: Org) -> None:
    draft = make_draft(org, SHIJIAZHUANG)
    entries = {e["name"]: e for e in draft.reviewed["units"]}
    assert entries["市发改委"]["unit"] == org.ndrc.pk  # short name in the directory
    assert entries["市工信局"]["unit"] == org.unit("cooperating").pk  # 石家庄市工业和信息化局
    assert entries["市生态环境局"]["unit"] == org.unit("lead").pk
    # 各县市区政府 stands for the districts below the plan's area
    assert entries["各县市区政府"] == {
        "name": "各县市区政府",
        "unit": None,
        "create": False,
        "areas": True,
    }
    # a unit the directory lacks is proposed as new, not created
    assert entries["市投促局"] == {
        "name": "市投促局",
        "unit": None,
        "create": False,
        "areas": False,
    }


def test_a_unit_named_twice_on_a_task_keeps_the_role_that_reports(org: Org) -> None:
    from tests.web.drafts.conftest import task_of

    draft = make_draft(org, SHIJIAZHUANG)
    # 三.（二）.3: "（市城管局牵头，市发改委、市农业农村局配合）…（市农业农村局牵头）…
    # （市发改委牵头）"
    units = task_of(draft.reviewed, "三.（二）.3")["units"]
    roles = {u["name"]: u["role"] for u in units}
    assert roles["市城管局"] == "lead"
    assert roles["市发改委"] == "lead"
    assert roles["市农业农村局"] == "lead"
    assert len(units) == len(roles)


def test_the_upload_is_audited(org: Org) -> None:
    from lantian.web.audit.models import AuditEntry

    draft = make_draft(org)
    entry = AuditEntry.objects.get(object_type="drafts.plandraft", object_id=str(draft.pk))
    assert entry.action == "create"
    assert entry.actor_name == "office"
    assert entry.after["sha256"] == draft.sha256
    assert "source_text" not in entry.after and "proposed" not in entry.after


def test_a_docx_plan_is_read(org: Org, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in SHIJIAZHUANG.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    from lantian.web.drafts.services import create_draft

    draft = create_draft(org.office, upload(SHIJIAZHUANG, "方案.docx", buffer.getvalue()))
    assert draft.file_name == "方案.docx"
    assert len(draft.reviewed["tasks"]) == 36


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("任务表.xlsx", b"PK\x03\x04", "任务表.xlsx：文件应为 .txt / .docx / .pdf。"),
        ("空白.txt", b"  \n\n", "空白.txt：文件里没有文字。"),
        ("扫描件.pdf", b"%PDF-1.4 not really a pdf", "扫描件.pdf: 不是有效的 PDF 文件"),
        ("坏的.docx", b"not a zip", "坏的.docx: 不是有效的 .docx 文件"),
        ("二进制.txt", b"abc\x00def", "二进制.txt：不是文本文件。"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_the_reason(
    org: Org, name: str, data: bytes, reason: str
) -> None:
    from rest_framework.exceptions import ValidationError

    from lantian.web.drafts.models import PlanDraft
    from lantian.web.drafts.services import create_draft

    with pytest.raises(ValidationError) as caught:
        create_draft(org.office, upload(SHIJIAZHUANG, name, data))
    message = str(caught.value.detail["file"][0])
    assert message.startswith(reason), message
    assert not PlanDraft.objects.exists()


def test_a_file_over_the_size_limit_is_refused(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.exceptions import ValidationError

    from lantian.web.drafts import services

    monkeypatch.setattr(services, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        services.create_draft(org.office, upload(ZHENGZHOU, data=b"x" * (1024 * 1024 + 1)))
    assert str(caught.value.detail["file"][0]) == "zhengzhou_zhongyuan_2017.txt 超过 1 MB。"


def test_the_page_uploads_and_opens_the_review(org: Org, client_for: object) -> None:
    from lantian.web.drafts.models import PlanDraft

    client = client_for("office")  # type: ignore[operator]
    with JINGJINJI.open("rb") as fh:
        response = client.post("/drafts/", {"file": fh})
    draft = PlanDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/drafts/{draft.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "京津冀及周边地区、汾渭平原2020-2021年秋冬季大气污染综合治理攻坚行动方案" in page


def test_the_page_names_the_file_of_a_refused_upload(org: Org, client_for: object) -> None:
    client = client_for("office")  # type: ignore[operator]
    response = client.post("/drafts/", {"file": upload(SHIJIAZHUANG, "表.xlsx", b"PK")})
    assert response.status_code == 400
    assert "表.xlsx：文件应为 .txt / .docx / .pdf。" in response.content.decode()
