"""Headings: the title sentence, else a title line standing alone in the text as given."""

from __future__ import annotations

from lantian.planning.extract import extract


def headings(text: str) -> dict[str, str]:
    return {t.number: t.heading for t in extract(text).tasks}


BODY = "全市新建工地全面安装扬尘在线监测设备，并与住建部门平台联网，数据实时传输。"


def test_a_title_line_followed_by_text_is_the_heading() -> None:
    text = (
        "一、重点任务\n（一）施工扬尘精细化管控\n" + BODY + "\n"
        "（二）渣土运输车辆管理\n渣土车全部实行密闭运输，安装卫星定位装置。\n"
    )
    assert headings(text) == {"一.（一）": "施工扬尘精细化管控", "一.（二）": "渣土运输车辆管理"}


def test_the_title_sentence_needs_no_layout() -> None:
    # run into one line with its 。, or wrapped inside: the first sentence is the heading
    assert headings("一、重点任务\n（一）强化秸秆禁烧。" + BODY) == {"一.（一）": "强化秸秆禁烧"}
    assert headings("一、重点任务\n（一）强化秸\n秆禁烧。" + BODY) == {"一.（一）": "强化秸秆禁烧"}


def test_a_full_line_broken_before_the_first_comma_is_a_wrap() -> None:
    # lines of about 30 characters: the task's first line is full, so its break is a wrap
    lines = [
        "一、重点任务",
        "（一）对城市建成区内未完成雨污分流改造和道路硬化的城中村及城乡结合",
        "部，由各区政府组织开展集中整治，同步清理积存垃圾和裸露堆土，严禁",
        "露天焚烧各类废弃物，确保年底前全部完成整治任务，不留死角和盲区。",
    ]
    assert headings("\n".join(lines)) == {"一.（一）": ""}
    # the same words as a short line standing alone are a title
    short = ["一、重点任务", "（一）城中村及城乡结合部整治", *lines[2:]]
    assert headings("\n".join(short)) == {"一.（一）": "城中村及城乡结合部整治"}


def test_a_line_ending_inside_a_list_or_a_bracket_is_no_title() -> None:
    text = "一、重点任务\n（一）推进钢铁、\n焦化行业治理，完成改造任务。\n"
    assert headings(text) == {"一.（一）": ""}
    text = "一、重点任务\n（一）推进挥发性有机物（\nVOCs）治理，完成改造任务。\n"
    assert headings(text) == {"一.（一）": ""}


def test_headings_are_given_as_written() -> None:
    text = "一、重点任务\n（一）实施挥发性有机物(VOCs)综合治理。开展排查。\n"
    assert headings(text) == {"一.（一）": "实施挥发性有机物(VOCs)综合治理"}
