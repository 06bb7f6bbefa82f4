"""``extract(text, registry=…)``: from a plan's text to a proposed ledger (docs/plan_extraction.md).

The steps, each in its own module: normalise the text keeping an offset map (:mod:`.text`),
find the numbering hierarchy and the tasks (:mod:`.outline`), the plan's metadata
(:mod:`.plan_meta`), and per task its units (:mod:`.units`), deadlines (:mod:`.deadlines`),
indicators (:mod:`.indicators`) and emission limits (:mod:`.limits`); targets come from the
target parts and the tasks (:mod:`.targets`); unit names are matched against the registry
passed in (:mod:`.registry`). Every span is mapped back to the text as given.

Units of a task: those named in its text, sub-items included (parentheses and labels); a
standing rule (以下均需…落实) adds its units, as written, to every later task that does not
name the same collective in that role itself (各县市区政府负责 after 以下均需各县市区落实).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from lantian.airquality.periods import Period
from lantian.planning.extract.deadlines import find_deadlines
from lantian.planning.extract.headings import full_line_width, heading_span, written
from lantian.planning.extract.indicators import find_indicators
from lantian.planning.extract.items import (
    Deadline,
    Extraction,
    Indicator,
    Limit,
    PlanField,
    PlanInfo,
    PlanPeriod,
    Source,
    Target,
    Task,
    TaskUnit,
    UnitProposal,
)
from lantian.planning.extract.limits import find_limits
from lantian.planning.extract.outline import Outline, parse_outline
from lantian.planning.extract.plan_meta import MetaMatch, find_plan_meta
from lantian.planning.extract.registry import RegistryUnit, match_unit
from lantian.planning.extract.targets import find_targets
from lantian.planning.extract.text import Normalised, normalise, read_document
from lantian.planning.extract.units import UnitMention, find_units, same_collective

__all__ = ["extract", "extract_file"]


def extract_file(path: str | Path, registry: Sequence[RegistryUnit] = ()) -> Extraction:
    """Read a plan file (.txt, .docx, .pdf with a text layer) and extract it; spans index the
    text as read (for .txt, the file decoded)."""
    p = Path(path)
    text = read_document(p)
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    return extract(text, registry=registry, file=p.name, sha256=digest)


def extract(
    text: str,
    registry: Sequence[RegistryUnit] = (),
    *,
    file: str | None = None,
    sha256: str | None = None,
) -> Extraction:
    """Propose the plan, its targets, tasks and units from ``text``."""
    doc = normalise(text)
    outline = parse_outline(doc.text)
    meta = find_plan_meta(doc.text, outline.body_start)
    period = meta.period
    area = meta.area.value if meta.area else ""

    plan = PlanInfo(
        title=_field(doc, meta.title),
        issuer=_field(doc, meta.issuer),
        document_number=_field(doc, meta.document_number),
        issued_on=_field(doc, meta.issued_on),
        period=(
            PlanPeriod(period.start, period.end, doc.span(*meta.period_at))
            if period is not None and meta.period_at is not None
            else None
        ),
        area=_field(doc, meta.area),
    )
    tasks = _tasks(doc, outline, period)
    targets = _targets(doc, outline, area, period)
    units = _proposals(tasks, registry)
    source = Source(
        file=file,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
    )
    return Extraction(source=source, plan=plan, targets=targets, tasks=tasks, units=units)


def _field(doc: Normalised, m: MetaMatch | None) -> PlanField | None:
    return PlanField(m.value, doc.span(m.start, m.end)) if m is not None else None


def _tasks(doc: Normalised, outline: Outline, period: Period | None) -> tuple[Task, ...]:
    standing: list[UnitMention] = []
    out: list[Task] = []
    full_width = full_line_width(doc.original)
    for item in outline.tasks():
        units = find_units(doc, item.body, item.end)
        mentions = units.mentions + [
            st
            for st in standing
            if not any(
                m.role == st.role and same_collective(st.name, m.name) for m in units.mentions
            )
        ]
        standing = standing + units.standing
        text = _text_without(doc.text, item.body, item.end, units.blocks)
        heading = heading_span(doc, outline, item, full_width)
        if heading and heading[1] < item.end and doc.text[heading[1]] != "\n":
            title = doc.text[heading[0] : heading[1]]
            if not outline.heading(item) and text.startswith(title):
                text = title + "\n" + text[len(title) :]  # a title line keeps its own line
        out.append(
            Task(
                number=item.path,
                heading=written(doc, *heading) if heading else "",
                text=text,
                span=doc.span(*_trim(doc.text, item.start, item.end)),
                units=_dedupe_units(doc, mentions),
                deadlines=tuple(
                    Deadline(d.date, d.text, d.recurring, doc.span(d.start, d.end))
                    for d in find_deadlines(doc.text, item.body, item.end, period)
                ),
                indicators=tuple(
                    Indicator(
                        x.verb, x.object, x.value, x.unit, x.op, x.text, doc.span(x.start, x.end)
                    )
                    for x in find_indicators(doc.text, item.body, item.end)
                ),
                limits=tuple(
                    Limit(x.source, x.pollutant, x.value, x.unit, x.text, doc.span(x.start, x.end))
                    for x in find_limits(doc.text, item.body, item.end)
                ),
            )
        )
    return tuple(out)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _text_without(text: str, start: int, end: int, blocks: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    pos = start
    for s, e in sorted(blocks):
        parts.append(text[pos:s])
        pos = max(pos, e)
        if s > start and text[s - 1] == "；" and text[pos : pos + 1] == "；":
            pos += 1  # a table cell between two others: one ； is enough
    parts.append(text[pos:end])
    return "\n".join(p.strip() for p in "".join(parts).split("\n") if p.strip())


def _dedupe_units(doc: Normalised, mentions: list[UnitMention]) -> tuple[TaskUnit, ...]:
    seen: set[tuple[str, str]] = set()
    out: list[TaskUnit] = []
    for m in mentions:
        key = (m.name, m.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(TaskUnit(m.name, m.role, doc.span(m.start, m.end)))
    return tuple(out)


def _targets(
    doc: Normalised, outline: Outline, area: str, period: Period | None
) -> tuple[Target, ...]:
    parts = outline.target_parts() + outline.tasks()
    seen: set[tuple[object, ...]] = set()
    out: list[Target] = []
    for item in parts:
        for t in find_targets(doc.text, item.body, item.end, area=area, period=period):
            key = (t.metric, t.area, t.period, t.op, t.value, t.change)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Target(
                    t.metric,
                    t.area,
                    t.period,
                    t.op,
                    t.value,
                    t.change,
                    t.unit,
                    t.text,
                    doc.span(t.start, t.end),
                )
            )
    return tuple(out)


def _proposals(
    tasks: tuple[Task, ...], registry: Sequence[RegistryUnit]
) -> tuple[UnitProposal, ...]:
    seen: dict[str, UnitProposal] = {}
    for task in tasks:
        for u in task.units:
            if u.name in seen:
                continue
            hit = match_unit(u.name, registry)
            seen[u.name] = UnitProposal(u.name, hit.name if hit else None, hit is not None)
    return tuple(seen.values())
