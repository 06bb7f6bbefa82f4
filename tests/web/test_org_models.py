"""Areas, units and users: the rules the organisation records keep."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lantian.web.org.models import Area, Unit, User
from lantian.web.org.roles import AreaLevel, Role
from tests.web.conftest import Personas


def test_a_department_user_needs_a_unit(db: None) -> None:
    with pytest.raises(ValidationError) as caught:
        User(username="x", role=Role.DEPARTMENT).full_clean()
    assert "unit" in caught.value.message_dict


def test_an_area_user_needs_an_area(db: None) -> None:
    with pytest.raises(ValidationError) as caught:
        User(username="x", role=Role.AREA).full_clean()
    assert "area" in caught.value.message_dict


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.AREA])
def test_the_database_refuses_a_user_without_unit_or_area(db: None, role: Role) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role=role)


def test_users_are_public_unless_given_a_role(db: None) -> None:
    assert User.objects.create(username="plain").role == Role.PUBLIC


def test_a_child_area_sits_below_its_parent(personas: Personas) -> None:
    bad = Area(name="某市", code="139999", level=AreaLevel.CITY, parent=personas.areas["changan"])
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "parent" in caught.value.message_dict


def test_a_town_may_sit_directly_under_a_city(personas: Personas) -> None:
    Area(
        name="某镇", code="130100100", level=AreaLevel.TOWN, parent=personas.areas["city"]
    ).full_clean()


def test_an_area_cannot_be_moved_under_its_own_descendant(personas: Personas) -> None:
    changan = personas.areas["changan"]
    changan.parent = personas.areas["street"]
    with pytest.raises(ValidationError):
        changan.full_clean()


def test_descendants_and_ancestors(personas: Personas) -> None:
    areas = personas.areas
    assert set(areas["city"].descendant_ids()) == {a.pk for a in areas.values()}
    assert areas["street"].ancestor_ids() == [areas["changan"].pk, areas["city"].pk]


def test_unit_names_are_unique_within_an_area(personas: Personas) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="石家庄市教育局", area=personas.areas["city"])
    Unit.objects.create(name="石家庄市教育局", area=personas.areas["qiaoxi"])


def test_area_codes_are_unique(personas: Personas) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(name="重复", code="130102", level=AreaLevel.DISTRICT)
