"""Uploaded files handed to the core's readers, and their refusals named by the uploaded name.

The core reads paths; an upload is written to a private temporary directory under a fixed name
with the upload's suffix (which selects the reader), read, and removed. A refusal names the file
as the user uploaded it: ``预报.csv:3: 未知的首要污染物 'PM1' (…)``.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.airquality.errors import IngestError


def upload_name(upload: Any) -> str:
    return Path(str(getattr(upload, "name", "") or "upload")).name[:200]


def _refuse(field: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({field: [message]})


def too_large(field: str, name: str, max_bytes: int) -> exceptions.ValidationError:
    """The refusal of an input ``name`` larger than ``max_bytes`` (under ``field``)."""
    return _refuse(
        field,
        _("%(name)s is larger than %(limit)d MB.")
        % {"name": name, "limit": max_bytes // (1024 * 1024)},
    )


@contextmanager
def saved(upload: Any, field: str, suffixes: tuple[str, ...], max_bytes: int) -> Iterator[Path]:
    """The upload as a temporary file (removed afterwards); 400 on a missing, too large or
    wrongly typed file."""
    if upload is None or not hasattr(upload, "read"):
        raise _refuse(field, _("No file was uploaded."))
    name = upload_name(upload)
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise _refuse(
            field,
            _("%(name)s: the file must be %(types)s.")
            % {"name": name, "types": " / ".join(suffixes)},
        )
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise too_large(field, name, max_bytes)
    with tempfile.TemporaryDirectory(prefix="lantian-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
                out.write(chunk)
        if path.stat().st_size > max_bytes:
            raise too_large(field, name, max_bytes)
        yield path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refusal(exc: IngestError, name: str) -> list[str]:
    """The core's refusal as messages naming the uploaded file (one per problem)."""
    exc.path = Path(name)
    return str(exc).splitlines()
