"""Personas and clients of the platform tests (settings: ``tests/settings.py``).

The web tests run with production settings (secure cookies, a real secret key) on SQLite, or on
PostgreSQL when ``DATABASE_URL`` is set, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest tests/web``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Personas:
    """The people of the permission matrix (STYLE 10) and the organisation they belong to."""

    users: dict[str, Any]
    areas: dict[str, Any]
    units: dict[str, Any]


#: Names of the personas, in the order the matrix lists them.
PERSONAS = (
    "office",
    "lead",
    "cooperating",
    "other_dept",
    "area",
    "inspector",
    "enterprise",
    "anon",
)


def make_personas() -> Personas:
    from lantian.web.org.models import Area, Unit, User
    from lantian.web.org.roles import AreaLevel, Role

    city = Area.objects.create(name="石家庄市", code="130100", level=AreaLevel.CITY)
    changan = Area.objects.create(
        name="长安区", code="130102", level=AreaLevel.DISTRICT, parent=city
    )
    qiaoxi = Area.objects.create(
        name="桥西区", code="130104", level=AreaLevel.DISTRICT, parent=city
    )
    street = Area.objects.create(
        name="建北街道", code="130102001", level=AreaLevel.TOWN, parent=changan
    )
    units = {
        "office": Unit.objects.create(name="石家庄市大气污染防治攻坚行动指挥部办公室", area=city),
        "lead": Unit.objects.create(
            name="石家庄市生态环境局", short_name="市生态环境局", area=city
        ),
        "cooperating": Unit.objects.create(
            name="石家庄市工业和信息化局", short_name="市工信局", area=city
        ),
        "other_dept": Unit.objects.create(name="石家庄市教育局", short_name="市教育局", area=city),
    }

    def user(username: str, role: str, **extra: Any) -> Any:
        person = User(username=username, role=role, **extra)
        person.set_unusable_password()  # tests log in with force_login; Argon2 is slow on purpose
        person.full_clean()
        person.save()
        return person

    users: dict[str, Any] = {
        "office": user("office", Role.COMMAND_OFFICE, unit=units["office"], is_staff=True),
        "lead": user("lead", Role.DEPARTMENT, unit=units["lead"]),
        "cooperating": user("cooperating", Role.DEPARTMENT, unit=units["cooperating"]),
        "other_dept": user("other_dept", Role.DEPARTMENT, unit=units["other_dept"]),
        "area": user("area", Role.AREA, area=changan),
        "inspector": user("inspector", Role.INSPECTOR, unit=units["lead"]),
        "enterprise": user("enterprise", Role.ENTERPRISE, area=changan),
        "anon": None,
    }
    areas = {"city": city, "changan": changan, "qiaoxi": qiaoxi, "street": street}
    return Personas(users=users, areas=areas, units=units)


@pytest.fixture(autouse=True)
def site_language() -> Any:
    """Each test starts in the site's default language (Chinese): a request in English earlier in
    the same worker leaves English active in the thread, and a service's message would follow it."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def client_for(client: Any, personas: Personas) -> Any:
    """``client_for("lead")``: the test client logged in as that persona (``anon``: nobody)."""

    def login(name: str) -> Any:
        user = personas.users[name]
        if user is not None:
            client.force_login(user)
        return client

    return login
