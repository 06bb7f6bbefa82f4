"""Who may see and change what: the one place that decides (STYLE 12).

Pages, the API and the admin all ask these functions; none decides on its own. Anonymous
visitors have the role ``public``. The rules are written out as tables in ``docs/access.md``.

Extension point: each capability registers the scoped queryset of its models with
:func:`register_scope` (``@register_scope(Task)`` over ``tasks_visible_to(user)``), and then
:func:`visible` and :func:`can_view` serve that model too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from lantian.web.org.models import Area, Unit
from lantian.web.org.roles import Role

M = TypeVar("M", bound=Model)
Scope = Callable[[Any], QuerySet[Any]]

#: Roles that work inside the administration and see its organisation directory.
INTERNAL_ROLES = frozenset({Role.COMMAND_OFFICE, Role.DEPARTMENT, Role.AREA, Role.INSPECTOR})

_SCOPES: dict[type[Model], Scope] = {}


def role_of(user: Any) -> Role:
    """The role the rules apply to ``user``.

    Anonymous and inactive users are ``public``; a superuser (the operator who installed the
    platform) counts as the command office whatever role the record holds.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.PUBLIC
    if user.is_superuser:
        return Role.COMMAND_OFFICE
    return Role(user.role)


def register_scope(model: type[M]) -> Callable[[Scope], Scope]:
    """Declare the function that gives the objects of ``model`` a user may see."""

    def decorate(scope: Scope) -> Scope:
        if model in _SCOPES:
            raise ValueError(f"a scope for {model.__name__} is already registered")
        _SCOPES[model] = scope
        return scope

    return decorate


def visible(user: Any, model: type[M]) -> QuerySet[M]:
    """The objects of ``model`` that ``user`` may see; a model with no scope is an error."""
    try:
        scope = _SCOPES[model]
    except KeyError:
        known = ", ".join(sorted(m.__name__ for m in _SCOPES))
        raise LookupError(f"no access scope for {model.__name__}; known: {known}") from None
    return scope(user)


def can_view(user: Any, obj: Model) -> bool:
    """Whether ``obj`` is among the objects of its model that ``user`` may see."""
    return visible(user, type(obj)).filter(pk=obj.pk).exists()


# --- areas --------------------------------------------------------------------------------------


@register_scope(Area)
def areas_visible_to(user: Any) -> QuerySet[Area]:
    """Every area, for every role: air quality and rankings by area are public."""
    return Area.objects.all()


def can_view_area(user: Any, area: Area) -> bool:
    return can_view(user, area)


def can_change_area(user: Any, area: Area | None = None) -> bool:
    """Only the command office edits the area tree."""
    return role_of(user) == Role.COMMAND_OFFICE


def own_area_ids(user: Any) -> list[int] | None:
    """The areas a user answers for: ``None`` means all (command office, inspector).

    An area user answers for its area and everything below it; a department user for the area
    of its unit and below; enterprise and public users for none.
    """
    role = role_of(user)
    if role in (Role.COMMAND_OFFICE, Role.INSPECTOR):
        return None
    if role == Role.AREA and user.area is not None:
        return user.area.descendant_ids()
    if role == Role.DEPARTMENT and user.unit is not None:
        return user.unit.area.descendant_ids()
    return []


# --- units --------------------------------------------------------------------------------------


def can_list_units(user: Any) -> bool:
    """The unit directory is for people inside the administration."""
    return role_of(user) in INTERNAL_ROLES


@register_scope(Unit)
def units_visible_to(user: Any) -> QuerySet[Unit]:
    """All units for the internal roles; none for enterprise and public users."""
    if can_list_units(user):
        return Unit.objects.select_related("area")
    return Unit.objects.none()


def can_view_unit(user: Any, unit: Unit) -> bool:
    return can_view(user, unit)


def can_change_unit(user: Any, unit: Unit | None = None) -> bool:
    """Only the command office edits units."""
    return role_of(user) == Role.COMMAND_OFFICE
