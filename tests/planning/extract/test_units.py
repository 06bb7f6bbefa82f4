"""Units in parentheses, in label lines, standing rules; matching against the registry."""

from __future__ import annotations

from lantian.planning.extract.registry import RegistryUnit, match_unit
from lantian.planning.extract.text import normalise
from lantian.planning.extract.units import find_units, looks_like_unit, same_collective


def units(text: str) -> list[tuple[str, str]]:
    n = normalise(text)
    return [(m.name, m.role) for m in find_units(n, 0, len(n.text)).mentions]


def test_parenthesis_with_lead_and_cooperating_units() -> None:
    # Shijiazhuang 2019, task 4
    assert units(
        "持续推进燃气锅炉低氮燃烧改造。（市生态环境局牵头,市工信局、市发改委、市城管局配合）"
    ) == [
        ("市生态环境局", "lead"),
        ("市工信局", "cooperating"),
        ("市发改委", "cooperating"),
        ("市城管局", "cooperating"),
    ]


def test_roles_joined_by_a_dun_and_several_clauses_of_one_role() -> None:
    assert units("（市公安局牵头、市供销社配合）") == [
        ("市公安局", "lead"),
        ("市供销社", "cooperating"),
    ]
    assert units("（各县市区政府，市政府有关部门负责）") == [
        ("各县市区政府", "responsible"),
        ("市政府有关部门", "responsible"),
    ]


def test_a_parenthesis_broken_over_lines_and_widths() -> None:
    assert units("改造。（市城管局牵头，\n\n市发改委、市农业农村局配合)对清洁取暖") == [
        ("市城管局", "lead"),
        ("市发改委", "cooperating"),
        ("市农业农村局", "cooperating"),
    ]


def test_other_parentheses_are_not_units() -> None:
    assert units("应实施关停（必须依托城市或直接服务于城市的企业除外）；") == []
    assert units("燃煤锅炉（含茶水炉、经营性炉灶等燃煤设施）淘汰") == []
    assert not looks_like_unit("经营性炉灶")
    assert looks_like_unit("各县（市、区）政府") and looks_like_unit("交警二大队")


def test_standing_rule_keeps_its_name_as_written() -> None:
    # Shijiazhuang 2019 task 1: the rule says 各县市区 although the parenthesis says
    # 各县市区政府 (docs/plan_labelling.md §4: names as written, no expansion)
    n = normalise("（市发改委、市工信局牵头，各县市区政府负责，以下均需各县市区落实，不再列出）")
    found = find_units(n, 0, len(n.text))
    assert [(m.name, m.role) for m in found.mentions] == [
        ("市发改委", "lead"),
        ("市工信局", "lead"),
        ("各县市区政府", "responsible"),
    ]
    assert [(m.name, m.role) for m in found.standing] == [("各县市区", "responsible")]
    s = found.standing[0]
    assert n.source(s.start, s.end) == "各县市区"  # the span points at the rule itself


def test_same_collective() -> None:
    assert same_collective("各县市区", "各县市区政府")
    assert same_collective("各县市区", "各县市区人民政府")
    assert same_collective("各县市区", "各县市区")
    assert not same_collective("各县市区", "各县市区环保局")
    assert not same_collective("各县市区", "市政府有关部门")


def test_bare_xia_tong_repeats_the_responsible_units() -> None:
    n = normalise("（市生态环境局牵头，各县（市、区）政府负责，下同）")
    found = find_units(n, 0, len(n.text))
    assert [(m.name, m.role) for m in found.standing] == [("各县（市、区）政府", "responsible")]


def test_label_lines_wrapped_mid_name() -> None:
    # Zhengzhou 2017, task 23: the list wraps inside 区重点项目办 and 各街道办事处
    text = (
        "一律实行停工整治。\n\n牵头单位:区建设局、区农委\n\n责任单位:区城管局、区交通局、区南水北调局、区重点项\n\n"
        "目办、区征收办,各街道办事\n\n处"
    )
    assert units(text) == [
        ("区建设局", "lead"),
        ("区农委", "lead"),
        ("区城管局", "responsible"),
        ("区交通局", "responsible"),
        ("区南水北调局", "responsible"),
        ("区重点项目办", "responsible"),
        ("区征收办", "responsible"),
        ("各街道办事处", "responsible"),
    ]


