"""The drafts API end to end: upload, list, read, edit, save, discard (docs/plan_review.md)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.drafts.conftest import JINGJINJI, SHIJIAZHUANG, Org, upload

pytestmark = pytest.mark.django_db


def test_upload_read_edit_save(org: Org, client_for: Any) -> None:
    from lantian.web.ledger.models import Plan

    client = client_for("office")
    created = client.post("/api/drafts/", {"file": upload(SHIJIAZHUANG)})
    assert created.status_code == 201
    draft = created.json()
    assert draft["file_name"] == "shijiazhuang_2019.txt"
    assert draft["status"] == "draft" and draft["tasks"] == 36
    assert draft["source_text"] == SHIJIAZHUANG.read_text(encoding="utf-8")
    assert draft["proposed"]["plan"]["document_number"]["value"] == "石政发〔2019〕3号"
    assert draft["reviewed"]["plan"]["document_number"] == "石政发〔2019〕3号"
    assert draft["created_by"] == "office"

    listed = client.get("/api/drafts/").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == draft["id"]

    review = draft["reviewed"]
    for entry in review["units"]:
        entry["create"] = entry["unit"] is None and not entry["areas"]
    review["plan"]["title"] = "石家庄市2019年大气污染防治治理工作方案（审核）"
    put = client.put(f"/api/drafts/{draft['id']}/", review, content_type="application/json")
    assert put.status_code == 200
    assert put.json()["reviewed"]["plan"]["title"].endswith("（审核）")

    saved = client.post(f"/api/drafts/{draft['id']}/save/")
    assert saved.status_code == 200
    body = saved.json()
    plan = Plan.objects.get()
    assert body["status"] == "saved" and body["saved_plan"] == plan.pk
    assert plan.title.endswith("（审核）")
    assert body["result"]["tasks"] == 36 and body["result"]["targets"] == 5

    again = client.post(f"/api/drafts/{draft['id']}/save/")
    assert again.status_code == 400
    assert again.json()["error"].startswith("该草稿已保存到台账")
    assert client.post(f"/api/drafts/{draft['id']}/discard/").status_code == 400


def test_a_refused_save_names_each_item(org: Org, client_for: Any) -> None:
    client = client_for("office")
    draft = client.post("/api/drafts/", {"file": upload(JINGJINJI)}).json()
    response = client.post(f"/api/drafts/{draft['id']}/save/")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "行动方案：缺少发文机关。"
    assert len(body["errors"]["non_field_errors"]) == 3


def test_an_upload_without_a_file(org: Org, client_for: Any) -> None:
    response = client_for("office").post("/api/drafts/", {})
    assert response.status_code == 400
    assert response.json()["errors"] == {"file": ["没有上传文件。"]}


def test_discard(org: Org, client_for: Any) -> None:
    client = client_for("office")
    draft = client.post("/api/drafts/", {"file": upload(SHIJIAZHUANG)}).json()
    response = client.post(f"/api/drafts/{draft['id']}/discard/")
    assert response.status_code == 200 and response.json()["status"] == "discarded"
    refused = client.put(
        f"/api/drafts/{draft['id']}/", draft["reviewed"], content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["error"] == "该草稿已放弃，请重新上传方案。"


def test_no_delete(org: Org, client_for: Any) -> None:
    client = client_for("office")
    draft = client.post("/api/drafts/", {"file": upload(SHIJIAZHUANG)}).json()
    assert client.delete(f"/api/drafts/{draft['id']}/").status_code == 405


def test_the_lists_do_not_read_the_plans_text(org: Org, client_for: Any) -> None:
    """A draft holds the whole text and the proposal; the list page and the API list show
    neither, so neither is read (one query for the drafts, their creators joined)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("office")
    for path in (SHIJIAZHUANG, JINGJINJI):
        assert client.post("/api/drafts/", {"file": upload(path)}).status_code == 201
    for url in ("/api/drafts/", "/drafts/"):
        with CaptureQueriesContext(connection) as seen:
            response = client.get(url)
        assert response.status_code == 200
        drafts = [q["sql"] for q in seen.captured_queries if '"drafts_plandraft"' in q["sql"]]
        assert drafts and all("source_text" not in sql and "proposed" not in sql for sql in drafts)
    body = client.get("/api/drafts/").json()
    assert [d["file_name"] for d in body["results"]] == [JINGJINJI.name, SHIJIAZHUANG.name]
    assert all(d["created_by"] == "office" for d in body["results"])
