"""Who may see the dashboard, decided with the one access module (``lantian.web.access``)."""

from __future__ import annotations

from typing import Any

from lantian.web.access import INTERNAL_ROLES, role_of


def can_view_dashboard(user: Any) -> bool:
    """People inside the administration (office, departments, areas, inspectors)."""
    return role_of(user) in INTERNAL_ROLES
