"""Loading a set of tables on top of a base: the packaged set, a manifest's set."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from lantian.emergency.guide_tables.manifest import read_manifest
from lantian.emergency.guide_tables.model import (
    EMPTY,
    INDUSTRIES_CSV,
    INDUSTRY_COLUMNS,
    MEASURE_COLUMNS,
    MEASURES_CSV,
    PACKAGED,
    FileProblems,
    GuideError,
    GuideTables,
    GuideVersion,
    Override,
    OverrideRequest,
    Problem,
)
from lantian.emergency.guide_tables.order import monotonicity_problems
from lantian.emergency.guide_tables.rows import (
    merge_industries,
    merge_measures,
    read_csv,
    scale_text,
)


def load_tables(
    industries_csv: Path,
    measures_csv: Path,
    version: GuideVersion,
    base: GuideTables = EMPTY,
    *,
    overrides: Sequence[tuple[str, str]] = (),
) -> GuideTables:
    """Two CSV files of one version on top of ``base``; GuideError lists every problem.

    ``overrides``: (industry, reason) allowed to replace confirmed rows of ``base``."""
    specs = {code: OverrideRequest(code, reason, None) for code, reason in overrides}
    problems: list[Problem] = []
    tables = _load(industries_csv, measures_csv, version, base, specs, problems, None)
    if tables is None:
        raise GuideError(problems)
    return tables


def _load(
    industries_csv: Path,
    measures_csv: Path,
    version: GuideVersion,
    base: GuideTables,
    overrides: dict[str, OverrideRequest],
    problems: list[Problem],
    manifest: Path | None,
) -> GuideTables | None:
    ind_bad = FileProblems(industries_csv, problems)
    industries = merge_industries(
        read_csv(industries_csv, INDUSTRY_COLUMNS, ind_bad), base, version, overrides, ind_bad
    )
    m_bad = FileProblems(measures_csv, problems)
    measures = merge_measures(
        read_csv(measures_csv, MEASURE_COLUMNS, m_bad),
        base,
        industries,
        version,
        overrides,
        m_bad,
    )
    # a base row whose industry changed its scale must still fit it
    for d in measures.values():
        ind = industries[d.industry]
        if d.origin != version.name and d.grade not in ind.scale:
            problems.append(
                Problem(
                    d.path or MEASURES_CSV,
                    d.line,
                    f"grade: {ind.zh}的新等级体系 {scale_text(ind.scale)} 没有 "
                    f"{d.grade.value} / grade {d.grade.value} is not on the industry's new "
                    "scale",
                )
            )
    problems.extend(monotonicity_problems(measures.values(), measures_csv))
    where = manifest or industries_csv
    for spec in overrides.values():
        if spec.industry not in base.industries:
            problems.append(
                Problem(
                    where,
                    spec.line,
                    f"[[override]] {spec.industry}: 不是已有行业 / not an industry of the "
                    "tables it extends",
                )
            )
        elif not spec.replaced:
            problems.append(
                Problem(
                    where,
                    spec.line,
                    f"[[override]] {spec.industry}: 没有替换任何已确认的数据，请删去 / "
                    "replaces no confirmed row; remove it",
                )
            )
    if problems:
        return None
    recorded = tuple(Override(s.industry, s.reason, tuple(s.replaced)) for s in overrides.values())
    return GuideTables(industries, measures, (*base.versions, version), base.overrides + recorded)


def load_guide(manifest: Path | str, base: GuideTables | None = None) -> GuideTables:
    """The tables of a manifest on top of ``base`` (default: the packaged tables), checked whole;
    GuideError lists every problem as ``file:line: reason``."""
    path = Path(manifest)
    problems: list[Problem] = []
    m = read_manifest(path, problems)
    if m is None or m.industries is None or m.measures is None:
        raise GuideError(problems)
    tables = _load(
        m.industries,
        m.measures,
        m.version,
        packaged_tables() if base is None else base,
        m.overrides,
        problems,
        path,
    )
    if tables is None:
        raise GuideError(problems)
    return tables


@cache
def packaged_tables() -> GuideTables:
    """The tables shipped in ``data/`` (checked by the same rules as a loaded set)."""
    return load_tables(INDUSTRIES_CSV, MEASURES_CSV, PACKAGED)
