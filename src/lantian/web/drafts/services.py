"""Uploading a plan, saving its review, discarding it: the one path the pages and the API share.

Command office only (:func:`lantian.web.drafts.scopes.can_use_drafts`); refusals are DRF
exceptions as in :mod:`lantian.web.ledger.editing` (403, 400 naming the field). Each change of a
draft is one entry of the audit log through ``audited``; the draft's text and the proposal, which
never change, stay out of the entries (the file's name and SHA-256 identify them).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.planning.extract import DocumentError, extract, read_document
from lantian.web.audit.audited import audited
from lantian.web.audit.snapshot import NEVER_RECORDED
from lantian.web.drafts import operations as ops
from lantian.web.drafts.models import DraftStatus, PlanDraft
from lantian.web.drafts.registry import Registry
from lantian.web.drafts.review import from_extraction, sync_units
from lantian.web.drafts.scopes import can_use_drafts
from lantian.web.drafts.validation import nest, validate
from lantian.web.ledger import clock
from lantian.web.uploads import saved, sha256, upload_name

#: Largest plan file accepted [bytes].
MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".docx", ".pdf")
#: Fields of a draft the audit log leaves out (large, and never changed after the upload).
NOT_RECORDED = NEVER_RECORDED | {"source_text", "proposed"}


def office_or_403(user: Any) -> None:
    if not can_use_drafts(user):
        raise exceptions.PermissionDenied(_("Only the command office imports plans."))


def refuse(field: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({field: [message]})


def _read(upload: Any) -> tuple[str, str, str]:
    """(file name, text, SHA-256) of an uploaded plan; 400 naming the file and the reason."""
    name = upload_name(upload)
    with saved(upload, "file", SUFFIXES, MAX_BYTES) as path:
        try:
            text = read_document(path)
        except DocumentError as exc:
            raise refuse("file", f"{name}: {exc.reason}") from exc
        digest = sha256(path)
    # One kind of line break, so that offsets agree with what a browser shows.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise refuse("file", _("%(name)s: not a text file.") % {"name": name})
    if not text.strip():
        raise refuse("file", _("%(name)s: the file holds no text.") % {"name": name})
    return name, text, digest


def create_draft(user: Any, upload: Any) -> PlanDraft:
    """Read and extract an uploaded plan into a new draft; nothing enters the ledger."""
    office_or_403(user)
    name, text, digest = _read(upload)
    registry = Registry.load()
    proposed = extract(text, registry=registry.units, file=name, sha256=digest).to_dict()
    draft = PlanDraft(
        file_name=name,
        sha256=digest,
        source_text=text,
        proposed=proposed,
        reviewed=from_extraction(proposed, registry.match),
        created_by=user,
        created_at=clock.now(),
    )
    with audited(user, draft, exclude=NOT_RECORDED):
        draft.save()
    return draft


def editable_or_400(draft: PlanDraft) -> None:
    if draft.status == DraftStatus.SAVED:
        raise refuse(
            "non_field_errors",
            _(
                "This draft was saved to the ledger (plan %(plan)s); it cannot be changed or "
                "saved again."
            )
            % {"plan": draft.saved_plan_id},
        )
    if draft.status == DraftStatus.DISCARDED:
        raise refuse("non_field_errors", _("This draft was discarded; upload the plan again."))


def update_review(user: Any, draft: PlanDraft, data: Any) -> PlanDraft:
    """Replace the draft's review with ``data`` (the whole review), checked field by field."""
    office_or_403(user)
    registry = Registry.load()
    with transaction.atomic():
        draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
        editable_or_400(draft)
        clean, errors = validate(data, lambda pk: pk in registry.names)
        if errors:
            raise exceptions.ValidationError(nest(errors))
        sync_units(clean, registry.match)
        with audited(user, draft, exclude=NOT_RECORDED):
            draft.reviewed = clean
            draft.save()
    return draft


def apply_operation(review: Any, op: str, source: str) -> None:
    """Carry out a page's operation (``drop-task:3``, ``merge:3``, ``split:3:42``, ``add-task:3``,
    ``add-task``, ``drop-target:1``, ``add-target``) on the posted review."""
    kind, *args = op.split(":")
    try:
        n = [int(a) for a in args]
        if kind == "drop-task" and len(n) == 1:
            ops.drop(review, "tasks", n[0])
        elif kind == "drop-target" and len(n) == 1:
            ops.drop(review, "targets", n[0])
        elif kind == "merge" and len(n) == 1:
            ops.merge_tasks(review, n[0])
        elif kind == "split" and len(n) == 2:
            ops.split_task(review, n[0], n[1], source)
        elif kind == "add-task" and len(n) <= 1:
            ops.add_task(review, n[0] if n else None)
        elif kind == "add-target" and not n:
            ops.add_target(review)
        else:
            raise ops.OperationError(op)
    except ops.OperationError as exc:
        messages = {
            "split": _(
                "Place the cursor in the task's text where the second task begins, then split."
            ),
            "merge": _("The last task has no next task to merge with."),
        }
        raise refuse(
            "non_field_errors",
            messages.get(kind, _("This operation cannot be carried out: %(op)s") % {"op": op}),
        ) from exc
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        raise refuse(
            "non_field_errors", _("This operation cannot be carried out: %(op)s") % {"op": op}
        ) from exc


def discard(user: Any, draft: PlanDraft) -> PlanDraft:
    """Set a draft aside (it stays, read-only); a saved draft cannot be discarded."""
    office_or_403(user)
    with transaction.atomic():
        draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
        editable_or_400(draft)
        with audited(user, draft, exclude=NOT_RECORDED):
            draft.status = DraftStatus.DISCARDED
            draft.save()
    return draft
