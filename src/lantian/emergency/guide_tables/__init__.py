"""The technical guide's tables as versioned data: industries and their default measures.

The per-industry tables of 《重污染天气重点行业应急减排措施制定技术指南》 (环办大气函〔2020〕340号,
spec performance_grading.md) are keyed in from the official text, not written into code. A set
of tables is two UTF-8 CSV files of the packaged shape (``data/industries.csv`` and
``data/measures_default.csv``, columns :data:`INDUSTRY_COLUMNS` and :data:`MEASURE_COLUMNS`, see
``data/README.md``) and a TOML manifest naming the version::

    [guide]
    name = "环办大气函〔2020〕340号"   # the guide version the tables come from (required)
    keyed_by = "市大气办"              # who keyed them in (required)
    keyed_on = 2026-12-01            # when (required)
    issued = …                       # date of the guide (optional)
    title = "…"                      # optional; note = "…" too
    illustrative = false             # true: a format example, NOT official values

    [tables]                         # paths relative to the manifest (both required)
    industries = "industries.csv"
    measures = "measures.csv"

    [[override]]                     # one per industry whose confirmed rows are replaced
    industry = "cement_clinker"
    reason = "…"

:func:`load_guide` reads it on top of a base set (the packaged tables by default) and refuses the
whole set on any problem, each named ``file:line: reason`` (:class:`GuideError`):

- **extend** — new industries; measures for any industry × grade × level the base lacks;
- **replace** — a base row that is not ``confirmed`` (an UNCONFIRMED scale, an UNCONFIRMED
  measure) is replaced by the loaded row;
- **override** — a ``confirmed`` base row (an industry's scale, its key/graded/exempt flags, a
  measure) is replaced only under an ``[[override]]`` of that industry with a reason; what it
  replaced is recorded (:class:`Override`); an override that replaces nothing confirmed is refused;
- **names** — a base industry keeps its code and names (no renaming, no second code for a name);
- **monotone** — at one level a higher grade never takes a stricter measure than a lower grade,
  and for one grade a lower level never takes a stricter measure than a higher level (strictness
  is the reduction share of :func:`lantian.emergency.measures.fraction`, under both readings of
  停产x%, and the transport rank);
- a measure's grade must be on its industry's scale; no stop or limit for an exempt industry; no
  default for non-industrial sources; ``example`` status exactly in an illustrative set.

Which set is in force is chosen in :mod:`lantian.emergency.industries` (``use_guide``).

Modules: ``model`` (the tables and their rows), ``rows`` (the CSV files, merged onto a base),
``order`` (monotonicity), ``manifest`` (the TOML file), ``load`` (putting them together).
"""

from __future__ import annotations

from lantian.emergency.guide_tables.load import load_guide, load_tables, packaged_tables
from lantian.emergency.guide_tables.model import (
    DATA_DIR,
    EMPTY,
    INDUSTRIES_CSV,
    INDUSTRY_COLUMNS,
    KEY_INDUSTRIES_2020,
    MEASURE_COLUMNS,
    MEASURES_CSV,
    PACKAGED,
    STATUSES,
    DefaultMeasure,
    GuideError,
    GuideTables,
    GuideVersion,
    Industry,
    Override,
    Problem,
    find_industry,
)
from lantian.emergency.guide_tables.order import monotonicity_problems, stricter

__all__ = [
    "DATA_DIR",
    "EMPTY",
    "INDUSTRIES_CSV",
    "INDUSTRY_COLUMNS",
    "KEY_INDUSTRIES_2020",
    "MEASURES_CSV",
    "MEASURE_COLUMNS",
    "PACKAGED",
    "STATUSES",
    "DefaultMeasure",
    "GuideError",
    "GuideTables",
    "GuideVersion",
    "Industry",
    "Override",
    "Problem",
    "find_industry",
    "load_guide",
    "load_tables",
    "monotonicity_problems",
    "packaged_tables",
    "stricter",
]
