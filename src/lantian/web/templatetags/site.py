"""Template tags of the site frame (``{% load site %}``)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_lang(context: dict[str, Any], lang: str) -> str:
    """The current page's query string with ``lang`` set, the other parameters kept
    (switching language on ``/dashboard/?date=2019-09-06`` stays on that date)."""
    params = context["request"].GET.copy()
    params["lang"] = lang
    return "?" + params.urlencode()
