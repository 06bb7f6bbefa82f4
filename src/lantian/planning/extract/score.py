"""Precision and recall of an extraction against a hand-labelled gold file, per field.

Both sides are dicts of the JSON shape of docs/plan_extraction.md (the gold without spans).
Matching (docs/plan_extraction_rules.md, "Measure"):

- **tasks** by number path, after normalising brackets to full width and dropping spaces
  (``三.(一).1`` = ``三.（一）.1``);
- within a matched task, **units** by (name, role) — name without spaces, brackets full width;
  **deadlines** by date, a recurring one by its recurrence alone (the gold's date is null,
  docs/plan_labelling.md §5); **indicators** by (value, unit); **limits** by
  (pollutant code, value), the pollutant through :func:`.limits.pollutant_code` on both sides
  (颗粒物 = PM); items are multisets: each gold item matches at most one extracted item;
- the items of a task found on one side only all count as misses (gold) or false finds
  (extracted), so a missed task costs its units, deadlines … too;
- **headings**: a matched task's heading against the gold's, after removing all white space
  (``严控 “两高”`` = ``严控“两高”``; brackets are compared as written): equal → a hit; else a
  non-empty extracted heading is a false find and a non-empty gold heading a miss (an empty
  heading on both sides counts nothing, as a missing plan field); the heading of a task found
  on one side only counts as a false find or a miss;
- **targets** over the whole plan by (metric, period, op, value, change), the period compared
  as the span of days :func:`lantian.airquality.periods.parse_period` gives (``2020-Q4`` =
  ``2020-10-01..2020-12-31``);
- **plan**: each of title, issuer, document_number, issued_on, area (spaces dropped, brackets
  unified) and period (start, end) is one item: equal → hit; extracted but different → a false
  find (and a miss when the gold has a value); gold only → a miss.

Values compare rounded to 6 decimals. Precision with nothing extracted, or recall with nothing
in the gold, is 1.0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lantian.airquality.periods import parse_period
from lantian.planning.extract.limits import pollutant_code

__all__ = ["FIELDS", "FieldScore", "format_scores", "score"]

FIELDS = ("plan", "tasks", "headings", "units", "deadlines", "indicators", "limits", "targets")
PLAN_FIELDS = ("title", "issuer", "document_number", "issued_on", "area")


@dataclass(frozen=True)
class FieldScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _text(s: Any) -> str:
    t = "".join(str(s).split())
    for a, b in (("(", "（"), (")", "）"), ("[", "〔"), ("]", "〕"), ("【", "〔"), ("】", "〕")):
        t = t.replace(a, b)
    return t


def task_key(number: str) -> str:
    return _text(number).replace("．", ".")


def _num(v: Any) -> float:
    return round(float(v), 6)


def _period(p: Any) -> Hashable:
    try:
        period = parse_period(str(p))
    except ValueError:
        return _text(p)
    return (period.start.isoformat(), period.end.isoformat())


def _unit_key(u: Mapping[str, Any]) -> Hashable:
    return (_text(u.get("name", "")), u.get("role"))


def _deadline_key(d: Mapping[str, Any]) -> Hashable:
    """A dated deadline by its date; a recurring one by its recurrence only (the labelling
    rules give it no date, the extractor the plan period's end)."""
    if d.get("recurring"):
        return (None, d.get("recurring"))
    return (str(d.get("date")), None)


def _indicator_key(i: Mapping[str, Any]) -> Hashable:
    return (_num(i.get("value", 0)), _text(i.get("unit", "")).replace("％", "%"))


def _limit_key(x: Mapping[str, Any]) -> Hashable:
    return (pollutant_code(str(x.get("pollutant", ""))), _num(x.get("value", 0)))


def _target_key(t: Mapping[str, Any]) -> Hashable:
    return (
        t.get("metric"),
        _period(t.get("period", "")),
        t.get("op"),
        _num(t.get("value", 0)),
        bool(t.get("change", False)),
    )


_TASK_FIELDS = {
    "units": _unit_key,
    "deadlines": _deadline_key,
    "indicators": _indicator_key,
    "limits": _limit_key,
}


def _count(got: Iterable[Hashable], want: Iterable[Hashable]) -> tuple[int, int, int]:
    g, w = Counter(got), Counter(want)
    tp = sum((g & w).values())
    return tp, sum(g.values()) - tp, sum(w.values()) - tp


def score(extracted: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, FieldScore]:
    """Per-field scores of ``extracted`` against ``gold`` (see the module docstring)."""
    totals: dict[str, list[int]] = {f: [0, 0, 0] for f in FIELDS}

    def add(field: str, counts: tuple[int, int, int]) -> None:
        for k in range(3):
            totals[field][k] += counts[k]

    # plan
    ep, gp = extracted.get("plan") or {}, gold.get("plan") or {}
    for name in (*PLAN_FIELDS, "period"):
        e, g = _plan_value(ep.get(name), name), _plan_value(gp.get(name), name)
        if e is None and g is None:
            continue
        if e is not None and e == g:
            add("plan", (1, 0, 0))
        else:
            add("plan", (0, int(e is not None), int(g is not None)))

    # tasks and their items
    ext = {task_key(t["number"]): t for t in extracted.get("tasks", [])}
    gld = {task_key(t["number"]): t for t in gold.get("tasks", [])}
    add("tasks", _count(list(ext), list(gld)))
    for key in ext.keys() | gld.keys():
        et, gt = ext.get(key, {}), gld.get(key, {})
        add("headings", _heading_counts(et.get("heading"), gt.get("heading")))
        for field, keyf in _TASK_FIELDS.items():
            add(field, _count(map(keyf, et.get(field, [])), map(keyf, gt.get(field, []))))

    add(
        "targets",
        _count(
            map(_target_key, extracted.get("targets", [])),
            map(_target_key, gold.get("targets", [])),
        ),
    )
    return {f: FieldScore(*totals[f]) for f in FIELDS}


def _heading_counts(extracted: Any, gold: Any) -> tuple[int, int, int]:
    e = "".join(str(extracted or "").split())
    g = "".join(str(gold or "").split())
    if e and e == g:
        return 1, 0, 0
    return 0, int(bool(e)), int(bool(g))


def _plan_value(v: Any, name: str) -> Hashable | None:
    if v is None:
        return None
    if name == "period":
        if not isinstance(v, Mapping) or not v.get("start"):
            return None
        return (str(v.get("start")), str(v.get("end")))
    value = v.get("value") if isinstance(v, Mapping) else v
    return _text(value) if value not in (None, "") else None


def format_scores(scores: Mapping[str, FieldScore]) -> str:
    """A small fixed-width table: field, hits, false finds, misses, precision, recall."""
    lines = [f"{'field':<11} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<11} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.3f} {s.recall:>7.3f}"
        )
    return "\n".join(lines)
