"""Forecasts in, and the warning decision for a forecast: the one path pages and API share.

:func:`import_forecasts` reads a CSV or JSON file with the core's reader (a bad file is refused
whole, ``file:line: reason``, and nothing is stored); :func:`import_forecast_body` reads a JSON
request body with the same parser (``request body:$.path: reason``). :func:`decide_for` calls
the core's ``decide`` with the city's local rule in force and the strongest regional directive
that meets the forecast. Local rules and directives are recorded here too. Every write goes
through ``audited``; refusals are DRF exceptions (400 with the reason, 403), as in the ledger.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.textfile import read_text
from lantian.emergency.decision import Decision, decide
from lantian.emergency.episodes import windows
from lantian.emergency.forecast import Forecast, parse_forecasts_json, read_forecasts
from lantian.emergency.levels import Level
from lantian.emergency.schemes import LocalRuleError, parse_local_rule
from lantian.web.audit.audited import audited
from lantian.web.emergency import core, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency.rows import clean_or_400
from lantian.web.ledger import clock
from lantian.web.org.models import Area
from lantian.web.uploads import refusal, saved, too_large, upload_name

MAX_FORECAST_BYTES = 2 * 1024 * 1024
MAX_RULE_BYTES = 256 * 1024


def office_or_403(user: Any) -> None:
    if not scopes.is_office(user):
        raise exceptions.PermissionDenied(_("Only the command office may do this."))


def find_city(name: str) -> Area | None:
    """The area a forecast's city names: the same name, or with or without the final 市."""
    base = name.strip().removesuffix("市")
    rows = list(Area.objects.filter(Q(name=name.strip()) | Q(name=base) | Q(name=f"{base}市")))
    exact = [a for a in rows if a.name == name.strip()]
    found = exact or rows
    return found[0] if len(found) == 1 else None


@dataclass
class ImportResult:
    """The forecasts of a file: ``created`` rows, and ``existing`` ones the file repeats."""

    created: list[m.Forecast] = field(default_factory=list)
    existing: list[m.Forecast] = field(default_factory=list)

    @property
    def forecasts(self) -> list[m.Forecast]:
        return [*self.created, *self.existing]


def import_forecasts(user: Any, upload: Any) -> ImportResult:
    """Store the forecasts of an uploaded file, all or none (:func:`store_forecasts`)."""
    office_or_403(user)
    name = upload_name(upload)
    with saved(upload, "file", (".csv", ".json"), MAX_FORECAST_BYTES) as path:
        try:
            forecasts = read_forecasts(path)
        except IngestError as exc:
            raise exceptions.ValidationError({"file": refusal(exc, name)}) from None
    return store_forecasts(user, forecasts, name, "file")


#: How a JSON request body is named in refusals (in place of a file name) and on the stored rows.
BODY = "request body"


def import_forecast_body(user: Any, body: bytes) -> ImportResult:
    """Store the forecasts of a JSON request body (the JSON forecast file's shape, read by the
    core's parser), all or none; a refusal names ``request body`` and the path of the value at
    fault (``request body:$.forecasts[0].days[2].aqi: …``)."""
    office_or_403(user)
    if len(body) > MAX_FORECAST_BYTES:
        raise too_large("body", BODY, MAX_FORECAST_BYTES)
    try:
        forecasts = parse_forecasts_json(body, BODY)
    except IngestError as exc:
        raise exceptions.ValidationError({"body": refusal(exc, BODY)}) from None
    return store_forecasts(user, forecasts, BODY, "body")


def store_forecasts(
    user: Any, forecasts: Sequence[Forecast], name: str, field: str
) -> ImportResult:
    """Store ``forecasts`` (read from ``name``), all or none.

    A forecast already stored with the same city and issue time and the same values is reused;
    with other values the whole input is refused (under ``field``): a stored forecast is never
    overwritten.
    """
    office_or_403(user)
    planned: list[tuple[Forecast, Area, m.Forecast | None]] = []
    for fc in forecasts:
        city = find_city(fc.city)
        if city is None:
            raise exceptions.ValidationError(
                {
                    field: [
                        _("%(file)s: %(city)s is not an area of the platform.")
                        % {"file": name, "city": fc.city}
                    ]
                }
            )
        stored = m.Forecast.objects.filter(city=city, issued=fc.issued).first()
        if stored is not None and core.forecast_json(fc) != (stored.days, stored.hours):
            raise exceptions.ValidationError(
                {
                    field: [
                        _(
                            "%(file)s: a forecast of %(city)s issued at %(issued)s is already "
                            "stored with other values; a stored forecast is never overwritten."
                        )
                        % {
                            "file": name,
                            "city": city.name,
                            "issued": fc.issued.strftime("%Y-%m-%d %H:%M"),
                        }
                    ]
                }
            )
        planned.append((fc, city, stored))
    result = ImportResult()
    now = clock.now()
    with transaction.atomic():
        for fc, city, stored in planned:
            if stored is not None:
                result.existing.append(stored)
                continue
            days, hours = core.forecast_json(fc)
            row = m.Forecast(
                city=city,
                city_name=fc.city,
                issued=fc.issued,
                days=days,
                hours=hours,
                source=fc.source[:200],
                file_name=name,
                uploaded_by=user,
                uploaded_at=now,
            )
            with audited(user, row):
                row.save()
            result.created.append(row)
    return result


