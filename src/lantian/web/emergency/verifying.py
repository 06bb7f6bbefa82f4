"""Verification of a city's stored warnings and forecasts against the observed daily AQI: the
one service the page, the API, the desk's panel and the warning page share.

The observations come from the statistics engine on the measurement store (read only, as the
dashboard reads it: a stale store raises ``StaleStoreError``, which the site answers with 503);
the verdicts are the core's (:mod:`lantian.emergency.warning_verdict`), the forecast scores
too (:func:`lantian.emergency.verification.verify`, 2018 scheme, default options). The engine
names a city as the station list does (``石家庄``); the platform's area ``石家庄市`` is found
under its own name or without its administrative suffix (:mod:`lantian.web.ledger.area_match`).

Who: the command office and inspectors (``docs/access.md`` §Emergency).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.airquality.engine import Engine
from lantian.airquality.store import StaleStoreError
from lantian.emergency.forecast import MAX_DAYS as FORECAST_DAYS
from lantian.emergency.forecast import SHANGHAI
from lantian.emergency.lifecycle import WarningRecord
from lantian.emergency.verification import Observation, observed_daily, observed_levels, verify
from lantian.emergency.warning_verdict import (
    CONTEXT_DAYS,
    VERDICT_TEXT,
    Verdict,
    issued_days,
    judge,
    observation_range,
    verify_warnings,
)
from lantian.web.dashboard.summary import read_store
from lantian.web.emergency import core, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency.page_utils import level_view
from lantian.web.ledger import clock
from lantian.web.ledger.area_match import engine_name
from lantian.web.ledger.dispatch import store_path
from lantian.web.ledger.params import api_date, api_id
from lantian.web.org.models import Area
from lantian.web.org.roles import AreaLevel

#: The default range: the last 90 days up to today.
DEFAULT_DAYS = 90
#: The longest range one request verifies.
MAX_RANGE_DAYS = 731


def can_read(user: Any) -> bool:
    """The verification page and API: the command office and inspectors."""
    return scopes.can_respond(user)


# --- the query -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    city: Area
    first: date
    last: date


def cities() -> list[Area]:
    return list(Area.objects.filter(level=AreaLevel.CITY).order_by("code"))


def default_city() -> Area | None:
    """The city of the latest issued warning, else the first city."""
    latest = (
        m.Warning.objects.filter(issued_at__isnull=False)
        .select_related("city")
        .order_by("-issued_at", "-pk")
        .first()
    )
    if latest is not None:
        city: Area = latest.city
        return city
    found = cities()
    return found[0] if found else None


def default_range(today: date) -> tuple[date, date]:
    return today - timedelta(days=DEFAULT_DAYS - 1), today


def read_query(params: Mapping[str, Any]) -> Query:
    """``city`` (an id, default :func:`default_city`), ``from``, ``to`` (``YYYY-MM-DD``, default
    the last 90 days up to today). 400 naming the parameter; an unknown city 404."""
    city_id = api_id(params, "city")
    if city_id is not None:
        city = next((c for c in cities() if c.pk == city_id), None)
    else:
        city = default_city()
    if city is None:
        raise exceptions.NotFound(_("No such city."))
    first, last = api_date(params, "from"), api_date(params, "to")
    last = last or clock.today()
    first = first or default_range(last)[0]
    if first > last:
        raise exceptions.ValidationError({"from": [_("“from” must not be after “to”.")]})
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise exceptions.ValidationError(
            {"to": [_("At most %(n)d days at a time.") % {"n": MAX_RANGE_DAYS}]}
        )
    return Query(city, first, last)


# --- observations and records ------------------------------------------------------------------


def engine_names(city: Area) -> list[str]:
    """The names the engine may give the city: its own, then without its suffix."""
    return list(dict.fromkeys((city.name, engine_name(city.name))))


def observations(city: Area, start: date, end: date) -> tuple[dict[date, Observation], bool]:
    """The city's observed daily AQI from ``start`` to ``end``, at most up to yesterday (a day's
    AQI is complete only at its end), and whether a measurement store exists."""
    con = read_store(store_path())
    if con is None:
        return {}, False
    end = min(end, clock.today() - timedelta(days=1))
    if end < start:
        return {}, True
    engine = Engine(con)
    for name in engine_names(city):
        found = observed_daily(engine, name, start, end)
        if found:
            return found, True
    return {}, True


def records(city: Area) -> list[tuple[str, WarningRecord]]:
    """Every warning of the city ever issued, as (id, record)."""
    rows = m.Warning.objects.filter(city=city, issued_at__isnull=False).select_related("city")
    return [(str(w.pk), core.record_of(w)) for w in rows.order_by("pk")]


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


# --- what the page and the API show ------------------------------------------------------------


def _warning_dict(v: Any) -> dict[str, Any]:
    out: dict[str, Any] = v.to_dict()
    out["id"] = int(out.pop("key"))
    out.pop("city")
    return out


def present(w: dict[str, Any]) -> dict[str, Any]:
    """A verdict (``WarningVerdict.to_dict()``) for a page: levels for ``level.html``, times as
    datetimes, each day's verdict in both languages."""
    return {
        **w,
        "levels": [
            {"level": level_view(x["level"]), "from": datetime.fromisoformat(x["from"])}
            for x in w["levels"]
        ],
        "issued_view": level_view(w["issued"]),
        "observed_view": level_view(w["observed"]),
        "days": [
            {
                **d,
                "issued_view": level_view(d["issued"]),
                "observed_view": level_view(d["observed"]),
                "verdict_zh": VERDICT_TEXT[Verdict(d["verdict"])][0],
                "verdict_en": VERDICT_TEXT[Verdict(d["verdict"])][1],
            }
            for d in w["days"]
        ],
    }


