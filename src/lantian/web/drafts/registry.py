"""The platform's unit directory (``org.Unit``) as the extractor's registry, and back.

The extractor matches written names against :class:`RegistryUnit` values (full name, short
name); a match gives back a registry name, which :class:`Registry` turns into the unit's id.
Full names are unique within an area only: of two units with one name, the lower id stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lantian.planning.extract import RegistryUnit
from lantian.planning.extract.registry import match_unit
from lantian.web.org.models import Unit


@dataclass
class Registry:
    units: list[RegistryUnit] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # full name → unit id
    names: dict[int, str] = field(default_factory=dict)  # unit id → full name

    @classmethod
    def load(cls) -> Registry:
        registry = cls()
        for pk, name, short in Unit.objects.order_by("pk").values_list("pk", "name", "short_name"):
            registry.names[pk] = name
            if name in registry.ids:
                continue
            registry.ids[name] = pk
            registry.units.append(RegistryUnit(name=name, short_name=short))
        return registry

    def match(self, written: str) -> int | None:
        """The id of the unit a written name stands for (the extractor's rule), or None."""
        hit = match_unit(written, self.units)
        return None if hit is None else self.ids[hit.name]

    def id_of(self, registry_name: str | None) -> int | None:
        return None if registry_name is None else self.ids.get(registry_name)
