"""The demo's emergency reduction list: the synthetic city list of ``data/sample/emergency/`` as
石家庄市's list (every enterprise marked synthetic) with the synthetic staggered-production
calendar of the 2019-2020 heating season, and the demo ``enterprise`` user linked to the first
synthetic enterprise. The calendar goes through the office's import service, so it is recorded
as a ``CalendarImport`` (imported by no one: the system). Idempotent like the rest of the demo:
a second run writes nothing (the same calendar file again records no second import)."""

from __future__ import annotations

from typing import Any

from lantian.sample_data import SAMPLE_DIR
from lantian.web.audit.audited import audited
from lantian.web.emergency.calendar_import import import_calendar_file
from lantian.web.emergency.listing import import_list_files
from lantian.web.emergency.models import Enterprise, EnterpriseUser
from lantian.web.ledger import clock
from lantian.web.org.models import Area

LIST = SAMPLE_DIR / "emergency" / "synthetic_city_list.csv"
CITY_EMISSIONS = SAMPLE_DIR / "emergency" / "synthetic_city_list.city_emissions.csv"
CALENDAR = SAMPLE_DIR / "emergency" / "synthetic_city_calendar.csv"
#: The enterprise the demo ``enterprise`` user acts for (the first of the synthetic list).
FIRST_ENTERPRISE = "E0001"


def load_emergency(result: Any, city: Area, enterprise_user: Any) -> None:
    """Import the synthetic list and calendar for ``city`` and link ``enterprise_user`` to its first
    enterprise; counts go into the demo's ``LoadResult``."""
    summary = import_list_files(None, city, LIST, LIST.name, CITY_EMISSIONS, CITY_EMISSIONS.name)
    result.created.update(summary.created)
    result.updated.update(summary.updated)
    if summary.record is not None:
        result.created["ListImport"] += 1
    calendar = import_calendar_file(None, city, CALENDAR, CALENDAR.name)
    if calendar.record is not None:
        result.created["CalendarImport"] += 1
    if calendar.created:
        result.created["StaggeredPeriod"] += len(calendar.created)
    if calendar.withdrawn:
        result.updated["StaggeredPeriod"] += len(calendar.withdrawn)
    first = Enterprise.objects.get(area=city, list_id=FIRST_ENTERPRISE)
    link = EnterpriseUser.objects.filter(user=enterprise_user).first()
    if link is not None and link.enterprise_id == first.pk:
        return
    if link is None:
        link = EnterpriseUser(user=enterprise_user, enterprise=first, linked_at=clock.now())
        result.created["EnterpriseUser"] += 1
    else:
        result.updated["EnterpriseUser"] += 1
    with audited(None, link):
        link.enterprise = first
        link.save()
