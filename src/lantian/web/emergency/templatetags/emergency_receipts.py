"""Template tags of the notices' acknowledgement, for pages whose views do not compute it
(the warning page): ``{% load emergency_receipts %}``."""

from __future__ import annotations

from typing import Any

from django import template

from lantian.web.emergency import models as m
from lantian.web.emergency import receipts

register = template.Library()

#: The query parameter of the warning page that keeps the enterprises yet to acknowledge.
PENDING_PARAM = "pending"


@register.simple_tag(takes_context=True)
def warning_acknowledgements(
    context: Any, warning: m.Warning, notices: Any
) -> receipts.Acknowledgements:
    """The notification list ``notices`` with each enterprise's latest notice status and the
    totals (``?pending=1``: the enterprises yet to acknowledge only), as the user may see."""
    request = context["request"]
    pending_only = request.GET.get(PENDING_PARAM) == "1"
    return receipts.acknowledgements(request.user, warning, notices, pending_only)


@register.simple_tag(takes_context=True)
def own_pending_notices(context: Any, warning: m.Warning) -> int:
    """How many notices of ``warning`` the user's enterprise has yet to acknowledge."""
    return int(receipts.unacknowledged(context["request"].user).filter(warning=warning).count())
