"""Filing reports and requests, and deciding requests: the one path the API and the pages share.

Each function checks who may act (:mod:`lantian.web.ledger.scopes`), validates with the ledger's
input serializers (the rules they call are the core's) and saves through ``audited`` in one
transaction. Refusals are DRF exceptions: ``PermissionDenied`` (403), ``ValidationError`` (400,
``detail`` names the fields) and ``Http404``; the API answers them, the pages show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.web.audit.audited import audited
from lantian.web.ledger import clock, scopes
from lantian.web.ledger import models as m
from lantian.web.ledger import serializers as s
from lantian.web.org.models import Area, Unit

#: ``kind`` of a request in URLs (``/api/requests/<kind>/<id>/decide/``) → its model.
REQUEST_MODELS: dict[str, type[m.Request]] = {
    "extension": m.ExtensionRequest,
    "closing": m.ClosingRequest,
}


def reporting_unit_or_403(user: Any, task: m.Task) -> Unit:
    """The unit ``user`` files a request for on ``task``; 403 when it is not a lead or
    responsible unit (areas file reports only)."""
    unit = scopes.reporting_unit(user, task)
    if unit is None:
        raise exceptions.PermissionDenied(
            _("Only a lead or responsible unit of this task may file this.")
        )
    return unit


def reporter_or_403(user: Any, task: m.Task) -> Unit | Area:
    """The unit or area ``user`` reports for on ``task``; 403 for anyone else who sees it."""
    reporter = scopes.reporter_for(user, task)
    if reporter is None:
        raise exceptions.PermissionDenied(
            _("Only a lead or responsible unit, or an area listed on this task, may report on it.")
        )
    return reporter


def file_report(user: Any, task: m.Task, data: Mapping[str, Any]) -> m.Report:
    """A weekly report with its evidence files (``data["evidence"]``); all or nothing. The
    reporter is the user's unit or, for an area user, its area (:func:`scopes.reporter_for`)."""
    reporter = reporter_or_403(user, task)
    form = s.ReportInputSerializer(data=data, context={"task": task})
    form.is_valid(raise_exception=True)
    valid = form.validated_data
    with transaction.atomic():
        report = m.Report(
            task=task,
            unit=reporter if isinstance(reporter, Unit) else None,
            area=reporter if isinstance(reporter, Area) else None,
            week=valid["week"],
            filed_at=clock.now(),
            text=valid["text"],
            indicator_values=valid["indicator_values"],
            milestones_met=valid["milestones_met"],
            complete=valid["complete"],
            filed_by=user,
        )
        report.full_clean()
        with audited(user, report):
            report.save()
        for upload in valid["evidence"]:
            evidence = m.Evidence(report=report, file=upload, name=upload.name, size=upload.size)
            evidence.full_clean()
            with audited(user, evidence):
                evidence.save()
    return report


def file_extension(user: Any, task: m.Task, data: Mapping[str, Any]) -> m.ExtensionRequest:
    """A request to move one of the task's milestones (延期申请)."""
    unit = reporting_unit_or_403(user, task)
    form = s.ExtensionInputSerializer(data=data, context={"task": task})
    form.is_valid(raise_exception=True)
    req = m.ExtensionRequest(
        task=task,
        unit=unit,
        requested_by=user,
        requested_at=clock.now(),
        reason=form.validated_data["reason"],
        milestone=form.validated_data["milestone"],
        new_due=form.validated_data["new_due"],
    )
    with audited(user, req):
        req.save()
    return req


def file_closing(user: Any, task: m.Task, data: Mapping[str, Any]) -> m.ClosingRequest:
    """A request to close (销号) the task."""
    unit = reporting_unit_or_403(user, task)
    form = s.ClosingInputSerializer(data=data)
    form.is_valid(raise_exception=True)
    req = m.ClosingRequest(
        task=task,
        unit=unit,
        requested_by=user,
        requested_at=clock.now(),
        reason=form.validated_data["reason"],
    )
    with audited(user, req):
        req.save()
    return req


def decide(user: Any, kind: str, pk: int, data: Mapping[str, Any]) -> m.Request:
    """The command office approves a request or sends it back with a reason, once.

    The caller has checked :func:`lantian.web.ledger.scopes.can_decide`.
    """
    if kind not in REQUEST_MODELS:
        raise exceptions.NotFound(_("Unknown kind of request."))
    model = REQUEST_MODELS[kind]
    with transaction.atomic():
        req = get_object_or_404(model.objects.select_for_update(), pk=pk)
        if req.decision:
            raise exceptions.ValidationError(
                {"decision": [_("This request has already been decided.")]}
            )
        form = s.DecisionInputSerializer(data=data)
        form.is_valid(raise_exception=True)
        with audited(user, req, action=f"decide_{kind}"):
            req.decision = form.validated_data["decision"]
            req.decision_reason = form.validated_data["reason"]
            req.decided_by = user
            req.decided_at = clock.now()
            req.save()
    return req
