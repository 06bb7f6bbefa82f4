"""Content negotiation for API endpoints that answer a file (evidence, the warning notice)."""

from __future__ import annotations

from typing import Any

from rest_framework.negotiation import BaseContentNegotiation


class JsonErrors(BaseContentNegotiation):
    """The file whatever ``Accept`` says; a refusal in the API's one JSON error shape."""

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type
