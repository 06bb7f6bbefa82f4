"""The graded industries and their default measures in force (see ``data/README.md``).

The packaged tables (``data/industries.csv``, ``data/measures_default.csv``) list the industries
the spec names among the 39 of the 2020 technical guide (20 of them — the other 19 must be keyed
in from the guide), plus 非重点行业, the exempt categories (居民供暖锅炉, 生活服务业) and
non-industrial sources. ``scale`` is the grade scale where the spec gives it; elsewhere it is
empty and any grade is accepted (UNCONFIRMED). Only cement clinker has a national measure table
(§2.1, confirmed); every other industry has no default and its lines carry the enterprise's own
measures (一厂一策). A+ (2026) takes A's row (its measures UNCONFIRMED); a level without a row
(blue) has no default measure.

An office's tables keyed in from the official guide extend them: :func:`use_guide` loads a
manifest (:mod:`lantian.emergency.guide_tables`) and puts it in force for the whole process — the
list check, the list file reader, the synthetic generator and the platform read the tables
through the functions below. :func:`reset` goes back to the packaged tables; :func:`tables_in_force`
does the same for one block (tests, one command).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lantian.emergency.grades import Grade
from lantian.emergency.guide_tables import (
    DATA_DIR,
    INDUSTRIES_CSV,
    MEASURES_CSV,
    DefaultMeasure,
    GuideTables,
    Industry,
    load_guide,
    packaged_tables,
)
from lantian.emergency.levels import Level
from lantian.emergency.measures import Measure, Transport

__all__ = [
    "DATA_DIR",
    "INDUSTRIES_CSV",
    "MEASURES_CSV",
    "DefaultMeasure",
    "Industry",
    "default_measure",
    "has_default_table",
    "in_force",
    "industries",
    "industry",
    "reset",
    "strictest_transport",
    "tables_in_force",
    "use_guide",
    "use_tables",
]

#: The tables chosen with use_guide / use_tables; None: the packaged ones.
_chosen: GuideTables | None = None


def in_force() -> GuideTables:
    """The tables in force: the chosen ones, else the packaged ones."""
    return _chosen if _chosen is not None else packaged_tables()


def use_tables(tables: GuideTables | None) -> None:
    """Put ``tables`` in force for the process (None: back to the packaged tables)."""
    global _chosen
    _chosen = tables


def use_guide(manifest: Path | str) -> GuideTables:
    """Load a manifest on top of the packaged tables and put it in force; on a GuideError
    (every problem as ``file:line: reason``) the tables in force do not change."""
    tables = load_guide(manifest)
    use_tables(tables)
    return tables


def reset() -> None:
    """Back to the packaged tables."""
    use_tables(None)


@contextmanager
def tables_in_force(tables: GuideTables | Path | str | None) -> Iterator[GuideTables]:
    """Within the block ``tables`` (or the manifest at that path; None: packaged) are in force;
    the previous choice comes back afterwards."""
    previous = _chosen
    chosen = load_guide(tables) if isinstance(tables, Path | str) else tables
    use_tables(chosen)
    try:
        yield in_force()
    finally:
        use_tables(previous)


def industries() -> dict[str, Industry]:
    """Code → industry, in file order (packaged rows first, then the loaded ones)."""
    return in_force().industries


def industry(code_or_name: str) -> Industry:
    """By code (``cement_clinker``) or Chinese name (``水泥熟料``); KeyError lists the codes."""
    return in_force().industry(code_or_name)


def has_default_table(code: str) -> bool:
    return in_force().has_table(code)


def default_measure(code: str, grade: Grade, level: Level) -> Measure | None:
    """The guide's measure for ``grade`` at ``level`` in industry ``code``; None where the tables
    give none (packaged: every industry but cement clinker; the blue level). A+ falls back to A."""
    return in_force().measure(code, grade, level)


def strictest_transport(code: str, level: Level) -> Transport:
    """The strictest transport measure of the industry's table at ``level`` (NONE without one)."""
    return in_force().strictest_transport(code, level)
