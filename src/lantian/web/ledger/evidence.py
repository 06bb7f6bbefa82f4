"""What an evidence file may be: its size and its type (extension and leading bytes)."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Largest evidence file accepted [bytes] (10 MB).
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

#: Allowed extension → the bytes a file of that type starts with (docx/xlsx are zip archives).
ALLOWED_TYPES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}


def check_evidence(name: str, size: int, head: bytes) -> None:
    """Refuse a file over :data:`MAX_EVIDENCE_BYTES`, of another type, or whose first bytes
    do not match its extension (``head``: at least its first 8 bytes)."""
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": MAX_EVIDENCE_BYTES // (1024 * 1024)},
            code="too_large",
        )
    suffix = PurePath(name).suffix.lower()
    signatures = ALLOWED_TYPES.get(suffix)
    if signatures is None:
        raise ValidationError(
            _("%(name)s: file type not allowed; allowed: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(sorted({s.lstrip(".") for s in ALLOWED_TYPES}))},
            code="bad_type",
        )
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("%(name)s: the content is not a %(type)s file.")
            % {"name": name, "type": suffix.lstrip(".")},
            code="bad_content",
        )
