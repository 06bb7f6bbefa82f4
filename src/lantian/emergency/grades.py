"""Environmental-performance grades (绩效分级) and list categories (performance_grading.md §1).

A grade is reached only when every indicator reaches it (短板原则: the lowest indicator decides,
:func:`shortboard`). Within one year, unapproved construction, emissions above the permit,
missing or unused automatic monitoring, or a penalty bar an enterprise from A, B and 引领性
(:func:`apply_bars`). A multi-industry enterprise is graded per industry and takes the lowest
grade (2026 rule, :func:`lowest`). Enterprises that cannot meet standards or permits are not
graded (:attr:`Category.NON_COMPLIANT`) but stay in the list and take the strictest measures.

Grades of different scales (A–D and 引领性/非引领性) are compared on one ladder, :data:`RANK`:
引领性 ranks with A and 非引领性 with B, because the plan text groups "A级和引领性" (own decision)
against "B级及以下和非引领性" (guide measures). The equivalence is UNCONFIRMED beyond that grouping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Grade(StrEnum):
    """A performance grade; the value is the spelling used in lists and files."""

    A_PLUS = "A+"  # 2026 rule: selected from A; its measures UNCONFIRMED (treated as A)
    A = "A"
    B = "B"
    B_MINUS = "B-"  # B−: some industries, between B and C
    C = "C"
    D = "D"
    LEADING = "引领性"
    NON_LEADING = "非引领性"

    @property
    def rank(self) -> int:
        return RANK[self]

    @property
    def own_decision(self) -> bool:
        """A, A+ and 引领性 may decide their own reductions during warnings (spec §1)."""
        return self in OWN_DECISION


class Category(StrEnum):
    """Where an enterprise stands in the list (one per enterprise)."""

    GRADED = "graded"  # graded under the guide (or a provincial standard)
    UNGRADED = "ungraded"  # industry without national grading (非重点行业): own measures only
    GUARANTEED = "guaranteed"  # 保障类: kept in the list, no stop/limit
    SMALL_MICRO = "small_micro"  # 小微: low-emission, may get fewer measures
    NON_COMPLIANT = "non_compliant"  # 不达标, not graded: strictest measures per line

    @property
    def zh(self) -> str:
        return CATEGORY_ZH[self]


CATEGORY_ZH: dict[Category, str] = {
    Category.GRADED: "已评级",
    Category.UNGRADED: "未分级行业",
    Category.GUARANTEED: "保障类",
    Category.SMALL_MICRO: "小微",
    Category.NON_COMPLIANT: "不达标不评级",
}

#: One ladder for every scale (higher is better). 引领性 ≙ A, 非引领性 ≙ B: UNCONFIRMED (see above).
RANK: dict[Grade, int] = {
    Grade.A_PLUS: 7,
    Grade.A: 6,
    Grade.LEADING: 6,
    Grade.B: 5,
    Grade.NON_LEADING: 5,
    Grade.B_MINUS: 4,
    Grade.C: 3,
    Grade.D: 2,
}
OWN_DECISION = frozenset({Grade.A_PLUS, Grade.A, Grade.LEADING})
#: Grades a barred enterprise cannot hold (spec §1: "cannot be A, B or 引领性"; A+ is above A).
BARRED = frozenset({Grade.A_PLUS, Grade.A, Grade.B, Grade.LEADING})

#: The scales of the spec. An industry whose scale the spec does not give accepts ANY_SCALE.
LETTERS: tuple[Grade, ...] = (Grade.A_PLUS, Grade.A, Grade.B, Grade.C, Grade.D)
LETTERS_WITH_B_MINUS: tuple[Grade, ...] = (
    Grade.A_PLUS,
    Grade.A,
    Grade.B,
    Grade.B_MINUS,
    Grade.C,
    Grade.D,
)
LEADING_SCALE: tuple[Grade, ...] = (Grade.LEADING, Grade.NON_LEADING)
ANY_SCALE: tuple[Grade, ...] = tuple(Grade)

#: Spellings accepted in files → grade (B− with a minus sign, "B-级", "A级"...).
_ALIASES: dict[str, Grade] = {
    "B−": Grade.B_MINUS,
    "B－": Grade.B_MINUS,
    "LEADING": Grade.LEADING,
    "NON-LEADING": Grade.NON_LEADING,
    "NON_LEADING": Grade.NON_LEADING,
}


def parse_grade(text: str) -> Grade:
    """``"B-"``, ``"B−级"``, ``"a"``, ``"引领性"`` → :class:`Grade`.

    ValueError names the known grades."""
    t = text.strip().removesuffix("级").strip()
    upper = t.upper()
    for g in Grade:
        if upper == g.value.upper():
            return g
    if upper in _ALIASES:
        return _ALIASES[upper]
    known = ", ".join(g.value for g in Grade)
    raise ValueError(f"未知绩效等级 / unknown grade {text!r}; 可用 / known: {known}")


def shortboard(indicator_grades: Mapping[str, Grade] | Iterable[Grade]) -> Grade:
    """短板原则: the grade is the lowest grade reached on any indicator (spec §1)."""
    grades: list[Grade] = list(
        indicator_grades.values() if isinstance(indicator_grades, Mapping) else indicator_grades
    )
    if not grades:
        raise ValueError("没有指标 / no indicator graded")
    return min(grades, key=lambda g: g.rank)


@dataclass(frozen=True)
class Violations:
    """What happened within the year before grading (spec §1, 短板原则 bars)."""

    unapproved_construction: bool = False  # 未批先建
    over_permit: bool = False  # 超许可浓度或排放量
    monitoring_missing: bool = False  # 未安装或未正常使用自动监测
    punished: bool = False  # 被处罚或移送司法

    @property
    def any(self) -> bool:
        return (
            self.unapproved_construction
            or self.over_permit
            or self.monitoring_missing
            or self.punished
        )


def apply_bars(grade: Grade, violations: Violations, scale: Sequence[Grade] = ANY_SCALE) -> Grade:
    """The grade after the one-year bars: a barred enterprise cannot be A, B or 引领性.

    A barred 引领性 becomes 非引领性; a barred A or B becomes the best grade of ``scale`` below
    B that is not barred (B− where the scale has it — the text names A, B and 引领性 only — else C).
    """
    if not violations.any or grade not in BARRED:
        return grade
    if grade is Grade.LEADING:
        return Grade.NON_LEADING
    allowed = [g for g in scale if g not in BARRED and g.rank < Grade.B.rank]
    if not allowed:
        raise ValueError(f"等级体系 {scale} 中没有 B 以下等级 / scale has no grade below B")
    return max(allowed, key=lambda g: g.rank)


def grade_enterprise(
    indicator_grades: Mapping[str, Grade] | Iterable[Grade],
    violations: Violations = Violations(),
    scale: Sequence[Grade] = ANY_SCALE,
) -> Grade:
    """短板原则 then the bars: the grade of an enterprise in one industry."""
    return apply_bars(shortboard(indicator_grades), violations, scale)


def lowest(grades: Iterable[Grade]) -> Grade:
    """A multi-industry enterprise takes its lowest grade (2026 rule, spec §1)."""
    grades = list(grades)
    if not grades:
        raise ValueError("没有等级 / no grade")
    return min(grades, key=lambda g: g.rank)


def in_scale(grade: Grade, scale: Sequence[Grade]) -> Grade:
    """``grade`` expressed on ``scale``: itself when the scale has it, else the best grade of the
    scale that is not better (引领性 → A, 非引领性 → B on A–D; A/A+ → 引领性, lower →
    非引领性 on the 引领性 scale; B− → C on a scale without B−)."""
    if grade in scale:
        return grade
    candidates = [g for g in scale if g.rank <= grade.rank]
    if not candidates:
        return min(scale, key=lambda g: g.rank)
    # on equal rank prefer the spelling native to the scale (LEADING/A share a rank)
    return max(candidates, key=lambda g: g.rank)
