"""The ledger's clock: one place to read "now", so that tests can pin "today".

``LANTIAN_TODAY`` (development only, check ``lantian.E005``) fixes the date: "now" is then that
day at the current time of day, so the demo of a 2019 plan runs on a day of 2019.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    moment = timezone.now()
    fixed: date | None = getattr(settings, "LANTIAN_TODAY", None)
    if fixed is None:
        return moment
    local = timezone.localtime(moment)
    return local.replace(year=fixed.year, month=fixed.month, day=fixed.day)


def today() -> date:
    """Today in the platform's time zone (``TIME_ZONE``)."""
    return timezone.localdate(now())


def local_date(moment: datetime) -> date:
    """The calendar day of ``moment`` in the platform's time zone."""
    return timezone.localdate(moment)
