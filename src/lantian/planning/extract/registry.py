"""Matching unit names written in a plan against the platform's unit registry.

The core does not know the database: the caller passes the registry as
:class:`RegistryUnit` values (name, short name, aliases). A written name is matched, in order:

1. exactly to a registry name, then a short name, then an alias;
2. by a conservative normalisation — the name with or without its area prefix (市/区/县), with
   委员会 ↔ 委 and 局 ↔ 委 at the end, and "市X" ↔ "〈city〉市X" (市生态环境局 ↔
   石家庄市生态环境局) — accepted only when exactly one registry unit matches.

Anything else is *unknown* and proposed as a new unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.tables import check_width, read_table

__all__ = ["RegistryError", "RegistryUnit", "match_unit", "read_registry"]


@dataclass(frozen=True)
class RegistryUnit:
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.short_name, *self.aliases) if s)


class RegistryError(IngestError):
    """A unit list file that cannot be used; ``str()`` is ``file:line: reason``."""


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")


def _variants(name: str) -> set[str]:
    base = {_clean(name)}
    for n in list(base):
        if n[:1] in "市区县" and len(n) > 3:
            base.add(n[1:])
    for n in list(base):
        if n.endswith("委员会"):
            base.add(n[:-3] + "委")
        if n.endswith("局"):
            base.add(n[:-1] + "委")
        if n.endswith("委"):
            base.add(n[:-1] + "局")
    return base


def match_unit(name: str, registry: Sequence[RegistryUnit]) -> RegistryUnit | None:
    """The registry unit ``name`` stands for, or None (see the module docstring)."""
    wanted = _clean(name)
    for field in ("name", "short_name", "aliases"):
        for unit in registry:
            values: Iterable[str] = unit.aliases if field == "aliases" else (getattr(unit, field),)
            if any(_clean(v) == wanted for v in values if v):
                return unit
    mine = _variants(wanted)
    hits = [u for u in registry if any(mine & _variants(s) for s in u.spellings())]
    if len(hits) == 1:
        return hits[0]
    if wanted[:1] in "市区县" and len(wanted) > 3:
        level = wanted[0]
        tail = wanted[1:]
        hits = [
            u
            for u in registry
            if any(
                _clean(s).endswith(tail) and _clean(s)[: -len(tail)].endswith(level)
                for s in u.spellings()
            )
        ]
        if len(hits) == 1:
            return hits[0]
    return None


def read_registry(path: str | Path) -> list[RegistryUnit]:
    """A unit list, CSV (UTF-8) or the first sheet of an .xlsx: header ``name,short_name,aliases``
    (short name and aliases may be empty or missing; aliases separated by 、 or ;). A bad file
    raises :class:`RegistryError` naming the line."""
    p = Path(path)
    try:
        head, rows = read_table(p)
    except IngestError as exc:
        raise RegistryError(p, exc.line, exc.reason) from exc
    head = [h.strip() for h in head]
    if "name" not in head:
        raise RegistryError(p, 1, "缺少表头 name / missing header 'name' (name,short_name,aliases)")
    unknown = [h for h in head if h not in ("name", "short_name", "aliases")]
    if unknown:
        raise RegistryError(p, 1, f"未知列 / unknown column {unknown[0]!r}")
    out: list[RegistryUnit] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        try:
            check_width(row, head)
        except ValueError as exc:
            raise RegistryError(p, line, str(exc)) from exc
        rec = dict(zip(head, [c.strip() for c in row], strict=False))
        name = rec.get("name", "")
        if not name:
            raise RegistryError(p, line, "单位名称为空 / empty name")
        if name in seen:
            raise RegistryError(
                p, line, f"单位重复 / duplicate unit {name!r} (first at line {seen[name]})"
            )
        seen[name] = line
        aliases = tuple(
            a.strip() for a in re.split(r"[、;；]", rec.get("aliases", "")) if a.strip()
        )
        out.append(RegistryUnit(name=name, short_name=rec.get("short_name", ""), aliases=aliases))
    return out