# --- the decision --------------------------------------------------------------------------------


def local_rule_for(city: Area) -> m.LocalRule | None:
    """The city's rule in force: the latest uploaded."""
    return m.LocalRule.objects.filter(city=city).first()


def directive_for(fc: Forecast, city: Area) -> m.RegionalDirective | None:
    """The strongest directive for the city whose period meets the forecast's windows (the
    earliest of equal ones)."""
    ws = windows(fc)
    rows = m.RegionalDirective.objects.filter(city=city, start__lt=ws[-1].end, end__gt=ws[0].start)
    best: m.RegionalDirective | None = None
    for row in rows.order_by("start", "pk"):
        if best is None or Level(row.level).rank > Level(best.level).rank:
            best = row
    return best


@dataclass(frozen=True)
class Assessment:
    """A forecast's decision and what it was taken with."""

    forecast: m.Forecast
    decision: Decision
    local_rule: m.LocalRule | None
    directive: m.RegionalDirective | None

    def to_dict(self) -> dict[str, Any]:
        out = self.decision.to_dict()
        out["forecast"] = self.forecast.pk
        return out


def decide_for(forecast: m.Forecast, waiver: str | None = None) -> Assessment:
    """The core's decision for a stored forecast (2018 scheme, default options), with the
    city's local rule in force and the strongest regional directive that meets it."""
    fc = core.to_forecast(forecast)
    rule_row = local_rule_for(forecast.city)
    directive_row = directive_for(fc, forecast.city)
    try:
        rule = core.to_local_rule(rule_row) if rule_row is not None else None
        decision = decide(
            fc,
            local=rule,
            directive=core.to_directive(directive_row) if directive_row else None,
            waiver=waiver if waiver and waiver.strip() else None,
        )
    except LocalRuleError as exc:
        raise exceptions.ValidationError({"local_rule": [str(exc)]}) from None
    return Assessment(forecast, decision, rule_row, directive_row)


# --- local rules and directives ----------------------------------------------------------------


def upload_local_rule(user: Any, city: Area, upload: Any) -> m.LocalRule:
    """Store a city's stricter rule (TOML) after the core read and checked it (a looser rule is
    refused with the reason, ``file:key: reason``)."""
    office_or_403(user)
    name = upload_name(upload)
    with saved(upload, "file", (".toml",), MAX_RULE_BYTES) as path:
        try:
            text = read_text(path)  # a file not in UTF-8 is refused naming its line
            rule = parse_local_rule(text, path)
        except IngestError as exc:  # LocalRuleError included
            raise exceptions.ValidationError({"file": refusal(exc, name)}) from None
    if rule.city and find_city(rule.city) != city:
        raise exceptions.ValidationError(
            {
                "file": [
                    _("%(file)s: the rule is for %(rule_city)s, not for %(city)s.")
                    % {"file": name, "rule_city": rule.city, "city": city.name}
                ]
            }
        )
    row = m.LocalRule(
        city=city,
        name=rule.name[:300],
        text=text,
        file_name=name,
        uploaded_by=user,
        uploaded_at=clock.now(),
    )
    with audited(user, row):
        row.save()
    return row


def record_directive(user: Any, city: Area, valid: Mapping[str, Any]) -> m.RegionalDirective:
    """Record a regional directive (validated input: issuer, level, start, end, reference,
    note)."""
    office_or_403(user)
    row = m.RegionalDirective(
        city=city,
        issuer=valid["issuer"],
        level=valid["level"],
        start=valid["start"],
        end=valid["end"],
        reference=valid.get("reference", ""),
        note=valid.get("note", ""),
        recorded_by=user,
        recorded_at=clock.now(),
    )
    clean_or_400(row)
    with audited(user, row):
        row.save()
    return row
