"""The whole extraction: plan metadata, a 2021 plan in the label layout, the shared samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lantian.planning.extract import extract, extract_file, read_registry
from lantian.planning.extract.registry import RegistryError
from lantian.planning.extract.text import normalise
from tests.planning.extract.conftest import DATA, PLANS

BAODING = DATA / "baoding_2021.txt"


def test_plan_metadata_of_a_notice_with_its_document_number_in_square_brackets() -> None:
    e = extract_file(BAODING)
    text = BAODING.read_text(encoding="utf-8")
    plan = e.plan.to_dict()
    assert {k: (v or {}).get("value") for k, v in plan.items() if k != "period"} == {
        "title": "保定市2021年大气污染综合治理工作方案",
        "issuer": "保定市人民政府",
        "document_number": "保政发〔2021〕5号",
        "issued_on": "2021-03-15",
        "area": "保定市",
    }
    assert (plan["period"]["start"], plan["period"]["end"]) == ("2021-01-01", "2021-12-31")
    s, t = plan["document_number"]["span"]
    assert text[s:t] == "保政发 [2021] 5 号"
    s, t = plan["title"]["span"]  # the title is broken over two lines in the file
    assert text[s:t] == "保定市2021年大气污染综合治理\n工作方案"


def test_plan_metadata_of_a_red_header_and_a_draft_without_one() -> None:
    e = extract(
        "郑州市中原区人民政府文件\n中原政 〔2017〕2号\n关于"
        "印发中原区2017年大气污染防治\n\n攻坚行动方案的通知\n"
        "2017年2月27日\n一、指导思想\n坚持。"
    )
    p = e.plan
    assert (p.issuer and p.issuer.value, p.document_number and p.document_number.value) == (
        "郑州市中原区人民政府",
        ("中原政〔2017〕2号"),
    )
    assert p.title and p.title.value == "中原区2017年大气污染防治攻坚行动方案"
    draft = extract(
        "附件\n\n京津冀及周边地区、汾渭平原 2020-2021 "
        "年秋冬季\n大气污染综合治理攻坚行动方案\n\n（征求意见稿"
        "）\n\n一、总体要求\n（一）基本思路。"
    )
    d = draft.plan
    assert (
        d.title
        and d.title.value
        == "京津冀及周边地区、汾渭平原2020-2021年秋冬季大气污染综合治理攻坚行动方案"
    )
    assert d.period and (d.period.start.isoformat(), d.period.end.isoformat()) == (
        "2020-10-01",
        "2021-03-31",
    )
    assert d.area and d.area.value == "京津冀及周边地区、汾渭平原"
    assert d.issuer is None and d.document_number is None and d.issued_on is None


def test_a_2021_plan_in_the_label_layout() -> None:
    e = extract_file(BAODING, read_registry(DATA / "units.csv"))
    d = e.to_dict()
    tasks = {t["number"]: t for t in d["tasks"]}
    # 1. … 4. run on from (一) into (二): that is the task level; 3.'s (1) (2) are sub-items
    # inside task 3, and 三、保障措施 (no 5.) gives its own lowest items, （一）
    assert list(tasks) == [
        "二.（一）.1",
        "二.（一）.2",
        "二.（二）.3",
        "二.（二）.4",
        "三.（一）",
    ]

    def units(n: str) -> list[tuple[str, str]]:
        return [(u["name"], u["role"]) for u in tasks[n]["units"]]

    def dls(n: str) -> list[tuple[str, str | None]]:
        return [(x["date"], x["recurring"]) for x in tasks[n]["deadlines"]]

    assert units("二.（一）.1") == [
        ("市发展改革委", "lead"),
        ("市工业和信息化局", "cooperating"),
        ("市生态环境局", "cooperating"),
        ("各县（市、区）政府", "responsible"),
    ]
    # the label block after the last sub-item belongs to the task; a page number sits
    # inside task 2
    assert units("二.（二）.3") == [
        ("市住房和城乡建设局", "lead"),
        ("各县（市、区）政府", "responsible"),
    ]
    assert tasks["二.（二）.3"]["heading"] == "加强施工扬尘管理"
    assert units("二.（一）.2") == [("市生态环境局", "lead"), ("各县（市、区）政府", "responsible")]
    assert units("二.（二）.4") == [
        ("市交通运输局", "lead"),
        ("市公安局交通管理支队", "cooperating"),
    ]
    assert dls("二.（一）.1") == [("2021-12-31", None)]
    assert dls("二.（一）.2") == [("2021-09-30", None)]
    assert dls("二.（二）.3") == [
        ("2021-12-31", None),  # 年内
        ("2021-12-31", "monthly"),  # 每月, dated the period's end
        ("2021-09-30", None),  # 采暖季前: the day before 2021-10-01
    ]
    assert dls("二.（二）.4") == [("2022-03-31", None)]
    assert dls("三.（一）") == [("2021-12-31", "quarterly")]
    assert [(i["value"], i["unit"]) for i in tasks["二.（一）.1"]["indicators"]] == [
        (200.0, "万吨"),
        (120.0, "台"),
    ]
    # 500 套 of (1), and 每月开展一次 of (2): a frequency with a count
    assert [(i["value"], i["unit"]) for i in tasks["二.（二）.3"]["indicators"]] == [
        (500.0, "套"),
        (1.0, "次"),
    ]
    assert [(x["pollutant"], x["value"]) for x in tasks["二.（一）.2"]["limits"]] == [
        ("PM", 10.0),
        ("SO2", 35.0),
        ("NOx", 50.0),
    ]
    assert [(t["metric"], t["op"], t["value"], t["change"]) for t in d["targets"]] == [
        ("pm25", "<=", 50.0, False),
        ("pm25", "<=", -5.0, True),
        ("good_ratio", ">=", 62.0, False),
        ("heavy_days", "<=", 10.0, False),
    ]
    registry = {u["name"]: u["registry"] for u in d["units"]}
    assert registry["市发展改革委"] == "保定市发展和改革委员会"  # short name
    assert registry["市生态环境局"] == "保定市生态环境局"  # 市X ↔ 保定市X
    assert registry["市住房和城乡建设局"] == "保定市住房和城乡建设局"
    assert registry["市公安局交通管理支队"] is None  # proposed as a new unit


def test_every_span_points_at_its_source_text() -> None:
    text = BAODING.read_text(encoding="utf-8")
    d = extract_file(BAODING).to_dict()
    assert d["source"]["chars"] == len(text) and d["source"]["file"] == "baoding_2021.txt"
    for task in d["tasks"]:
        s, e = task["span"]
        assert "".join(text[s:e].split()).startswith(
            task["number"].split(".")[-1].replace("（", "（")
        )
        for u in task["units"]:
            s, e = u["span"]
            assert "".join(text[s:e].split()) in (
                u["name"],
                u["name"].replace("（", "(").replace("）", ")"),
            )
        for x in task["deadlines"]:
            s, e = x["span"]
            assert "".join(text[s:e].split()) == x["text"]
    json.dumps(d, ensure_ascii=False)  # the shape is JSON


def test_standing_rule_applies_to_every_later_task() -> None:
    text = (
        "三、工作措施\n1、化解过剩产能。2019年底，压减水泥产能260万吨。（市发改委、市工信局牵头，各县市区政府负责，"
        "以下均需各县市区落实，不再列出）\n2、推进退城搬迁。（市发改委牵头，市工信局配合）\n"
        "四、保障措施\n3、强化组织领导。（各县市区政府，市政府有关部门负责）"
    )
    tasks = extract(text).tasks
    # the rule's own wording, as written (docs/plan_labelling.md §4)
    assert [(u.name, u.role) for u in tasks[1].units] == [
        ("市发改委", "lead"),
        ("市工信局", "cooperating"),
        ("各县市区", "responsible"),
    ]
    # a task naming the same collective itself (各县市区政府负责) gets no second entry
    assert [(u.name, u.role) for u in tasks[2].units] == [
        ("各县市区政府", "responsible"),
        ("市政府有关部门", "responsible"),
    ]


def test_bad_unit_file_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text("name,short_name\n市发改委,\n市发改委,发改\n", encoding="utf-8")
    with pytest.raises(
        RegistryError, match=r"u\.csv:3: .*duplicate unit '市发改委' \(first at line 2\)"
    ):
        read_registry(p)


def test_unit_file_lines_are_physical_lines_and_xlsx_is_read(tmp_path: Path) -> None:
    # a quoted name over two lines (2–3): the repeated 市工信局 is on line 5, its first on line 4
    p = tmp_path / "u.csv"
    p.write_text('name,aliases\n"市生态\n环境局",环保局\n市工信局,\n市工信局,\n', encoding="utf-8")
    with pytest.raises(
        RegistryError, match=r"u\.csv:5: .*duplicate unit '市工信局' \(first at line 4\)"
    ):
        read_registry(p)
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("name\n市发改委\n".encode("gbk"))
    with pytest.raises(RegistryError, match=r"gbk\.csv:2: .*not UTF-8"):
        read_registry(gbk)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["name", "short_name", "aliases"])
    ws.append(["石家庄市发展和改革委员会", "市发改委", "发改委；市发展改革委"])
    wb.save(tmp_path / "u.xlsx")
    (unit,) = read_registry(tmp_path / "u.xlsx")
    assert (unit.name, unit.short_name, unit.aliases) == (
        "石家庄市发展和改革委员会",
        "市发改委",
        ("发改委", "市发展改革委"),
    )


SAMPLES = {
    "shijiazhuang_2019.txt": (36, "石政发〔2019〕3号"),
    "zhengzhou_zhongyuan_2017.txt": (54, "中原政〔2017〕2号"),  # 1.–47. and 四、(一)–(七)
    "jingjinji_fenwei_2020-2021_autumn_winter_draft.txt": (19, None),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_plans_end_to_end(name: str) -> None:
    path = PLANS / name
    if not path.exists():
        pytest.skip(f"{path} not copied yet")
    e = extract_file(path)
    n_tasks, number = SAMPLES[name]
    assert len(e.tasks) == n_tasks
    assert (e.plan.document_number.value if e.plan.document_number else None) == number
    text = path.read_text(encoding="utf-8")
    for task in e.tasks:
        for u in task.units:  # a standing unit points at its rule (各县市区 → 各县市区政府)
            assert u.name.startswith(normalise(text[u.span[0] : u.span[1]]).text)
        for x in task.deadlines:
            assert normalise(text[x.span[0] : x.span[1]]).text == x.text
