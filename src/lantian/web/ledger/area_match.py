"""Which ledger :class:`~lantian.web.org.models.Area` an air-quality area is.

The measurement store and the engine name an area as the station list does (``石家庄``); the
ledger's areas carry the administrative suffix (``石家庄市``, ``长安区``). The one rule used
wherever the dispatch and the notices join the two (``docs/ledger_rules.md`` §Notices):

1. an area whose name is exactly the engine's name;
2. else the name followed by one of :data:`SUFFIXES`, tried in that order (``市``, then ``区``,
   then ``县``).

Among ledger areas of the same name (names are not unique; codes are), the lowest code wins. A
name matching nothing stays unmatched (the caller keeps the engine's name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lantian.web.org.models import Area

#: Administrative suffixes tried after the exact name, in this order.
SUFFIXES: tuple[str, ...] = ("市", "区", "县")


def candidate_names(engine_name: str) -> list[str]:
    """The ledger names an engine area may have, in the order they are tried."""
    return [engine_name, *(engine_name + s for s in SUFFIXES)]


def match_name(engine_name: str, names: Iterable[str]) -> str | None:
    """The first of :func:`candidate_names` among ``names`` (``None`` when none is)."""
    known = set(names)
    return next((n for n in candidate_names(engine_name) if n in known), None)


def engine_name(ledger_name: str) -> str:
    """The engine's name of a ledger area: the name without its suffix (石家庄市 → 石家庄), the rule
    read backwards; a name of two characters or fewer keeps its suffix (矿区)."""
    name = ledger_name.strip()
    if len(name) > 2 and name[-1] in SUFFIXES:
        return name[:-1]
    return name


def area_matcher() -> Callable[[str], Area | None]:
    """A function from an engine area name to its ledger area, reading the areas once."""
    by_name: dict[str, Area] = {}
    for area in Area.objects.order_by("code"):
        by_name.setdefault(area.name, area)

    def match(engine_name: str) -> Area | None:
        name = match_name(engine_name, by_name)
        return None if name is None else by_name[name]

    return match


def match_area(engine_name: str) -> Area | None:
    """The ledger area of one engine area name (see the module's rule)."""
    for name in candidate_names(engine_name):
        area = Area.objects.filter(name=name).order_by("code").first()
        if area is not None:
            return area
    return None


def ledger_names(engine_names: Iterable[str]) -> dict[str, str]:
    """``{engine name: ledger area name}``; an unmatched name maps to itself."""
    match = area_matcher()
    out: dict[str, str] = {}
    for name in engine_names:
        area = match(name)
        out[name] = name if area is None else area.name
    return out
