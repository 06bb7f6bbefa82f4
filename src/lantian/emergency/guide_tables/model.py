"""The tables' model: industries, default measures, versions, overrides, and the problems a
refused set reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lantian.emergency.grades import Grade
from lantian.emergency.levels import Level
from lantian.emergency.measures import Measure, Transport

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
INDUSTRIES_CSV = DATA_DIR / "industries.csv"
MEASURES_CSV = DATA_DIR / "measures_default.csv"

#: Number of key industries of the 2020 guide (spec §1, plan text §二(四)).
KEY_INDUSTRIES_2020 = 39
#: Row statuses. ``example``: an illustrative row of an illustrative set, never official.
STATUSES = ("confirmed", "UNCONFIRMED", "n/a", "example")
INDUSTRY_COLUMNS = (
    "code",
    "name_zh",
    "name_en",
    "key_2020",
    "graded_2019",
    "scale",
    "scale_status",
    "exempt",
    "spec",
    "status",
    "note",
)
MEASURE_COLUMNS = ("industry", "grade", "level", "measure", "status", "source")


@dataclass(frozen=True)
class Industry:
    code: str
    zh: str
    en: str
    key: bool  # one of the 39 key industries of the 2020 guide
    graded_2019: bool  # one of the 15 graded by the 2019 guidance (648号)
    scale: tuple[Grade, ...]  # ANY_SCALE where the tables do not give it
    scale_status: str  # one of STATUSES
    exempt: bool  # listed but never stopped or limited
    spec: str  # section of the spec or clause of the guide
    status: str
    note: str
    origin: str = ""  # name of the guide version the row comes from

    @property
    def non_industrial(self) -> bool:
        return self.code == "non_industrial"


@dataclass(frozen=True)
class DefaultMeasure:
    industry: str
    grade: Grade
    level: Level
    measure: Measure
    status: str
    source: str
    origin: str = ""  # name of the guide version the row comes from
    path: Path | None = None
    line: int | None = None


@dataclass(frozen=True)
class GuideVersion:
    """Who keyed which guide in, when (the manifest's ``[guide]``)."""

    name: str
    keyed_by: str
    keyed_on: date | None
    issued: date | None = None
    title: str = ""
    illustrative: bool = False
    note: str = ""
    manifest: Path | None = None


#: The tables shipped in ``data/`` (20 of the 39 industries; only cement clinker has measures).
PACKAGED = GuideVersion(
    name="lantian 内置表 / packaged tables (spec performance_grading.md)",
    keyed_by="lantian",
    keyed_on=date(2026, 11, 26),
    title="重污染天气重点行业应急减排措施制定技术指南(2020年修订版), as the spec confirms it",
    note="20 of the 39 key industries; a national measure table for cement clinker only",
)


@dataclass(frozen=True)
class Override:
    """A confirmed base row replaced under the manifest's ``[[override]]`` (recorded)."""

    industry: str
    reason: str
    replaced: tuple[str, ...]  # what was replaced, e.g. "B orange: 限产20%+… → 停产+…"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.reason}"


class GuideError(ValueError):
    """A set of guide tables refused whole; ``problems`` holds every ``file:line: reason``."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class GuideTables:
    """A set of tables in one piece: industries by code (file order), default measures by
    industry × grade × level, the versions it was built from (packaged first) and the overrides."""

    industries: dict[str, Industry]
    measures: dict[tuple[str, Grade, Level], DefaultMeasure]
    versions: tuple[GuideVersion, ...]
    overrides: tuple[Override, ...] = ()

    @property
    def version(self) -> GuideVersion:
        """The version loaded last (the packaged one when nothing was loaded)."""
        return self.versions[-1]

    def industry(self, code_or_name: str) -> Industry:
        """By code (``cement_clinker``) or Chinese name (``水泥熟料``); KeyError lists the codes."""
        return find_industry(self.industries, code_or_name)

    def table(self, code: str) -> list[DefaultMeasure]:
        """The industry's default-measure rows (empty: no table)."""
        return [d for (ind, _, _), d in self.measures.items() if ind == code]

    def has_table(self, code: str) -> bool:
        return any(k[0] == code for k in self.measures)

    def measure(self, code: str, grade: Grade, level: Level) -> Measure | None:
        """The table's measure for ``grade`` at ``level``; None without a row (A+: A's)."""
        hit = self.measures.get((code, grade, level))
        if hit is None and grade is Grade.A_PLUS:
            hit = self.measures.get((code, Grade.A, level))
        return hit.measure if hit is not None else None

    def strictest_transport(self, code: str, level: Level) -> Transport:
        """The strictest transport part of the industry's table at ``level`` (NONE without)."""
        found = [
            d.measure.transport
            for (ind, _, lvl), d in self.measures.items()
            if ind == code and lvl is level
        ]
        return max(found, key=lambda t: t.rank, default=Transport.NONE)


EMPTY = GuideTables({}, {}, ())


def find_industry(industries: dict[str, Industry], code_or_name: str) -> Industry:
    """By code or Chinese name; KeyError lists the codes."""
    key = code_or_name.strip()
    if key in industries:
        return industries[key]
    for ind in industries.values():
        if key == ind.zh:
            return ind
    known = ", ".join(industries)
    raise KeyError(f"未知行业 / unknown industry {code_or_name!r}; 可用 / known: {known}")


class FileProblems:
    """Collects the problems of one file into a shared list."""

    def __init__(self, path: Path, into: list[Problem]) -> None:
        self.path = path
        self.into = into

    def add(self, line: int | None, reason: str) -> None:
        self.into.append(Problem(self.path, line, reason))


@dataclass
class OverrideRequest:
    """An [[override]] of the manifest, and what it replaced while merging."""

    industry: str
    reason: str
    line: int | None
    replaced: list[str] = field(default_factory=list)
