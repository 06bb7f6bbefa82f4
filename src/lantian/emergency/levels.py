"""Warning levels (预警级别) and the emission reductions each must reach (spec warnings.md §2, §5).

One definition of the levels for the whole package: grading decides a :class:`Level`, the
reduction list is checked against :data:`REQUIRED_REDUCTION` of that level.
"""

from __future__ import annotations

from enum import Enum

#: The pollutants whose whole-society emissions each level must cut (warnings.md §5).
POLLUTANTS: tuple[str, ...] = ("so2", "nox", "pm", "vocs")
#: Each pollutant's names (Chinese, English) as list files, the notice and the pages write them.
POLLUTANT_NAMES: dict[str, tuple[str, str]] = {
    "so2": ("二氧化硫", "SO2"),
    "nox": ("氮氧化物", "NOx"),
    "pm": ("颗粒物", "PM"),
    "vocs": ("挥发性有机物", "VOCs"),
}


class Level(Enum):
    """A warning level, ordered: ``Level.RED > Level.ORANGE`` (compare with ``rank``)."""

    BLUE = "blue"  # 蓝色 IV级 (2017 scheme only)
    YELLOW = "yellow"  # 黄色 III级
    ORANGE = "orange"  # 橙色 II级
    RED = "red"  # 红色 I级

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def zh(self) -> str:
        return _TEXT[self][0]

    @property
    def en(self) -> str:
        return _TEXT[self][1]

    @property
    def response(self) -> str:
        """The response grade (应急响应级别): IV … I."""
        return _TEXT[self][2]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Level.BLUE: 1, Level.YELLOW: 2, Level.ORANGE: 3, Level.RED: 4}
_TEXT = {
    Level.BLUE: ("蓝色预警", "blue warning", "IV级"),
    Level.YELLOW: ("黄色预警", "yellow warning", "III级"),
    Level.ORANGE: ("橙色预警", "orange warning", "II级"),
    Level.RED: ("红色预警", "red warning", "I级"),
}

#: Share of the city's daily whole-society emission of EACH pollutant of :data:`POLLUTANTS` that
#: the measures must remove at each level (warnings.md §5: 10 / 20 / 30 %). Blue: no mandatory
#: ratio (advisory measures; UNCONFIRMED as national text), hence 0.
REQUIRED_REDUCTION: dict[Level, float] = {
    Level.BLUE: 0.0,
    Level.YELLOW: 0.10,
    Level.ORANGE: 0.20,
    Level.RED: 0.30,
}

#: Display colour of each level (the HJ 633 附录A values for yellow, orange and red; plain blue).
COLOUR_HEX: dict[Level, str] = {
    Level.BLUE: "#0000FF",
    Level.YELLOW: "#FFFF00",
    Level.ORANGE: "#FF7E00",
    Level.RED: "#FF0000",
}

#: Names a file may use for a level (case-insensitive): the colour in Chinese or English, the
#: warning name, the response grade.
_NAMES: dict[str, Level] = {
    name.lower(): lv
    for lv, (zh, en, response) in _TEXT.items()
    for name in (lv.value, zh, zh[:2], zh[:1], en, response, response[:-1])
}


def colour_zh(level: Level) -> str:
    """The colour alone, as used in rule texts: ``黄色``."""
    return _TEXT[level][0][:2]


def parse_level(text: str) -> Level:
    """The level named by ``text`` (``orange``, ``橙色``, ``橙色预警``, ``II级``, ``II``…).

    Raises ``ValueError`` listing the accepted names.
    """
    key = text.strip().lower()
    if key in _NAMES:
        return _NAMES[key]
    raise ValueError(
        f"未知的预警级别 {text!r}，应为 蓝色/黄色/橙色/红色 "
        f"(unknown warning level {text!r}; expected blue, yellow, orange or red)"
    )
