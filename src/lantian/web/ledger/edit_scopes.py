"""Who may set up and correct plans, targets and tasks (``docs/ledger_editing.md``).

One rule: the command office (大气办), which sets up the plan and its task ledger. Departments and
areas report on tasks; they never change what the task is. Asked by the pages, the API and the
service functions of :mod:`lantian.web.ledger.editing` alike.
"""

from __future__ import annotations

from typing import Any

from lantian.web.access import role_of
from lantian.web.org.roles import Role


def can_edit_ledger(user: Any) -> bool:
    """Only the command office creates and changes plans, targets and tasks."""
    return role_of(user) == Role.COMMAND_OFFICE
