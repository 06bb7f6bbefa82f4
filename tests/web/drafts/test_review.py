"""Editing a draft's review: checked field by field (errors in Chinese, English on request),
nothing half-saved; the page's operations; the API's PUT (docs/plan_review.md, "Review")."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from rest_framework.exceptions import ValidationError

from tests.web.drafts.conftest import Org, make_draft, task_of

pytestmark = pytest.mark.django_db


def test_an_edit_is_saved_and_a_new_unit_name_is_resolved(org: Org) -> None:
    from lantian.web.audit.models import AuditEntry
    from lantian.web.drafts.services import update_review

    draft = make_draft(org)
    review = copy.deepcopy(draft.reviewed)
    task = task_of(review, "三.（一）.1")
    task["heading"] = "化解过剩产能"
    task["units"].append({"name": "市教育局", "role": "cooperating", "span": None})
    task["deadlines"].append({"date": "2019-06-30", "text": "6月底前", "recurring": None})
    task["indicators"][0]["value"] = "270"  # as a form sends it
    draft = update_review(org.office, draft, review)
    task = task_of(draft.reviewed, "三.（一）.1")
    assert task["heading"] == "化解过剩产能"
    assert task["indicators"][0]["value"] == 270.0
    assert task["deadlines"][-1] == {
        "date": "2019-06-30",
        "text": "6月底前",
        "recurring": None,
        "span": None,
    }
    entry = next(e for e in draft.reviewed["units"] if e["name"] == "市教育局")
    assert entry == {
        "name": "市教育局",
        "unit": org.unit("other_dept").pk,
        "create": False,
        "areas": False,
    }
    last = AuditEntry.objects.filter(object_type="drafts.plandraft").order_by("-pk").first()
    assert last is not None and last.action == "update"


def test_bad_fields_are_refused_by_path_in_chinese_and_nothing_is_saved(org: Org) -> None:
    from lantian.web.drafts.models import PlanDraft
    from lantian.web.drafts.services import update_review

    draft = make_draft(org)
    before = copy.deepcopy(draft.reviewed)
    review = copy.deepcopy(before)
    review["plan"]["issued_on"] = "2019-02-30"
    review["plan"]["title"] = "改过的标题"  # right, but not saved either
    review["targets"][0]["period"] = "2019年"
    review["targets"][1]["value"] = "六十七"
    review["tasks"][1]["number"] = review["tasks"][0]["number"]
    review["tasks"][2]["units"][0]["role"] = "boss"
    review["tasks"][3]["deadlines"].append({"date": "", "text": "年内"})
    review["units"][0]["unit"] = 999_999
    with pytest.raises(ValidationError) as caught:
        update_review(org.office, draft, review)
    errors = caught.value.detail
    assert errors["plan"]["issued_on"] == ["日期格式应为 YYYY-MM-DD（例如 2019-12-31）。"]
    assert str(errors["targets"]["0"]["period"][0]).startswith(
        "无法识别的时段 / unrecognised period"
    )
    assert errors["targets"]["1"]["value"] == ["请填写数字。"]
    assert errors["tasks"]["1"]["number"] == ["第 1 项任务已使用编号 三.（一）.1。"]
    assert errors["tasks"]["2"]["units"]["0"]["role"] == [
        "请从以下选项中选择：lead、cooperating、responsible。"
    ]
    n = len(review["tasks"][3]["deadlines"]) - 1
    assert errors["tasks"]["3"]["deadlines"][str(n)]["date"] == ["必填。"]
    assert errors["units"]["0"]["unit"] == ["单位目录中没有该单位。"]
    assert PlanDraft.objects.get(pk=draft.pk).reviewed == before


def test_a_refusal_in_english_on_request(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    review = copy.deepcopy(draft.reviewed)
    review["plan"]["start"] = "2019-12-31"
    review["plan"]["end"] = "2019-01-01"
    client = client_for("office")
    url = f"/api/drafts/{draft.pk}/"
    zh = client.put(url, review, content_type="application/json")
    assert zh.status_code == 400
    assert zh.json()["errors"]["plan"]["end"] == ["方案截止日期早于起始日期。"]
    en = client.put(url + "?lang=en", review, content_type="application/json")
    assert en.json()["error"] == "plan: end: The plan ends before it starts."


def test_not_a_review_at_all_is_refused(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    client = client_for("office")
    for body in ([], {"plan": 3, "tasks": {"a": 1}}, {"tasks": [1, {"units": "x"}]}):
        response = client.put(f"/api/drafts/{draft.pk}/", body, content_type="application/json")
        assert response.status_code == 400, body
        assert response.json()["ok"] is False


def post_page(client: Any, draft: Any, review: dict[str, Any], op: str = "") -> Any:
    data = {"reviewed": json.dumps(review, ensure_ascii=False)}
    if op:
        data["op"] = op
    return client.post(f"/drafts/{draft.pk}/", data)


def test_the_page_merges_two_tasks(org: Org, client_for: Any) -> None:
    from lantian.web.drafts.models import PlanDraft

    draft = make_draft(org)
    client = client_for("office")
    first, second = draft.reviewed["tasks"][0], draft.reviewed["tasks"][1]
    response = post_page(client, draft, draft.reviewed, "merge:0")
    assert response.status_code == 302
    assert response["Location"] == f"/drafts/{draft.pk}/#task-0"
    tasks = PlanDraft.objects.get(pk=draft.pk).reviewed["tasks"]
    assert len(tasks) == 35
    merged = tasks[0]
    assert merged["number"] == "三.（一）.1"
    assert merged["text"] == first["text"] + "\n" + second["text"]
    assert merged["span"] == [first["span"][0], second["span"][1]]
    # 市工信局 leads task 1 and cooperates on task 2: it stays a lead unit
    assert [(u["name"], u["role"]) for u in merged["units"]] == [
        ("市发改委", "lead"),
        ("市工信局", "lead"),
        ("各县市区政府", "responsible"),
        ("市自然资源和规划局", "cooperating"),
        ("市投促局", "cooperating"),
        ("市行政审批局", "cooperating"),
        ("市生态环境局", "cooperating"),
        ("市城管局", "cooperating"),
        ("各县市区", "responsible"),
    ]
    assert [d["text"] for d in merged["deadlines"]] == ["2019年底"]  # once
    assert [i["name"] for i in merged["indicators"]] == [
        "压减水泥产能",
        "退出炼铁产能",
        "压减焦炭产能",
        "淘汰火电产能",
        "完成企业搬迁改造",
    ]


def test_the_page_splits_a_task_at_the_cursor(org: Org, client_for: Any) -> None:
    from lantian.web.drafts.models import PlanDraft

    draft = make_draft(org)
    client = client_for("office")
    text = draft.reviewed["tasks"][0]["text"]
    at = text.index("2019年底，压减水泥产能")
    response = post_page(client, draft, draft.reviewed, f"split:0:{at}")
    assert response.status_code == 302
    tasks = PlanDraft.objects.get(pk=draft.pk).reviewed["tasks"]
    one, two = tasks[0], tasks[1]
    assert (one["number"], two["number"]) == ("三.（一）.1.（1）", "三.（一）.1.（2）")
    assert one["text"] == (
        "坚定不移化解过剩产能。持续压减钢铁、焦化、水泥等过剩产能，严禁新增产能项目，严防“地条钢”"
        "死灰复燃，积极推进炭化室高度4.3米及以下、运行寿命超过10年的焦炉淘汰工作，加快推进独立焦化"
        "企业淘汰退出。"
    )
    assert two["text"] == (
        "2019年底，压减水泥产能260万吨，退出炼铁产能48万吨，压减焦炭产能50万吨，淘汰火电产能2.8万"
        "千瓦。健全监管机制，实施24小时远程监控，坚决防止封停淘汰设备复产。（市发改委、市工信局牵头，"
        "各县市区政府负责，以下均需各县市区落实，不再列出）"
    )
    assert one["deadlines"] == [] and [d["text"] for d in two["deadlines"]] == ["2019年底"]
    assert len(two["indicators"]) == 4 and one["indicators"] == []
    source = draft.source_text
    needle = "2019年底，压减水泥产能"
    assert source[two["span"][0] : two["span"][0] + len(needle)] == needle
    assert one["span"][1] == two["span"][0]


def test_the_page_drops_a_task_and_adds_one(org: Org, client_for: Any) -> None:
    from lantian.web.drafts.models import PlanDraft

    draft = make_draft(org)
    client = client_for("office")
    assert post_page(client, draft, draft.reviewed, "drop-task:35").status_code == 302
    review = PlanDraft.objects.get(pk=draft.pk).reviewed
    assert [t["number"] for t in review["tasks"]][-1] == "四.35"
    assert post_page(client, draft, review, "add-task:33").status_code == 302  # after 四.34
    review = PlanDraft.objects.get(pk=draft.pk).reviewed
    assert [t["number"] for t in review["tasks"]][-2:] == ["四.36", "四.35"]
    assert review["tasks"][-2]["text"] == ""


def test_the_page_shows_refused_fields_as_typed(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    client = client_for("office")
    review = copy.deepcopy(draft.reviewed)
    review["tasks"][4]["number"] = "第五条"
    response = post_page(client, draft, review)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="第五条"' in page
    assert "序号格式错误 / bad numbering &#x27;第五条&#x27;" in page
    assert 'id="task-4" data-extra' in page and "has-error" in page


def test_an_unreadable_post_is_refused(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    response = client_for("office").post(f"/drafts/{draft.pk}/", {"reviewed": "{not json"})
    assert response.status_code == 400
    assert "无法读取页面上的审核内容" in response.content.decode()


def test_a_split_without_a_cursor_is_refused(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    response = post_page(client_for("office"), draft, draft.reviewed, "split:0:0")
    assert response.status_code == 400
    assert "请先把光标放在任务内容中第二项任务开始的位置" in response.content.decode()


def test_the_page_saves_to_the_ledger_and_links_the_plan(org: Org, client_for: Any) -> None:
    from lantian.web.ledger.models import Plan

    draft = make_draft(org)
    client = client_for("office")
    review = copy.deepcopy(draft.reviewed)
    for entry in review["units"]:
        entry["create"] = entry["unit"] is None and not entry["areas"]
    response = client.post(
        f"/drafts/{draft.pk}/save/", {"reviewed": json.dumps(review, ensure_ascii=False)}
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert f'id="link-saved-plan" href="/ledger/plans/{plan.pk}/"' in page
    assert "已保存到台账：36 项任务、5 个目标。" in page
    again = client.post(f"/drafts/{draft.pk}/save/")
    assert again.status_code == 400
    assert "不能再修改或再次保存" in again.content.decode()


def test_the_page_lists_why_nothing_was_saved(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    response = client_for("office").post(f"/drafts/{draft.pk}/save/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "未向台账保存任何内容" in page
    assert "任务 三.（一）.2：单位“市自然资源和规划局”不在单位目录中" in page


def test_discarding_leaves_the_draft_read_only(org: Org, client_for: Any) -> None:
    from lantian.web.drafts.models import PlanDraft

    draft = make_draft(org)
    client = client_for("office")
    assert client.post(f"/drafts/{draft.pk}/discard/").status_code == 302
    assert PlanDraft.objects.get(pk=draft.pk).status == "discarded"
    refused = post_page(client, draft, draft.reviewed)
    assert refused.status_code == 400
    assert "该草稿已放弃" in refused.content.decode()
    assert client.post(f"/drafts/{draft.pk}/save/").status_code == 400


def test_the_review_page_shows_the_source_and_the_items(org: Org, client_for: Any) -> None:
    draft = make_draft(org)
    page = client_for("office").get(f"/drafts/{draft.pk}/").content.decode()
    assert 'id="source-text"' in page and "石政发〔2019〕3号" in page
    assert 'id="source-json"' in page and "drafts/review.js" in page
    assert page.count('class="task-card') == 36
    assert 'data-span="[611, 835]"' in page  # 三.（一）.1 in the text
    assert "方案导入" in page and "保存到台账" in page
