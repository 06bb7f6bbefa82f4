"""The extraction's values (frozen dataclasses) and their JSON shape (docs/plan_extraction.md).

Every span is ``[start, end)`` in the text as given (not the normalised copy).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
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


def _plain(value: Any) -> Any:
    """A value of the extraction as JSON: a dataclass as an object of its fields in their order,
    a date as ISO, a span or a tuple of items as a list."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class _Json:
    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of docs/plan_extraction.md (fields in order; ``None`` is null)."""
        out: dict[str, Any] = _plain(self)
        return out


@dataclass(frozen=True)
class PlanField(_Json):
    value: str
    span: Span


@dataclass(frozen=True)
class PlanPeriod(_Json):
    start: date
    end: date
    span: Span


@dataclass(frozen=True)
class PlanInfo(_Json):
    title: PlanField | None = None
    issuer: PlanField | None = None
    document_number: PlanField | None = None
    issued_on: PlanField | None = None
    period: PlanPeriod | None = None
    area: PlanField | None = None


@dataclass(frozen=True)
class Target(_Json):
    metric: str
    area: str
    period: str
    op: str
    value: float
    change: bool
    unit: str
    text: str
    span: Span


@dataclass(frozen=True)
class TaskUnit(_Json):
    name: str
    role: str  # lead | cooperating | responsible
    span: Span


@dataclass(frozen=True)
class Deadline(_Json):
    date: date
    text: str
    recurring: str | None  # weekly | monthly | quarterly | None
    span: Span


@dataclass(frozen=True)
class Indicator(_Json):
    verb: str
    object: str
    value: float
    unit: str
    op: str
    text: str
    span: Span


@dataclass(frozen=True)
class Limit(_Json):
    source: str
    pollutant: str
    value: float
    unit: str
    text: str
    span: Span


@dataclass(frozen=True)
class Task(_Json):
    number: str
    heading: str
    text: str
    span: Span
    units: tuple[TaskUnit, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    limits: tuple[Limit, ...] = ()


@dataclass(frozen=True)
class UnitProposal(_Json):
    name: str
    registry: str | None
    known: bool


@dataclass(frozen=True)
class Source(_Json):
    file: str | None
    sha256: str
    chars: int


@dataclass(frozen=True)
class Extraction(_Json):
    source: Source
    plan: PlanInfo
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    units: tuple[UnitProposal, ...] = ()
