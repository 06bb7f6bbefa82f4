"""The dashboard's ledger panels: status summary, overdue tasks, warning notices.

What a user sees here is what the ledger shows them: tasks through the ledger's scoped query
(:func:`lantian.web.access.visible` over ``Task``), each status from the ledger's one rule
(:func:`lantian.web.ledger.core.state_of`, i.e. :func:`lantian.planning.status.task_status`),
notices through :func:`lantian.web.ledger.notices.notices_visible_to`, named as the notices page
names them (``RULE_NAMES``). Nothing is decided here.
Users who do not read the ledger (inspectors) get no panel at all: :func:`ledger_panels` answers
``None`` and the dashboard leaves the ``ledger`` key out.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language

from lantian.planning.status import Status, TaskState
from lantian.planning.weeks import IsoWeek
from lantian.web.access import visible
from lantian.web.ledger import models as m
from lantian.web.ledger.core import TASK_PREFETCH, state_of
from lantian.web.ledger.dispatch_views import RULE_NAMES
from lantian.web.ledger.notices import notices_visible_to
from lantian.web.ledger.scopes import can_read_ledger

#: The ledger's status colours (``STATUS_TEXT``) as the ledger pages paint them
#: (``web/static/web/site.css``); a test keeps the two in step.
STATUS_HEX: dict[str, str] = {
    "grey": "#777777",
    "green": "#2e7d32",
    "yellow": "#f2c300",
    "red": "#c62828",
    "blue": "#1565c0",
    "black": "#000000",
}

#: Notices of this many ISO weeks, the as-of date's week included, are shown.
NOTICE_WEEKS = 4


def ledger_panels(user: Any, on: date) -> dict[str, Any] | None:
    """The ledger part of the dashboard for ``user`` with statuses taken on ``on``.

    ``None`` for a user who does not read the ledger. Otherwise ``on``, ``total`` (visible
    tasks), ``statuses`` (one row per status, in the rule's order, with its count and the ledger
    link filtered by it), ``overdue`` (most overdue first), ``overdue_url`` (the ledger filtered
    on them) and ``notices``.
    """
    if not can_read_ledger(user):
        return None
    tasks = visible(user, m.Task).prefetch_related(*TASK_PREFETCH).order_by("plan_id", "pk")
    states = [(task, state_of(task, on)) for task in tasks]
    return {
        "on": on.isoformat(),
        "total": len(states),
        "statuses": status_summary([s for _t, s in states], on),
        "overdue": overdue_list(states),
        "overdue_url": ledger_url(on, status=Status.OVERDUE.value),
        "notices": recent_notices(user, on),
    }


def status_summary(states: list[TaskState], on: date) -> list[dict[str, Any]]:
    """How many of ``states`` have each status, with labels, colour and the ledger link."""
    rows = []
    for st in Status:
        rows.append(
            {
                "status": st.value,
                "zh": st.zh,
                "en": st.en,
                "colour": st.colour,
                "hex": STATUS_HEX[st.colour],
                "count": sum(1 for s in states if s.status is st),
                "url": ledger_url(on, status=st.value),
            }
        )
    return rows


def ledger_url(on: date, **params: str) -> str:
    """``/ledger/`` with its filters and the status day ``on`` (``pages.ledger_page``)."""
    return f"{reverse('ledger')}?{urlencode({**params, 'on': on.isoformat()})}"


def overdue_list(states: list[tuple[m.Task, TaskState]]) -> list[dict[str, Any]]:
    """The overdue tasks, most days overdue first (then by number)."""
    rows = []
    for task, state in states:
        if state.status is not Status.OVERDUE or state.deadline is None:
            continue
        rows.append(
            {
                "id": task.pk,
                "number": task.number,
                "heading": task.heading or task.text,
                "lead_units": [
                    tu.unit.short_name or tu.unit.name
                    for tu in task.task_units.all()
                    if tu.role == m.UnitRole.LEAD
                ],
                "deadline": state.deadline.isoformat(),
                "days_overdue": -(state.days_left or 0),
                "url": reverse("ledger-task", args=[task.pk])
                + "?"
                + urlencode({"on": state.on.isoformat()}),
            }
        )
    rows.sort(key=lambda r: (-r["days_overdue"], r["number"]))
    return rows


def notice_weeks(on: date) -> list[str]:
    """The ISO weeks whose notices are shown on ``on``: its own and the ones before."""
    this = IsoWeek.of(on)
    return [str(this.shift(-k)) for k in range(NOTICE_WEEKS)]


def recent_notices(user: Any, on: date) -> dict[str, Any]:
    """The notices ``user`` may see from the weeks of :func:`notice_weeks`, unacknowledged
    first, then newest week first. The acknowledgement is the notice's state now."""
    weeks = notice_weeks(on)
    found = list(notices_visible_to(user).filter(week__in=weeks))
    found.sort(key=lambda n: (n.acknowledged_at is not None, _desc(n.week), n.rule, n.recipient))
    english = (get_language() or "zh-hans").startswith("en")
    rows = [
        {
            "id": n.pk,
            "week": n.week,
            "rule": n.rule,
            "rule_label": str(RULE_NAMES.get(n.rule, n.rule)),
            "recipient": n.recipient,
            "reason_zh": n.reason_zh,
            "reason_en": n.reason_en,
            "reason": n.reason_en if english else n.reason_zh,
            "acknowledged": n.acknowledged_at is not None,
            "url": reverse("ledger-notices") + f"#notice-{n.pk}",
        }
        for n in found
    ]
    return {
        "weeks": [weeks[-1], weeks[0]],
        "unacknowledged": sum(1 for r in rows if not r["acknowledged"]),
        "rows": rows,
        "url": reverse("ledger-notices"),
    }


def _desc(week: str) -> tuple[int, int]:
    w = IsoWeek.parse(week)
    return (-w.year, -w.week)