def verification(q: Query) -> dict[str, Any]:
    """The verdicts on the city's warnings in the range, the missed episodes, and the scores of
    the city's forecasts issued in the range (``forecasts``: ``Verification.to_dict()``, or
    ``None`` without forecasts)."""
    as_of = clock.now()
    recs = records(q.city)
    lo, hi = observation_range(recs, q.first, q.last, as_of)
    rows = list(
        m.Forecast.objects.filter(
            city=q.city,
            issued__gte=_day_start(q.first),
            issued__lt=_day_start(q.last + timedelta(days=1)),
        )
        .select_related("city")
        .order_by("issued")
    )
    hi = max(hi, q.last + timedelta(days=FORECAST_DAYS + CONTEXT_DAYS)) if rows else hi
    observed, store = observations(q.city, lo, hi)
    result = verify_warnings(recs, observed, q.first, q.last, as_of)
    scores = verify([core.to_forecast(r) for r in rows], observed) if rows else None
    out = result.to_dict()
    out["warnings"] = [_warning_dict(v) for v in result.warnings]
    out.update(
        city={"id": q.city.pk, "name": q.city.name},
        as_of=as_of.isoformat(),
        store=store,
        observed_days=sum(q.first <= d <= q.last for d in observed),
        forecast_count=len(rows),
        forecasts=scores.to_dict() if scores is not None else None,
    )
    return out


def desk_panel(user: Any) -> dict[str, Any] | None:
    """The desk's "预报检验" panel: the default city's counts over the default range (``None``
    for a user who may not read the verification, or without a city). A stale store does not
    stop the desk: the panel says why it has no counts."""
    if not can_read(user):
        return None
    city = default_city()
    if city is None:
        return None
    first, last = default_range(clock.today())
    panel: dict[str, Any] = {"city": city, "from": first, "to": last}
    try:
        as_of = clock.now()
        recs = records(city)
        observed, store = observations(city, *observation_range(recs, first, last, as_of))
    except StaleStoreError as exc:
        return {**panel, "unavailable": str(exc)}
    panel.update(store=store, counts=verify_warnings(recs, observed, first, last, as_of).counts())
    return panel


def verdict_for(warning: m.Warning) -> dict[str, Any] | None:
    """The verdict on one warning for its page (:func:`present`, and ``store``);
    ``None`` for a warning never issued. A stale store gives ``{"unavailable": reason}``."""
    if warning.issued_at is None:
        return None
    as_of = clock.now()
    record = core.record_of(warning)
    days = issued_days(record, as_of)
    try:
        observed, store = (
            observations(
                warning.city,
                min(days) - timedelta(days=CONTEXT_DAYS),
                max(days) + timedelta(days=CONTEXT_DAYS),
            )
            if days
            else ({}, read_store(store_path()) is not None)
        )
    except StaleStoreError as exc:
        return {"unavailable": str(exc)}
    verdict = judge(str(warning.pk), record, observed, observed_levels(observed), as_of)
    return {**present(_warning_dict(verdict)), "store": store}
