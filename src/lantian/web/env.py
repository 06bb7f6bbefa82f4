"""Small readers of settings from the environment.

Each reader takes the variable's name, a default and (for tests) the mapping to read from. A
value that cannot be understood raises ``ImproperlyConfigured`` naming the variable and what it
accepts, so a typo stops the start instead of silently falling back to a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def env_str(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    """The variable's value with surrounding blanks removed, or ``default`` when unset."""
    value = environ.get(name)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off`` (any case); ``default`` when unset."""
    value = environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected one of 1/true/yes/on or 0/false/no/off")


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    """A whole number; ``default`` when unset."""
    value = environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None


def env_list(
    name: str, default: Sequence[str] = (), environ: Mapping[str, str] = os.environ
) -> list[str]:
    """A comma-separated list, blanks dropped; ``default`` when unset."""
    value = environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(
    name: str, choices: Sequence[str], default: str, environ: Mapping[str, str] = os.environ
) -> str:
    """One of ``choices`` (case-insensitive); ``default`` when unset."""
    value = env_str(name, default, environ).lower()
    if value not in choices:
        known = ", ".join(choices)
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {known}")
    return value


def env_date(name: str, environ: Mapping[str, str] = os.environ) -> date | None:
    """An ISO date (``2019-09-06``); ``None`` when unset or empty."""
    value = environ.get(name)
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a date like 2019-09-06") from None


def env_path(name: str, environ: Mapping[str, str] = os.environ) -> Path | None:
    """A file path (``~`` expanded); ``None`` when unset or empty. Whether the file exists and
    is valid is a system check's business (so that the check can name the problem)."""
    value = environ.get(name)
    if value is None or not value.strip():
        return None
    return Path(value.strip()).expanduser()