def test_label_list_separated_by_spaces_and_followed_by_text() -> None:
    # a 2021 layout: units separated by spaces in one cell, and a sentence right after
    assert units("牵头部门：市生态环境局 市公安局\n配合部门：市交通运输局各地要加强监管。") == [
        ("市生态环境局", "lead"),
        ("市公安局", "lead"),
        ("市交通运输局", "cooperating"),
    ]


REGISTRY = [
    RegistryUnit("石家庄市发展和改革委员会", "市发改委"),
    RegistryUnit("石家庄市生态环境局"),
    RegistryUnit("石家庄市工业和信息化局", "市工信局", ("工信局",)),
    RegistryUnit("市城市管理综合行政执法局", "市城管局"),
    RegistryUnit("区环保局"),
    RegistryUnit("区环保分局"),
]


def test_registry_matching_order_and_conservative_variants() -> None:
    def hit(name: str) -> str | None:
        u = match_unit(name, REGISTRY)
        return u.name if u else None

    assert hit("石家庄市生态环境局") == "石家庄市生态环境局"  # exact
    assert hit("市发改委") == "石家庄市发展和改革委员会"  # short name
    assert hit("工信局") == "石家庄市工业和信息化局"  # alias
    assert hit("市生态环境局") == "石家庄市生态环境局"  # 市X ↔ 〈city〉市X
    assert hit("市 城管局") == "市城市管理综合行政执法局"  # spaces do not matter
    assert hit("环保局") == "区环保局"  # without the 区 prefix, one candidate
    assert hit("市公安局") is None  # unknown: proposed as new


def test_units_in_running_text_closed_by_their_role_word() -> None:
    # the 由…牵头，…配合 form of many city plans, without parentheses or labels
    assert units(
        "2023年底前完成全市加油站油气回收在线监控建设。由市商务局牵头，市市场监管局、"
        "市生态环境局配合，各县（市、区）人民政府负责落实。"
    ) == [
        ("市商务局", "lead"),
        ("市市场监管局", "cooperating"),
        ("市生态环境局", "cooperating"),
        ("各县（市、区）人民政府", "responsible"),
    ]
    # a lead-in before 由, a role with 负责 after it, and a list joined by 和
    assert units("此项工作由市发展和改革委员会牵头负责，市公安局和市城管局配合。") == [
        ("市发展和改革委员会", "lead"),
        ("市公安局", "cooperating"),
        ("市城管局", "cooperating"),
    ]
    assert units("新能源公交车比例达到85%以上。市交通运输局负责。") == [
        ("市交通运输局", "responsible")
    ]
    assert units("市卫生健康委、市教育局按职责分工负责。") == [
        ("市卫生健康委", "responsible"),
        ("市教育局", "responsible"),
    ]


def test_running_text_without_an_unambiguous_role_is_not_a_unit() -> None:
    # the role word followed by the work: the body is the sentence's actor
    assert units("市交通运输局负责全市出租车新能源替代工作。") == []
    assert units("市生态环境局牵头组织开展秋冬季执法检查。") == []
    # not a unit, or no role word at all
    assert units("由企业负责，按月报送治理进展。") == []
    assert units("由市政府督查室会同市生态环境局进行约谈。") == []
    assert units("各区县要落实属地责任，市大气办每月通报进展。") == []


def test_standing_rule_in_running_text() -> None:
    n = normalise("以下各项任务均由各区县政府落实，不再一一列出。")
    found = find_units(n, 0, len(n.text))
    assert found.mentions == []
    assert [(m.name, m.role) for m in found.standing] == [("各区县政府", "responsible")]
