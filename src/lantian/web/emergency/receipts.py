"""Notices of a warning's events to the enterprises (企业预警通知) and their acknowledgement (签收).

When the command office issues, upgrades, downgrades or lifts a warning, every enterprise
concerned gets a notice (:class:`~.models.NoticeReceipt`) that keeps what it was told:

- issue, upgrade, downgrade: the enterprises of the notification list at the new level
  (:func:`~.response.notification_for`), each with its lines' measures at that level; an
  enterprise notified earlier in the warning that the new level no longer concerns (its lines
  ask nothing at it, e.g. after a downgrade) is notified too, with no line: its measures end;
- lift: every enterprise notified before in the warning, with the lines of its latest notice
  (the measures that end).

The enterprise's users acknowledge (签收) each notice once; the office and inspectors follow who
has and who has not. Pages and API share these functions (``docs/emergency_notices_receipt.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.emergency.levels import Level
from lantian.web.audit.audited import audited
from lantian.web.emergency import models as m
from lantian.web.emergency import response, scopes
from lantian.web.ledger import clock

#: The events that change what enterprises must do, hence notify them.
NOTIFYING = frozenset(
    {m.EventKind.ISSUE, m.EventKind.UPGRADE, m.EventKind.DOWNGRADE, m.EventKind.LIFT}
)


def line_snapshot(ln: response.LineNotice) -> dict[str, Any]:
    """A line's measure as notified (plain JSON values)."""
    return asdict(ln)


def latest_notices(
    warning: m.Warning, receipts: Any = None, before: m.WarningEvent | None = None
) -> dict[int, m.NoticeReceipt]:
    """The latest notice of the warning to each enterprise (by enterprise id), among
    ``receipts`` (default: all); with ``before``, among those of the events recorded before it."""
    rows = m.NoticeReceipt.objects.all() if receipts is None else receipts
    rows = rows.filter(warning=warning).select_related("enterprise", "event", "acknowledged_by")
    if before is not None:  # the events recorded before it (the record's order: at, pk)
        rows = rows.filter(
            Q(event__at__lt=before.at) | Q(event__at=before.at, event__pk__lt=before.pk)
        )
    latest: dict[int, m.NoticeReceipt] = {}
    for row in rows.order_by("event__at", "event__pk", "pk"):
        latest[row.enterprise_id] = row
    return latest


def _targets(
    warning: m.Warning, event: m.WarningEvent
) -> tuple[str, list[tuple[m.Enterprise, list[dict[str, Any]]]]]:
    """The level notified and, for each enterprise concerned, its lines as notified."""
    earlier = latest_notices(warning, before=event)
    if event.kind == m.EventKind.LIFT:
        return event.level_before, [(r.enterprise, list(r.lines)) for r in earlier.values()]
    level = event.level_after
    notices = response.notification_for(warning.city, Level(level))
    targets = [(n.enterprise, [line_snapshot(ln) for ln in n.lines]) for n in notices]
    listed = {n.enterprise.pk for n in notices}
    # notified before, asked nothing at the new level: told that its measures end
    targets += [(r.enterprise, []) for eid, r in earlier.items() if eid not in listed]
    return level, targets


