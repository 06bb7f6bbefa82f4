"""The OpenAPI description documents the API's error answers (drf-spectacular postprocessing hook).

DRF views answer 401/403 to a denied caller, 404 to an unknown object and 400 to invalid input,
always in the one error shape of ``lantian.web.api.errors``. drf-spectacular documents only the
success answer; :func:`document_errors` adds the ``Error`` component and those answers to every
operation, so a client (and schemathesis) can rely on the description for every status it gets.
Enabled by ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``.
"""

from __future__ import annotations

from typing import Any

ERROR_COMPONENT = "Error"

#: The one error shape: ``{"ok": false, "error": "...", "status": 400, "errors": {...}}``.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Error answer / 错误应答",
    "properties": {
        "ok": {"type": "boolean", "enum": [False]},
        "error": {"type": "string", "minLength": 1},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "errors": {
            "type": "object",
            "additionalProperties": True,
            "description": "field → messages (validation errors only)",
        },
    },
    "required": ["ok", "error", "status"],
}

DESCRIPTIONS = {
    "400": "Invalid input / 输入有误",
    "401": "Not authenticated / 未登录",
    "403": "Not allowed / 无权操作",
    "404": "Not found / 未找到",
}

HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")


def error_statuses(operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer: 401/403 always, 404 with a path parameter,
    400 with query parameters or a request body."""
    locations = {parameter.get("in") for parameter in operation.get("parameters", [])}
    statuses = ["401", "403"]
    if "path" in locations:
        statuses.append("404")
    if "query" in locations or "requestBody" in operation:
        statuses.append("400")
    return sorted(statuses)


def document_errors(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Add the ``Error`` component and the error answers of each operation (kept if present)."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in error_statuses(operation):
                responses.setdefault(
                    status,
                    {
                        "description": DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
