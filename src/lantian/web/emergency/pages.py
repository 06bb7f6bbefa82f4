"""The warning desk and the warnings: pages on the same services and scopes as the API.

``/emergency/`` is the command office's desk (upload a forecast → its decision with the rule and
the triggering days → assess → issue); ``/emergency/warnings/`` lists the warnings a user may see
(the public: those in force); a warning's page shows its events and lead time, and to the office
and inspectors the notification, transport and inspection lists. A page only reads its form
and shows the services' refusals.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rest_framework import exceptions as drf

from lantian.emergency.decision import BASIS_TEXT, Basis
from lantian.emergency.levels import Level
from lantian.web.emergency import core, desk, forecasting, receipts, response, scopes, verifying
from lantian.web.emergency import models as m
from lantian.web.emergency import serializers as s
from lantian.web.emergency.page_utils import (
    english,
    form_data,
    form_messages,
    level_view,
    page,
    require,
)
from lantian.web.org.models import Area
from lantian.web.org.roles import AreaLevel

RECENT = 20
#: The query parameter of the warning page that keeps the enterprises yet to acknowledge.
PENDING_PARAM = "pending"


# --- the office's desk ---------------------------------------------------------------------------


def _desk(request: HttpRequest, errors: dict[str, list[str]] | None = None) -> HttpResponse:
    forecasts = scopes.forecasts_visible_to(request.user).select_related("city")[:RECENT]
    open_warnings = m.Warning.objects.exclude(state=m.WarningState.LIFTED).select_related("city")
    context = {
        "forecasts": forecasts,
        "warnings": [warning_row(w) for w in open_warnings],
        "rules": scopes.local_rules_visible_to(request.user).select_related("city")[:RECENT],
        "directives": scopes.directives_visible_to(request.user).select_related("city")[:RECENT],
        "cities": Area.objects.filter(level=AreaLevel.CITY),
        "levels": [level_view(lv.value) for lv in Level],
        "errors": errors or {},
        "verification": verifying.desk_panel(request.user),
    }
    return page(request, "emergency/desk.html", context, status=400 if errors else 200)


@login_required
@require_GET
def desk_page(request: HttpRequest) -> HttpResponse:
    require(scopes.is_office, request)
    return _desk(request)


@login_required
@require_POST
def forecast_upload(request: HttpRequest) -> HttpResponse:
    require(scopes.is_office, request)
    try:
        result = forecasting.import_forecasts(request.user, request.FILES.get("file"))
    except drf.ValidationError as exc:
        return _desk(request, {"forecast": form_messages(exc)})
    if result.existing and not result.created:
        messages.info(request, _("This forecast was already stored; nothing was overwritten."))
    if len(result.forecasts) == 1:
        return redirect("emergency-forecast", pk=result.forecasts[0].pk)
    messages.success(request, _("%(n)d forecasts stored.") % {"n": len(result.created)})
    return redirect("emergency-desk")


@login_required
@require_POST
def rule_upload(request: HttpRequest) -> HttpResponse:
    require(scopes.is_office, request)
    try:
        form = s.LocalRuleInputSerializer(
            data={"city": request.POST.get("city", ""), "file": request.FILES.get("file")}
        )
        form.is_valid(raise_exception=True)
        forecasting.upload_local_rule(
            request.user, form.validated_data["city"], form.validated_data["file"]
        )
    except drf.ValidationError as exc:
        return _desk(request, {"rule": form_messages(exc)})
    messages.success(request, _("The local rule was stored; it is in force for its city."))
    return redirect("emergency-desk")


@login_required
@require_POST
def directive_new(request: HttpRequest) -> HttpResponse:
    require(scopes.is_office, request)
    data = form_data(request, "city", "issuer", "level", "start", "end", "reference", "note")
    try:
        form = s.DirectiveInputSerializer(data=data)
        form.is_valid(raise_exception=True)
        valid = dict(form.validated_data)
        forecasting.record_directive(request.user, valid.pop("city"), valid)
    except drf.ValidationError as exc:
        return _desk(request, {"directive": form_messages(exc)})
    messages.success(request, _("The regional directive was recorded."))
    return redirect("emergency-desk")


# --- a forecast and its decision -----------------------------------------------------------------


def _forecast_page(
    request: HttpRequest, forecast: m.Forecast, errors: list[str] | None = None
) -> HttpResponse:
    waiver = request.POST.get("waiver", "") or request.GET.get("waiver", "")
    context: dict[str, Any] = {"forecast": forecast, "days": core.day_values(forecast)}
    try:
        assessment = forecasting.decide_for(forecast, waiver)
    except drf.ValidationError as exc:
        context["decision_error"] = form_messages(exc)
        return page(request, "emergency/forecast.html", context, status=400)
    decision = assessment.to_dict()
    zh, en = BASIS_TEXT[Basis(decision["basis"])]
    context.update(
        basis=en if english() else zh,
        assessment=assessment,
        decision=decision,
        level=level_view(decision["level"]),
        national=level_view(decision["national_level"]),
        trigger=set(decision["trigger"]),
        open_warning=desk.open_warning(forecast.city),
        waiver=waiver,
        errors=errors or [],
    )
    return page(request, "emergency/forecast.html", context, status=400 if errors else 200)


@login_required
@require_GET
def forecast_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(scopes.is_office, request)
    forecast = get_object_or_404(scopes.forecasts_visible_to(request.user), pk=pk)
    return _forecast_page(request, forecast)


@login_required
@require_POST
def assess_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(scopes.is_office, request)
    forecast = get_object_or_404(scopes.forecasts_visible_to(request.user), pk=pk)
    try:
        event = desk.assess(
            request.user, forecast, request.POST.get("waiver", ""), request.POST.get("note", "")
        )
    except drf.ValidationError as exc:
        return _forecast_page(request, forecast, form_messages(exc))
    messages.success(request, _("The assessment was recorded."))
    return redirect("emergency-warning", pk=event.warning_id)


# --- warnings ------------------------------------------------------------------------------------


def warning_row(w: m.Warning) -> dict[str, Any]:
    return {"w": w, "level": level_view(w.level or w.assessed_level)}


@require_GET
def warnings_page(request: HttpRequest) -> HttpResponse:
    """Open to everyone: the public sees the warnings in force (public information)."""
    rows = scopes.warnings_visible_to(request.user)
    return page(request, "emergency/warnings.html", {"rows": [warning_row(w) for w in rows]})


def _warning_page(
    request: HttpRequest, warning: m.Warning, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    user = request.user
    in_force = warning.state == m.WarningState.ISSUED
    context: dict[str, Any] = {
        **warning_row(warning),
        "decision": warning.decision or {},
        "record": scopes.can_see_warning_record(user),
        "in_force": in_force,
        "errors": errors or {},
        "values": request.POST if errors else {},
    }
    if scopes.can_see_warning_record(user):
        context["events"] = [
            {"e": e, "level": level_view(e.level), "kind": e.get_kind_display()}
            for e in warning.events.select_related("by", "forecast")
        ]
        context["lead_time"] = desk.lead_time(warning)
    if verifying.can_read(user):
        context["verdict"] = verifying.verdict_for(warning)
    if scopes.is_office(user):
        context["defaults"] = desk.issue_defaults(warning)
        context["forecasts"] = m.Forecast.objects.filter(city=warning.city)[:RECENT]
        context["levels"] = [level_view(lv.value) for lv in Level]
    if in_force and scopes.can_respond(user):
        city_list = core.city_list(warning.city)  # read once for both lists
        notices = response.notification_list(warning, city_list)
        context["notices"] = notices
        context["acks"] = receipts.acknowledgements(
            user, warning, notices, request.GET.get(PENDING_PARAM) == "1"
        )
        context["inspectable"] = [n.enterprise for n in notices]
        context["transport"] = response.transport_list(warning, city_list)
        context["transport_from"] = level_view(response.TRANSPORT_FROM.value)
        context["max_draw"] = response.MAX_DRAW
        context["draws"] = warning.draws.all()[:5]
        context["inspections"] = scopes.inspections_visible_to(user).filter(warning=warning)
    elif in_force and scopes.can_see_warning_record(user):
        notices = response.notification_list(warning)
        context["notified_count"] = len(notices)
        context["line_count"] = sum(len(n.lines) for n in notices)
    own = scopes.enterprise_of(user)
    if in_force and own is not None and own.area_id == warning.city_id:
        lst = core.enterprise_list(own)
        level = Level(warning.level)
        context["mine"] = [response.line_notice(lst, ln, level) for ln in lst.lines]
        context["own_pending"] = receipts.unacknowledged(user).filter(warning=warning).count()
    return page(request, "emergency/warning.html", context, status=400 if errors else 200)


@require_GET
def warning_page(request: HttpRequest, pk: int) -> HttpResponse:
    warning = get_object_or_404(scopes.warnings_visible_to(request.user), pk=pk)
    return _warning_page(request, warning)


def _visible_warning(request: HttpRequest, pk: int) -> m.Warning:
    warning: m.Warning = get_object_or_404(scopes.warnings_visible_to(request.user), pk=pk)
    return warning


@login_required
@require_POST
def warning_event(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue, upgrade, downgrade or lift (the life cycle refuses what the state forbids)."""
    require(scopes.is_office, request)
    warning = _visible_warning(request, pk)
    data = form_data(
        request,
        "kind",
        "approver",
        "level",
        "measures_start",
        "expected_end",
        "forecast",
        "note",
        nullable=("measures_start", "expected_end", "forecast"),
    )
    try:
        form = s.EventInputSerializer(data=data)
        form.is_valid(raise_exception=True)
        event = desk.act(request.user, warning, form.validated_data)
    except drf.ValidationError as exc:
        return _warning_page(request, warning, {"event": form_messages(exc)})
    messages.success(request, _("Recorded: %(event)s.") % {"event": event.get_kind_display()})
    return redirect("emergency-warning", pk=warning.pk)


