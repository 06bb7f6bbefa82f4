"""The warning levels: order, names, colours and the names files may use (warnings.md §2)."""

from __future__ import annotations

import pytest

from lantian.emergency.levels import COLOUR_HEX, Level, colour_zh, parse_level


def test_levels_are_ordered_blue_to_red() -> None:
    assert Level.BLUE < Level.YELLOW < Level.ORANGE < Level.RED
    assert max(Level) is Level.RED
    assert [lv.response for lv in sorted(Level)] == ["IV级", "III级", "II级", "I级"]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("orange", Level.ORANGE),
        ("橙色", Level.ORANGE),
        ("橙色预警", Level.ORANGE),
        ("II级", Level.ORANGE),
        ("ii", Level.ORANGE),
        (" Red ", Level.RED),
        ("I级", Level.RED),
        ("黄", Level.YELLOW),
        ("IV", Level.BLUE),
    ],
)
def test_levels_are_read_in_every_spelling(text: str, level: Level) -> None:
    assert parse_level(text) is level


def test_an_unknown_level_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="蓝色/黄色/橙色/红色"):
        parse_level("紫色")


def test_colours_follow_hj633_for_yellow_orange_red() -> None:
    # HJ 633-2012 附录A: yellow #FFFF00, orange #FF7E00, red #FF0000
    assert COLOUR_HEX[Level.ORANGE] == "#FF7E00"
    assert [colour_zh(lv) for lv in sorted(Level)] == ["蓝色", "黄色", "橙色", "红色"]
