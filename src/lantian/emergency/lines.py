"""The emergency reduction list (应急减排清单): production lines and the measure each takes.

A :class:`Line` is one production line, process or facility (spec §1 granularity) of an
enterprise, with its industry, the enterprise's grade in that industry, its list category and
its daily baseline emission per pollutant. :class:`ReductionList` resolves the measure of every
line at every level:

- 保障类, 居民供暖锅炉 and 生活服务业 are kept with no stop/limit (own stop/limit refused);
- not graded because non-compliant (不达标): stop at every level, with the strictest transport
  measure of the industry's table, "counted per production line";
- A, A+ and 引领性: 自主减排 by default (plan text §二(四)); a measure they write is counted;
- other graded lines: the industry table for the enterprise's applied grade — its lowest grade
  over its industries (2026 rule), expressed on the line's industry scale
  (:func:`lantian.emergency.grades.in_scale`); None where the spec has no table;
- 小微, 非重点行业 and non-industrial sources: only what the list writes.

An own measure (一厂一策) replaces the default and is refused when weaker
(:func:`lantian.emergency.measures.check_not_weaker`). :meth:`ReductionList.problems` lists every
refusal; :func:`build_list` raises the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from lantian.emergency.grades import Category, Grade, in_scale, lowest
from lantian.emergency.industries import default_measure, industry, strictest_transport
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.measures import (
    Kind,
    Measure,
    MeasureRefused,
    StopShareRule,
    baseline_output,
    check_exempt,
    check_not_weaker,
    fraction,
)

_REGULAR = {Category.GRADED, Category.UNGRADED}


@dataclass(frozen=True)
class Capacity:
    """Capacities of a line as daily averages (spec §1 baseline of 限产)."""

    eia: float | None = None  # 环评批复产能
    permit: float | None = None  # 排污许可载明产能
    actual: float | None = None  # 前一年正常生产实际产量
    unit: str = ""

    @property
    def baseline(self) -> float:
        return baseline_output(self.eia, self.permit, self.actual)


@dataclass(frozen=True, eq=False)
class Line:
    """One line of the list. ``emissions``: daily emission at the baseline output [t/d]."""

    line_id: str
    enterprise_id: str
    industry: str
    emissions: Mapping[str, float]
    name: str = ""
    enterprise: str = ""
    grade: Grade | None = None
    category: Category = Category.GRADED
    capacity: Capacity | None = None
    normal_coking_h: float | None = None  # normal coking cycle [h], for 出焦时间延长
    own: Mapping[Level, Measure] = field(default_factory=dict)  # 一厂一策, by level
    synthetic: bool = False
    note: str = ""
    row: int | None = None  # line of the list file it came from

    def emission(self, pollutant: str) -> float:
        return float(self.emissions.get(pollutant, 0.0))

    @property
    def label(self) -> str:
        who = " ".join(x for x in (self.enterprise, self.name) if x)
        return f"{self.line_id} {who}".strip()


@dataclass(frozen=True, eq=False)
class ReductionList:
    lines: tuple[Line, ...]
    rule: StopShareRule = StopShareRule.LINE_STOPS

    @cached_property
    def _enterprise_grades(self) -> dict[str, Grade]:
        by: dict[str, list[Grade]] = {}
        for ln in self.lines:
            if ln.grade is not None and ln.category is Category.GRADED:
                by.setdefault(ln.enterprise_id, []).append(ln.grade)
        return {e: lowest(gs) for e, gs in by.items()}

    def enterprise_grade(self, enterprise_id: str) -> Grade | None:
        """The enterprise's grade: the lowest over its industries (2026 rule)."""
        return self._enterprise_grades.get(enterprise_id)

    def applied_grade(self, line: Line) -> Grade | None:
        """The enterprise grade expressed on the line's industry scale."""
        g = self.enterprise_grade(line.enterprise_id)
        return None if g is None else in_scale(g, industry(line.industry).scale)

    def exemption(self, line: Line) -> str | None:
        """Why the line must not be stopped or limited, or None."""
        if line.category is Category.GUARANTEED:
            return "保障类"
        ind = industry(line.industry)
        return ind.zh if ind.exempt else None

    def default(self, line: Line, level: Level) -> Measure | None:
        """The measure the rules give the line at ``level`` without its own measure."""
        ind = industry(line.industry)
        if self.exemption(line) is not None or ind.non_industrial:
            return None
        if line.category is Category.NON_COMPLIANT:
            return Measure(Kind.STOP, transport=strictest_transport(ind.code, level))
        if line.category is not Category.GRADED:
            return None
        grade = self.applied_grade(line)
        if grade is None:
            return None
        if grade.own_decision:
            return default_measure(ind.code, grade, level) or Measure(Kind.OWN)
        return default_measure(ind.code, grade, level)

    def measure(self, line: Line, level: Level) -> Measure | None:
        """The line's measure at ``level``: its own where written, else the default."""
        own = line.own.get(level)
        return own if own is not None else self.default(line, level)

    def r(self, line: Line, level: Level) -> float:
        """r_line(L): the share of the line's baseline emission removed at ``level``."""
        return fraction(
            self.measure(line, level), normal_coking_h=line.normal_coking_h, rule=self.rule
        )

    def reduction(self, line: Line, level: Level) -> dict[str, float]:
        """E_p,line,daily × r_line(L) per pollutant [t/d]."""
        r = self.r(line, level)
        return {p: line.emission(p) * r for p in POLLUTANTS}

    def emission_reduction(self, line: Line, level: Level, pollutant: str) -> float:
        """E_p,line,daily × r_line(L) [t/d] for one pollutant."""
        return line.emission(pollutant) * self.r(line, level)

    def allowed_output(self, line: Line, level: Level) -> float | None:
        """Output the line may keep at ``level`` [capacity unit/d], None without capacities."""
        if line.capacity is None:
            return None
        return line.capacity.baseline * (1.0 - self.r(line, level))

    def without_measure(self, level: Level) -> list[Line]:
        """Lines with no measure at ``level`` (neither a default nor their own), exempt ones
        excepted: the check names them."""
        return [
            ln
            for ln in self.lines
            if self.exemption(ln) is None and self.measure(ln, level) is None
        ]

    def transport_restricted(self, level: Level) -> list[tuple[Line, Measure]]:
        """Lines whose measure at ``level`` restricts trucks or road transport."""
        out = []
        for ln in self.lines:
            m = self.measure(ln, level)
            if m is not None and m.transport.rank > 0:
                out.append((ln, m))
        return out

    def problems(self) -> list[MeasureRefused]:
        """Every refusal of the list, in line order (empty when the list is acceptable)."""
        out: list[MeasureRefused] = []
        seen: dict[str, Line] = {}
        categories: dict[str, Category] = {}
        grades: dict[tuple[str, str], Grade | None] = {}
        for ln in self.lines:
            for problem in self._line_problems(ln, seen, categories, grades):
                problem.row = ln.row
                out.append(problem)
        return out

    def _line_problems(
        self,
        ln: Line,
        seen: dict[str, Line],
        categories: dict[str, Category],
        grades: dict[tuple[str, str], Grade | None],
    ) -> list[MeasureRefused]:
        def refuse(reason: str, level: Level | None = None, p: str | None = None) -> None:
            found.append(MeasureRefused(ln.line_id, level, p, reason))

        found: list[MeasureRefused] = []
        try:
            ind = industry(ln.industry)
        except KeyError as e:
            refuse(str(e.args[0]))
            return found
        if ln.line_id in seen:
            refuse(f"生产线编号重复 / duplicate line id {ln.line_id!r}")
        seen[ln.line_id] = ln
        # graded and ungraded lines mix (a graded enterprise with a line of an ungraded
        # industry); the special categories hold for the whole enterprise
        first = categories.setdefault(ln.enterprise_id, ln.category)
        if first is not ln.category and {first, ln.category} != _REGULAR:
            refuse(
                f"企业 {ln.enterprise_id} 的类别不一致：{first.zh} 与 {ln.category.zh} / "
                f"enterprise {ln.enterprise_id} has two categories"
            )
        key = (ln.enterprise_id, ind.code)
        if key in grades and grades[key] != ln.grade:
            refuse(f"企业 {ln.enterprise_id} 在{ind.zh}行业有两个等级 / two grades in one industry")
        grades.setdefault(key, ln.grade)
        for p, v in ln.emissions.items():
            if p not in POLLUTANTS:
                refuse(f"未知污染物 / unknown pollutant {p!r}")
            elif not v >= 0:
                refuse(f"{p} 排放量不能为负 / emission cannot be negative: {v}", p=p)
        if ln.category is Category.GRADED and not ind.non_industrial:
            if ln.grade is None and ind.key:
                refuse(
                    f"{ind.zh}是重点行业，需填写绩效等级或类别 / "
                    "a key industry needs a grade or a category"
                )
            elif ln.grade is not None and ln.grade not in ind.scale:
                allowed = "/".join(g.value for g in ind.scale)
                refuse(
                    f"{ind.zh}的等级只有 {allowed}，不能是 {ln.grade.value} / "
                    f"grade {ln.grade.value} is not on the {ind.en} scale"
                )
        elif ln.grade is not None and ln.category is not Category.GRADED:
            refuse(
                f"{ln.category.zh}企业不填写绩效等级 / a {ln.category.value} enterprise has no "
                "grade"
            )
        for level, own in ln.own.items():
            try:
                self._check_own(ln, ind.non_industrial, level, own)
            except (MeasureRefused, ValueError) as e:
                if isinstance(e, MeasureRefused):
                    found.append(e)
                else:
                    refuse(str(e), level)
        return found

    def _check_own(self, ln: Line, non_industrial: bool, level: Level, own: Measure) -> None:
        if non_industrial and own.kind not in (Kind.ESTIMATE, Kind.NONE):
            raise MeasureRefused(
                ln.line_id,
                level,
                None,
                f"非工业源只填写估算削减比例 / a non-industrial line takes 估算削减x%, "
                f"not 「{own.zh}」",
            )
        if not non_industrial and own.kind is Kind.ESTIMATE:
            raise MeasureRefused(
                ln.line_id,
                level,
                None,
                "估算削减只用于非工业源 / 估算削减 is for non-industrial sources only",
            )
        why = self.exemption(ln)
        if why is not None:
            check_exempt(own, line=ln.line_id, level=level, why=why)
        if own.kind is Kind.COKING_TIME:
            fraction(own, normal_coking_h=ln.normal_coking_h)  # needs the normal coking time
        check_not_weaker(
            self.default(ln, level),
            own,
            line=ln.line_id,
            level=level,
            emissions=ln.emissions,
            normal_coking_h=ln.normal_coking_h,
            rule=self.rule,
        )


def build_list(
    lines: Iterable[Line], rule: StopShareRule = StopShareRule.LINE_STOPS
) -> ReductionList:
    """A checked list; raises the first refusal of :meth:`ReductionList.problems`."""
    lst = ReductionList(tuple(lines), rule)
    problems = lst.problems()
    if problems:
        raise problems[0]
    return lst