@login_required
@require_POST
def draw_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(scopes.can_respond, request)
    warning = _visible_warning(request, pk)
    data = form_data(request, "size", "seed", nullable=("seed",))
    try:
        form = s.DrawInputSerializer(data=data)
        form.is_valid(raise_exception=True)
        row = response.draw(
            request.user, warning, form.validated_data["size"], form.validated_data["seed"]
        )
    except drf.ValidationError as exc:
        return _warning_page(request, warning, {"draw": form_messages(exc)})
    messages.success(
        request,
        _("%(n)d enterprises drawn (seed %(seed)d).") % {"n": len(row.drawn), "seed": row.seed},
    )
    return redirect(_back(request, "emergency-warning", warning.pk))


@login_required
@require_POST
def inspect_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(scopes.can_respond, request)
    warning = _visible_warning(request, pk)
    data = form_data(request, "enterprise", "line", "at", "findings", nullable=("line", "at"))
    data["compliant"] = request.POST.get("compliant", "")
    try:
        form = s.InspectionInputSerializer(data=data)
        form.is_valid(raise_exception=True)
        response.record_inspection(request.user, warning, form.validated_data)
    except drf.ValidationError as exc:
        return _warning_page(request, warning, {"inspection": form_messages(exc)})
    messages.success(request, _("The inspection was recorded."))
    return redirect(_back(request, "emergency-warning", warning.pk))


def _back(request: HttpRequest, name: str, pk: int) -> str:
    """Back to the inspector's page when the form came from there, else to the warning."""
    if request.POST.get("back") == "inspections":
        return reverse("emergency-inspections")
    return reverse(name, kwargs={"pk": pk})


@login_required
@require_GET
def inspections_page(request: HttpRequest) -> HttpResponse:
    """The inspector's page: each warning in force with its latest draw and the record form."""
    require(scopes.can_respond, request)
    rows = []
    for warning in scopes.warnings_visible_to(request.user).filter(state=m.WarningState.ISSUED):
        draw = warning.draws.first()
        recorded = scopes.inspections_visible_to(request.user).filter(warning=warning)
        rows.append(
            {
                **warning_row(warning),
                "draw": draw,
                "inspections": recorded,
                "enterprises": m.Enterprise.objects.filter(
                    pk__in=[d["enterprise"] for d in draw.drawn]
                )
                if draw
                else [],
            }
        )
    context = {"rows": rows, "max_draw": response.MAX_DRAW}
    return page(request, "emergency/inspections.html", context)
