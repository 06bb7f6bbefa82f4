"""The ledger's clock: one place to read "now", so that tests can pin "today"."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today in the platform's time zone (``TIME_ZONE``)."""
    return timezone.localdate(now())


def local_date(moment: datetime) -> date:
    """The calendar day of ``moment`` in the platform's time zone."""
    return timezone.localdate(moment)
