"""The numbering hierarchy and which items are tasks."""

from __future__ import annotations

from lantian.planning.extract.numerals import cn_to_int
from lantian.planning.extract.outline import parse_outline
from lantian.planning.extract.text import normalise


def paths(text: str) -> list[str]:
    return [i.path for i in parse_outline(normalise(text).text).tasks()]


def test_chinese_numerals() -> None:
    assert [cn_to_int(t) for t in ("一", "十", "十二", "二十二", "一百零五", "二〇一九")] == [
        1,
        10,
        12,
        22,
        105,
        2019,
    ]


def test_tasks_numbered_straight_through_the_sections() -> None:
    # Shijiazhuang 2019: 1、… under (一), 3、 continues under (二) and under 四、
    # (31、 after 30、 in the plan).
    text = (
        "### 一、总体思路\n坚持以改善环境空气质量为核心。\n"
        "### 二、工作目标\n2019年，全市PM2.5平均浓度达到67微克/立方米。\n"
        "### 三、工作措施\n#### （一）着力打好去产能和退城搬迁攻坚战\n"
        "1、坚定不移化解过剩产能。持续压减。\n2、持续推进“火电围城”整改。\n"
        "#### （二）着力打好散煤整治和清洁替代攻坚战\n3、积极稳妥推进清洁取暖。\n"
        "#### 四、保障措施\n4、强化组织领导。各级政府。"
    )
    assert paths(text) == ["三.（一）.1", "三.（一）.2", "三.（二）.3", "四.4"]


def test_sub_items_stay_inside_the_task_whose_numbering_runs_on() -> None:
    # Zhengzhou 2017 layout: 1. … 3. run on from (一) into (二), so N. is the task level;
    # "3.生物质锅炉强化管理" has (1) (2), "4." runs (1)…(3) inline after ；
    text = (
        "一、工作任务\n（一）优化城市空间布局\n1.科学规划城区功能。严格落实。\n2.调整产业布局。合理确定。\n"
        "（二）强化燃煤污染控制\n3.生物质锅炉强化管理\n（1）应使用专用锅炉。\n"
        "（2）日常应使用天然气锅炉。\n牵头单位：区环保局\n"
        "4.强化工业露天堆场治理\n必须达到以下要求。\n(1)全封闭库房;(2)防风抑尘网; (3)密闭系统。"
    )
    o = parse_outline(normalise(text).text)
    assert o.task_kind() == "dot"
    assert paths(text) == ["一.（一）.1", "一.（一）.2", "一.（二）.3", "一.（二）.4"]
    task3, task4 = o.tasks()[2:]
    assert [c.path for c in task3.children] == ["一.（二）.3.（1）", "一.（二）.3.（2）"]
    assert [c.label for c in task4.children] == ["（1）", "（2）", "（3）"]  # read, inside 4.
    assert o.heading(task3) == "生物质锅炉强化管理"
    assert "牵头单位：区环保局" in o.text[task3.body : task3.end]


def test_restarted_numbering_the_level_of_titles_over_sub_items() -> None:
    # Every section restarts at 1.; at that level some items carry the work themselves and
    # one is a bare title over (1) (2): 1. is the task level.
    text = (
        "一、调整能源结构\n1.推进清洁取暖。完成改造。\n2.淘汰燃煤锅炉\n（1）拆除小锅炉。\n（2）改造大锅炉。\n"
        "二、强化扬尘管控\n1.加强施工扬尘管理。落实六个百分之百。\n2.推进道路保洁。提高机扫率。"
    )
    assert paths(text) == ["一.1", "一.2", "二.1", "二.2"]


def test_without_other_signs_the_task_level_is_that_of_most_leaves() -> None:
    # A county plan layout: （1） under 一、, restarted in every section, ① inside one task
    text = (
        "一、工业污染治理\n（1）推进超低排放改造。完成改造。\n（2）加强VOCs治理。①源头替代；②末端治理。\n"
        "二、扬尘污染治理\n（1）加强施工扬尘管理。落实要求。\n（2）推进道路保洁。提高机扫率。"
    )
    assert paths(text) == ["一.（1）", "一.（2）", "二.（1）", "二.（2）"]
    # with no sub-items at all the leaves are the tasks, as before
    assert paths("一、重点任务\n1.深化治理。\n2.加强管控。") == ["一.1", "一.2"]


def test_an_excerpt_must_start_at_the_first_number_of_its_top_level() -> None:
    # Known limit (docs/plan_extraction_rules.md): numbering that starts at 三、 is not followed.
    assert paths("三、工作任务\n（二）强化\n6.生物质锅炉强化管理。") == []


def test_numbers_inside_sentences_and_out_of_sequence_are_text() -> None:
    text = (
        "一、重点任务\n1.深化治理。颗粒物、二氧化硫、氮氧化物分别达到\n10、35、50毫克/立方米。\n"
        "5.不是下一项。\n2.第二项。"
    )
    assert paths(text) == ["一.1", "一.2"]


def test_guiding_ideas_targets_and_scope_hold_no_tasks() -> None:
    # Jingjinji 2020-2021 autumn-winter: 一、总体要求 with (一) (二) (三); tasks start at (四)
    text = (
        "一、总体要求\n（一）基本思路。以习近平生态文明思想为指导。\n（二）主要目标。全面完成。\n"
        "（三）实施范围。京津冀及周边地区。\n二、有效应对重污染天气\n（四）全面实施绩效分级差异化减排。各地严格按照。"
    )
    assert paths(text) == ["二.（四）"]


def test_headings_and_body_end() -> None:
    text = "三、工作措施\n（一）着力打好攻坚战\n1、坚定不移化解过剩产能。持续压减。\n原文地址：<http://example>"
    o = parse_outline(normalise(text).text)
    task = o.tasks()[0]
    assert o.heading(task) == "坚定不移化解过剩产能"
    assert o.heading(task.parent) == "着力打好攻坚战"  # type: ignore[arg-type]
    assert "原文地址" not in o.text[task.body : task.end]


def test_an_excerpt_starting_at_three() -> None:
    # a plan excerpt: its first number continues a count begun outside it (三、 then 四、;
    # （五） then （六）); tasks keep their numbers
    text = (
        "某市2022年大气污染防治工作方案（摘要）\n"
        "三、重点任务\n（五）深化工业炉窑治理。全面排查工业炉窑。\n"
        "（六）推进挥发性有机物治理。开展储罐综合治理。\n"
        "四、保障措施\n（七）强化资金保障。统筹使用专项资金。\n"
    )
    assert paths(text) == ["三.（五）", "三.（六）", "四.（七）"]
    # a lone number that nothing continues is still text
    assert paths("3、各县区于每月5日前报送。\n一、重点任务\n（一）压减产能。年底前完成。") == [
        "一.（一）"
    ]
