"""The extraction's values (frozen dataclasses) and their JSON shape (docs/plan_extraction.md).

Every span is ``[start, end)`` in the text as given (not the normalised copy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Deadline",
    "Extraction",
    "Indicator",
    "Limit",
    "PlanField",
    "PlanInfo",
    "PlanPeriod",
    "Source",
    "Target",
    "Task",
    "TaskUnit",
    "UnitProposal",
]

Span = tuple[int, int]


def _span(s: Span) -> list[int]:
    return [s[0], s[1]]


@dataclass(frozen=True)
class PlanField:
    value: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "span": _span(self.span)}


@dataclass(frozen=True)
class PlanPeriod:
    start: date
    end: date
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class PlanInfo:
    title: PlanField | None = None
    issuer: PlanField | None = None
    document_number: PlanField | None = None
    issued_on: PlanField | None = None
    period: PlanPeriod | None = None
    area: PlanField | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("title", "issuer", "document_number", "issued_on", "period", "area"):
            value = getattr(self, name)
            out[name] = value.to_dict() if value is not None else None
        return out


@dataclass(frozen=True)
class Target:
    metric: str
    area: str
    period: str
    op: str
    value: float
    change: bool
    unit: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "area": self.area,
            "period": self.period,
            "op": self.op,
            "value": self.value,
            "change": self.change,
            "unit": self.unit,
            "text": self.text,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class TaskUnit:
    name: str
    role: str  # lead | cooperating | responsible
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "span": _span(self.span)}


@dataclass(frozen=True)
class Deadline:
    date: date
    text: str
    recurring: str | None  # weekly | monthly | quarterly | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "text": self.text,
            "recurring": self.recurring,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class Indicator:
    verb: str
    object: str
    value: float
    unit: str
    op: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "verb": self.verb,
            "object": self.object,
            "value": self.value,
            "unit": self.unit,
            "op": self.op,
            "text": self.text,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class Limit:
    source: str
    pollutant: str
    value: float
    unit: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "pollutant": self.pollutant,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class Task:
    number: str
    heading: str
    text: str
    span: Span
    units: tuple[TaskUnit, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    limits: tuple[Limit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "span": _span(self.span),
            "units": [u.to_dict() for u in self.units],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "indicators": [i.to_dict() for i in self.indicators],
            "limits": [x.to_dict() for x in self.limits],
        }


@dataclass(frozen=True)
class UnitProposal:
    name: str
    registry: str | None
    known: bool

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "registry": self.registry, "known": self.known}


@dataclass(frozen=True)
class Source:
    file: str | None
    sha256: str
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "chars": self.chars}


@dataclass(frozen=True)
class Extraction:
    source: Source
    plan: PlanInfo
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    units: tuple[UnitProposal, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of docs/plan_extraction.md."""
        return {
            "source": self.source.to_dict(),
            "plan": self.plan.to_dict(),
            "targets": [t.to_dict() for t in self.targets],
            "tasks": [t.to_dict() for t in self.tasks],
            "units": [u.to_dict() for u in self.units],
        }
