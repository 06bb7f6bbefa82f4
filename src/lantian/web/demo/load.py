"""Writing the demo (:mod:`lantian.web.demo.sample`) to the database, idempotently.

Every row is found by its natural key (area code, unit name in its area, plan document number,
task number, …); a missing row is created and a row that differs is brought back to the demo's
values, each through ``audited`` so the audit log records it. A second run finds everything in
place and writes nothing, not even an audit entry. Passwords are set when a user is created, and
again only with ``reset_passwords``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model

from lantian.airquality.targets import read_targets
from lantian.planning import model as core
from lantian.web.audit.audited import audited
from lantian.web.audit.log import record
from lantian.web.demo import sample
from lantian.web.demo.emergency import load_emergency
from lantian.web.ledger import models as m
from lantian.web.org.models import Area, Unit, User
from lantian.web.org.roles import AreaLevel

M = TypeVar("M", bound=Model)


@dataclass
class LoadResult:
    """What a run changed: ``created``/``updated`` count rows by model name."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    passwords_set: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.passwords_set)


def _ensure(
    result: LoadResult,
    model: type[M],
    key: dict[str, Any],
    values: dict[str, Any],
    clean_exclude: tuple[str, ...] = (),
) -> M:
    """The row of ``model`` with ``key``, created or updated to ``values`` through ``audited``."""
    name = model.__name__
    obj = model._default_manager.filter(**key).first()
    if obj is None:
        obj = model(**key, **values)
        obj.full_clean(exclude=clean_exclude)
        with audited(None, obj):
            obj.save()
        result.created[name] += 1
        return obj
    if any(getattr(obj, k) != v for k, v in values.items()):
        with audited(None, obj):  # the snapshot "before" is taken here, before the change
            for k, v in values.items():
                setattr(obj, k, v)
            obj.full_clean(exclude=clean_exclude)
            obj.save()
        result.updated[name] += 1
    return obj


def _areas(result: LoadResult) -> dict[str, Area]:
    city_name, city_code = sample.CITY
    city = _ensure(
        result,
        Area,
        {"code": city_code},
        {"name": city_name, "level": AreaLevel.CITY, "parent": None},
    )
    areas = {city_name: city}
    for name, code in sample.DISTRICTS:
        areas[name] = _ensure(
            result,
            Area,
            {"code": code},
            {"name": name, "level": AreaLevel.DISTRICT, "parent": city},
        )
    district = areas[sample.CHANGAN]
    for name, code in sample.CHANGAN_TOWNS:
        areas[name] = _ensure(
            result,
            Area,
            {"code": code},
            {"name": name, "level": AreaLevel.TOWN, "parent": district},
        )
    return areas


def _task(
    result: LoadResult,
    plan: m.Plan,
    task: core.Task,
    units: dict[str, Unit],
    areas: dict[str, Area],
) -> m.Task:
    row = _ensure(
        result,
        m.Task,
        {"plan": plan, "number": task.number},
        {"heading": task.heading, "text": task.text, "category": task.category},
    )
    roles = (
        (m.UnitRole.LEAD, task.lead_units),
        (m.UnitRole.COOPERATING, task.cooperating_units),
        (m.UnitRole.RESPONSIBLE, task.responsible_units),
    )
    for role, names in roles:
        for name in names:
            _ensure(result, m.TaskUnit, {"task": row, "unit": units[name]}, {"role": role})
    for milestone in task.milestones:
        _ensure(
            result, m.Milestone, {"task": row, "due": milestone.due}, {"label": milestone.label}
        )
    wanted = sorted(areas[name].pk for name in task.areas)
    present = sorted(row.areas.values_list("pk", flat=True))
    if wanted != present:
        # Many-to-many links are no field of the row: record them as their own entry.
        with transaction.atomic():
            row.areas.set(wanted)
            record(None, "set_areas", "ledger.task", row.pk, {"areas": present}, {"areas": wanted})
        result.updated["Task.areas"] += 1
    return row


def _user(
    result: LoadResult,
    demo: sample.DemoUser,
    units: dict[str, Unit],
    areas: dict[str, Area],
    reset_passwords: bool,
) -> User:
    values = {
        "role": demo.role,
        "unit": units[demo.unit] if demo.unit else None,
        "area": areas[demo.area] if demo.area else None,
        "is_staff": demo.is_staff,
        "is_active": True,
    }
    existing = User.objects.filter(username=demo.username).exists()
    user = _ensure(result, User, {"username": demo.username}, values, clean_exclude=("password",))
    if not existing or reset_passwords:
        # The hash never enters the log (snapshot excludes it): the explicit action records
        # that the password was set, and by whom (the system).
        with audited(None, user, action="set_password"):
            user.set_password(demo.password)
            user.save(update_fields=["password"])
        result.passwords_set += 1
    return user


def load_demo(reset_passwords: bool = False) -> LoadResult:
    """Write the demo to the database (all or nothing) and say what changed."""
    result = LoadResult()
    tasks = sample.read_tasks()
    targets = read_targets(sample.TARGETS_CSV)
    with transaction.atomic():
        areas = _areas(result)
        city = areas[sample.CITY[0]]
        units = {
            name: _ensure(result, Unit, {"area": city, "name": name}, {})
            for name in sample.unit_names(tasks)
        }
        info = sample.PLAN
        plan = _ensure(
            result,
            m.Plan,
            {"document_number": info.document_number},
            {
                "title": info.title,
                "issuer": info.issuer,
                "issued_on": info.issued_on,
                "start": info.start,
                "end": info.end,
                "area": city,
            },
        )
        for target in targets:
            _ensure(
                result,
                m.PlanTarget,
                {
                    "plan": plan,
                    "metric": target.metric,
                    "area_name": target.area,
                    "period": target.period.label,
                    "op": target.op,
                    "change": target.change,
                },
                {"bound": target.bound, "baseline": target.baseline, "label": target.label},
            )
        for task in tasks:
            _task(result, plan, task, units, areas)
        users = {
            demo.username: _user(result, demo, units, areas, reset_passwords)
            for demo in sample.DEMO_USERS
        }
        load_emergency(result, city, users["enterprise"])
    return result
