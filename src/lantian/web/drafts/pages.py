"""The command office's pages for importing a plan (方案导入): the list with the upload form, the
review page, and its save to the ledger and discard. The forms only hand their input to
:mod:`lantian.web.drafts.services` and :mod:`lantian.web.drafts.ledger_save` (the API's
functions too) and show their refusals (400; what was typed stays; nothing is saved). Command
office only: other roles get 403, anonymous visitors the login page, an unknown draft 404.

The review page posts the whole review as one JSON field (``reviewed``, written by
``static/drafts/review.js`` from the page's inputs) and, from the button pressed, an operation
(``op``: drop, merge, split, add; :func:`lantian.web.drafts.services.apply_operation`).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework import exceptions as drf

from lantian.web.drafts import ledger_save, presenters, services
from lantian.web.drafts.models import PlanDraft
from lantian.web.drafts.registry import Registry
from lantian.web.drafts.scopes import can_use_drafts, drafts_listed_to, drafts_visible_to
from lantian.web.ledger.edit_serializers import MAX_ID


def _office(request: HttpRequest) -> None:
    if not can_use_drafts(request.user):
        raise PermissionDenied


def _draft_or_404(request: HttpRequest, pk: int) -> PlanDraft:
    _office(request)
    if pk > MAX_ID:  # the URL's int converter takes any number of digits
        raise Http404
    draft: PlanDraft = get_object_or_404(drafts_visible_to(request.user), pk=pk)
    return draft


@login_required
@require_http_methods(["GET", "POST"])
def draft_list(request: HttpRequest) -> HttpResponse:
    """``/drafts/``: the drafts and the upload form; an upload opens the new draft's review."""
    _office(request)
    context: dict[str, Any] = {
        "drafts": drafts_listed_to(request.user),
        "error": None,
    }
    if request.method == "POST":
        try:
            draft = services.create_draft(request.user, request.FILES.get("file"))
        except drf.ValidationError as exc:
            context["error"] = "；".join(presenters.lines(exc.detail))
            return render(request, "drafts/list.html", context, status=400)
        messages.success(
            request,
            _(
                "%(name)s read: %(tasks)d tasks and %(targets)d targets proposed. Review them, "
                "then save to the ledger."
            )
            % {
                "name": draft.file_name,
                "tasks": len(draft.reviewed["tasks"]),
                "targets": len(draft.reviewed["targets"]),
            },
        )
        return redirect("drafts-review", pk=draft.pk)
    return render(request, "drafts/list.html", context)


def _render_review(
    request: HttpRequest,
    draft: PlanDraft,
    review: Any = None,
    errors: dict[str, list[str]] | None = None,
    save_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    review = review if isinstance(review, dict) else draft.reviewed
    errors = errors or {}
    registry = Registry.load()
    tasks = presenters.tasks_view(review, errors)
    context = {
        "draft": draft,
        "editable": draft.editable,
        "plan_fields": presenters.plan_view(review, errors),
        "plan_extra": presenters.plan_extra(review),
        "targets": presenters.targets_view(review, errors),
        "tasks": tasks,
        "problem_count": sum(1 for t in tasks if t["problems"]),
        "unit_entries": presenters.units_view(review, errors, registry),
        "registry": sorted(registry.names.items(), key=lambda kv: kv[1]),
        "metrics": presenters.metric_choices(),
        "roles": presenters.role_choices(),
        "recurring": presenters.recurring_choices(),
        "general_errors": errors.get("non_field_errors", []),
        "save_errors": save_errors or [],
        "error_count": len(errors),
    }
    return render(request, "drafts/review.html", context, status=status)


def _posted_review(request: HttpRequest) -> Any:
    try:
        return json.loads(request.POST.get("reviewed", ""))
    except ValueError:
        raise drf.ValidationError(
            {
                "non_field_errors": [
                    _(
                        "The review could not be read from the page: reload it and try again "
                        "(the page needs JavaScript)."
                    )
                ]
            }
        ) from None


def _anchor(op: str) -> str:
    kind, _sep, rest = op.partition(":")
    index = rest.split(":")[0]
    if kind in ("merge", "split", "drop-task") and index.isdigit():
        return f"#task-{index}"
    if kind == "add-task" and index.isdigit():
        return f"#task-{int(index) + 1}"
    if kind in ("add-target", "drop-target"):
        return "#targets-card"
    return ""


def _save_posted(request: HttpRequest, draft: PlanDraft) -> tuple[PlanDraft, Any]:
    """Store the posted review (after the operation asked for, if any)."""
    review = _posted_review(request)
    op = str(request.POST.get("op", "")).strip()
    if op:
        services.apply_operation(review, op, draft.source_text)
    try:
        return services.update_review(request.user, draft, review), review
    except drf.ValidationError as exc:
        exc.review = review  # shown again as typed
        raise


@login_required
@require_http_methods(["GET", "POST"])
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    """``/drafts/<id>/``: the source beside the proposal; POST saves the edits to the draft."""
    draft = _draft_or_404(request, pk)
    if request.method == "GET":
        return _render_review(request, draft)
    try:
        _save_posted(request, draft)
    except drf.ValidationError as exc:
        review = getattr(exc, "review", None)
        return _render_review(request, draft, review, presenters.flatten(exc.detail), status=400)
    messages.success(request, _("The review was saved to the draft."))
    return redirect(
        reverse("drafts-review", args=[draft.pk]) + _anchor(str(request.POST.get("op", "")))
    )


@login_required
@require_POST
def draft_save(request: HttpRequest, pk: int) -> HttpResponse:
    """``POST /drafts/<id>/save/``: the posted edits (if any) to the draft, then the draft to the
    ledger, all or nothing."""
    draft = _draft_or_404(request, pk)
    if "reviewed" in request.POST:
        try:
            draft, _review = _save_posted(request, draft)
        except drf.ValidationError as exc:
            review = getattr(exc, "review", None)
            return _render_review(
                request, draft, review, presenters.flatten(exc.detail), status=400
            )
    try:
        draft = ledger_save.save_to_ledger(request.user, draft)
    except drf.ValidationError as exc:
        return _render_review(request, draft, save_errors=presenters.lines(exc.detail), status=400)
    messages.success(
        request,
        _("Saved to the ledger: %(tasks)d tasks, %(targets)d targets.")
        % {"tasks": draft.result["tasks"], "targets": draft.result["targets"]},
    )
    return redirect("drafts-review", pk=draft.pk)


@login_required
@require_POST
def draft_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """``POST /drafts/<id>/discard/``: set the draft aside."""
    draft = _draft_or_404(request, pk)
    try:
        services.discard(request.user, draft)
    except drf.ValidationError as exc:
        return _render_review(request, draft, save_errors=presenters.lines(exc.detail), status=400)
    messages.success(request, _("The draft %(name)s was discarded.") % {"name": draft.file_name})
    return redirect("drafts")
