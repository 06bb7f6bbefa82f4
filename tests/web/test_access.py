"""The access rules themselves (docs/access.md), apart from any page or endpoint."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from lantian.web import access
from lantian.web.org.models import Area, Unit
from lantian.web.org.roles import Role
from tests.web.conftest import PERSONAS, Personas

EXPECTED_ROLE = {
    "office": Role.COMMAND_OFFICE,
    "lead": Role.DEPARTMENT,
    "cooperating": Role.DEPARTMENT,
    "other_dept": Role.DEPARTMENT,
    "area": Role.AREA,
    "inspector": Role.INSPECTOR,
    "enterprise": Role.ENTERPRISE,
    "anon": Role.PUBLIC,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_role_of_each_persona(personas: Personas, persona: str) -> None:
    user = personas.users[persona] or AnonymousUser()
    assert access.role_of(user) == EXPECTED_ROLE[persona]


def test_an_inactive_user_counts_as_public(personas: Personas) -> None:
    office = personas.users["office"]
    office.is_active = False
    assert access.role_of(office) == Role.PUBLIC
    assert not access.can_change_area(office)


def test_a_superuser_counts_as_the_command_office(personas: Personas) -> None:
    enterprise = personas.users["enterprise"]
    enterprise.is_superuser = True
    assert access.role_of(enterprise) == Role.COMMAND_OFFICE


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_command_office_changes_areas_and_units(personas: Personas, persona: str) -> None:
    user = personas.users[persona] or AnonymousUser()
    allowed = persona == "office"
    assert access.can_change_area(user, personas.areas["changan"]) is allowed
    assert access.can_change_unit(user, personas.units["lead"]) is allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_sees_every_area(personas: Personas, persona: str) -> None:
    user = personas.users[persona] or AnonymousUser()
    assert access.areas_visible_to(user).count() == Area.objects.count() == 4
    assert access.can_view_area(user, personas.areas["street"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_units_are_seen_inside_the_administration_only(personas: Personas, persona: str) -> None:
    user = personas.users[persona] or AnonymousUser()
    inside = persona not in ("enterprise", "anon")
    assert access.units_visible_to(user).count() == (Unit.objects.count() if inside else 0)
    assert access.can_view_unit(user, personas.units["other_dept"]) is inside


def test_own_areas_cover_the_subtree_and_not_the_siblings(personas: Personas) -> None:
    areas = personas.areas
    assert set(access.own_area_ids(personas.users["area"]) or []) == {
        areas["changan"].pk,
        areas["street"].pk,
    }
    city_wide = set(access.own_area_ids(personas.users["lead"]) or [])
    assert city_wide == {a.pk for a in areas.values()}
    assert access.own_area_ids(personas.users["office"]) is None
    assert access.own_area_ids(personas.users["enterprise"]) == []
    assert access.own_area_ids(AnonymousUser()) == []


def test_visible_names_the_known_models_when_a_scope_is_missing(personas: Personas) -> None:
    from lantian.web.org.models import User

    with pytest.raises(LookupError, match="no access scope for User; known: ") as caught:
        access.visible(personas.users["office"], User)
    known = str(caught.value).split("known: ")[1].split(", ")
    assert {"Area", "Unit"} <= set(known)
    assert known == sorted(known)


def test_a_model_gets_one_scope_only() -> None:
    with pytest.raises(ValueError, match="already registered"):
        access.register_scope(Area)(lambda user: Area.objects.none())


def test_visible_uses_the_registered_scope(personas: Personas) -> None:
    user: Any = personas.users["enterprise"]
    assert list(access.visible(user, Unit)) == []
    assert access.can_view(personas.users["lead"], personas.units["cooperating"])