def notify_enterprises(warning: m.Warning, event: m.WarningEvent) -> list[m.NoticeReceipt]:
    """The notices of ``event`` (just recorded on ``warning``) to the enterprises concerned;
    an assessment notifies no one. Called again for the same event it adds nothing. The times
    are the warning's after the event; each notice is recorded in the audit log as made by the
    user who recorded the event."""
    if event.kind not in NOTIFYING:
        return []
    current = m.Warning.objects.get(pk=warning.pk)
    level, targets = _targets(current, event)
    done = set(event.receipts.values_list("enterprise_id", flat=True))
    created = []
    now = clock.now()
    with transaction.atomic():
        for enterprise, lines in targets:
            if enterprise.pk in done:
                continue
            row = m.NoticeReceipt(
                warning=current,
                event=event,
                enterprise=enterprise,
                level=level,
                lines=lines,
                measures_start=current.measures_start,
                expected_end=current.expected_end,
                created_at=now,
            )
            with audited(event.by, row):
                row.save()
            created.append(row)
    return created


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def acknowledge(user: Any, pk: int) -> m.NoticeReceipt:
    """A user of the notified enterprise acknowledges notice ``pk``, once. 403 for a role that
    reads no notice, and for the office and inspectors (they do not sign for an enterprise);
    404 for a notice outside the user's scope (another enterprise's); 400 when already done."""
    if not scopes.can_read_receipts(user):
        raise exceptions.PermissionDenied(
            _("Only the command office, inspectors and enterprises see warning notices.")
        )
    with transaction.atomic():
        receipt: m.NoticeReceipt = get_object_or_404(
            scopes.receipts_visible_to(user).select_for_update(of=("self",)), pk=pk
        )
        if not scopes.is_recipient(user, receipt):
            raise exceptions.PermissionDenied(
                _("Only the notified enterprise acknowledges its notice.")
            )
        if receipt.acknowledged_at is not None:
            by = receipt.acknowledged_by.get_username() if receipt.acknowledged_by else ""
            raise exceptions.ValidationError(
                {
                    "notice": [
                        _("This notice was already acknowledged at %(at)s by %(by)s.")
                        % {"at": _when(receipt.acknowledged_at), "by": by}
                    ]
                }
            )
        with audited(user, receipt, action="acknowledge_notice"):
            receipt.acknowledged_by = user
            receipt.acknowledged_at = clock.now()
            receipt.save()
    return receipt


def unacknowledged(user: Any) -> Any:
    """The notices the user sees that no one has acknowledged yet."""
    return scopes.receipts_visible_to(user).filter(acknowledged_at__isnull=True)


# --- the office's view: who has acknowledged ------------------------------------------------------


def hours_since(moment: datetime, now: datetime) -> int:
    """Whole hours elapsed (never negative)."""
    return max(0, int((now - moment).total_seconds() // 3600))


@dataclass(frozen=True)
class Status:
    """The latest notice to an enterprise (``None``: never notified) and, until it is
    acknowledged, the whole hours since it was sent."""

    receipt: m.NoticeReceipt | None
    hours: int | None

    @property
    def acknowledged(self) -> bool:
        return self.receipt is not None and self.receipt.acknowledged_at is not None


@dataclass(frozen=True)
class Row:
    """An enterprise of the notification table: its lines at the level in force (none: it was
    notified earlier and the level no longer concerns it) and its latest notice's status."""

    enterprise: m.Enterprise
    lines: list[Any]
    status: Status

    @property
    def shown(self) -> list[Any]:
        """The lines a table shows: one empty row when there is none."""
        return self.lines or [None]


@dataclass(frozen=True)
class Acknowledgements:
    rows: list[Row]
    notified: int
    acknowledged: int
    pending_only: bool

    @property
    def pending(self) -> int:
        return self.notified - self.acknowledged


def acknowledgements(
    user: Any,
    warning: m.Warning,
    notices: Iterable[response.EnterpriseNotice],
    pending_only: bool = False,
    now: datetime | None = None,
) -> Acknowledgements:
    """The notification list with each enterprise's latest notice status, then the enterprises
    notified earlier that the level in force no longer concerns; the totals count every
    enterprise notified in the warning (its latest notice acknowledged or not). Scoped: the
    office and inspectors see every status (the page shows this to them only)."""
    now = now or clock.now()
    # statuses only: the notified lines (a JSON snapshot per notice) are not read
    latest = latest_notices(warning, scopes.receipts_visible_to(user).defer("lines"))

    def status(enterprise: m.Enterprise) -> Status:
        r = latest.get(enterprise.pk)
        pending = r is not None and r.acknowledged_at is None
        return Status(r, hours_since(r.created_at, now) if r is not None and pending else None)

    rows = [Row(n.enterprise, list(n.lines), status(n.enterprise)) for n in notices]
    listed = {row.enterprise.pk for row in rows}
    rows += [
        Row(r.enterprise, [], status(r.enterprise)) for k, r in latest.items() if k not in listed
    ]
    done = sum(1 for r in latest.values() if r.acknowledged_at is not None)
    if pending_only:
        rows = [row for row in rows if not row.status.acknowledged]
    return Acknowledgements(rows, len(latest), done, pending_only)
