"""A small ledger on the personas' organisation (``tests/web/conftest.py``).

Task ``24`` (after measure 24 of 石政发〔2019〕3号): 市生态环境局 leads, 市工信局 cooperates,
responsible area 长安区 (the ``area`` persona reports on it), milestones 2019-06-30 and
2019-12-31, one indicator. Task ``25``: led by the office's own unit, area 桥西区, seen by none
of the department personas nor by the ``area`` persona.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime:
    """A moment on ``day`` (ISO) in the platform's time zone."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), SHANGHAI).replace(
        hour=hour
    )


@dataclass
class Ledger:
    plan: Any
    task: Any
    hidden: Any
    june: Any
    december: Any
    closing: Any
    extension: Any


def make_ledger(personas: Any) -> Ledger:
    from lantian.web.ledger import models as m

    plan = m.Plan.objects.create(
        title="石家庄市2019年大气污染综合治理工作方案",
        issuer="石家庄市人民政府",
        document_number="石政发〔2019〕3号",
        issued_on=date(2019, 3, 1),
        start=date(2019, 1, 1),
        end=date(2019, 12, 31),
        area=personas.areas["city"],
    )
    m.PlanTarget.objects.create(
        plan=plan, metric="pm25", area_name="石家庄", period="2019", op="<=", bound=67
    )
    task = m.Task.objects.create(
        plan=plan, number="24", heading="压减过剩产能", text="压减水泥产能260万吨。"
    )
    task.areas.add(personas.areas["changan"])
    m.TaskUnit.objects.create(task=task, unit=personas.units["lead"], role=m.UnitRole.LEAD)
    m.TaskUnit.objects.create(
        task=task, unit=personas.units["cooperating"], role=m.UnitRole.COOPERATING
    )
    june = m.Milestone.objects.create(task=task, due=date(2019, 6, 30), label="上半年")
    december = m.Milestone.objects.create(task=task, due=date(2019, 12, 31), label="全年")
    m.Indicator.objects.create(task=task, name="压减水泥产能", unit="万吨", target=260)
    hidden = m.Task.objects.create(plan=plan, number="25", text="淘汰燃煤锅炉。")
    hidden.areas.add(personas.areas["qiaoxi"])
    m.TaskUnit.objects.create(task=hidden, unit=personas.units["office"], role=m.UnitRole.LEAD)
    lead = personas.users["lead"]
    closing = m.ClosingRequest.objects.create(
        task=task,
        unit=personas.units["lead"],
        requested_by=lead,
        requested_at=at("2019-06-01"),
        reason="已完成",
    )
    extension = m.ExtensionRequest.objects.create(
        task=task,
        unit=personas.units["lead"],
        requested_by=lead,
        requested_at=at("2019-06-01"),
        reason="设备未到",
        milestone=june,
        new_due=date(2019, 7, 31),
    )
    return Ledger(plan, task, hidden, june, december, closing, extension)


def area_task(plan: Any, number: str, *areas: Any, lead: Any = None) -> Any:
    """A task of ``plan`` whose responsible areas are ``areas`` (and lead unit ``lead``)."""
    from lantian.web.ledger import models as m

    task = m.Task.objects.create(plan=plan, number=number, text=f"任务{number}。")
    task.areas.add(*areas)
    if lead is not None:
        m.TaskUnit.objects.create(task=task, unit=lead, role=m.UnitRole.LEAD)
    return task
