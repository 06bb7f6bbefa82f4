"""Errors and warnings raised while reading and checking measurement files.

Reasons are written in Chinese with the English in brackets, e.g.
``行被截断：932/1608 个字段 (truncated row: 932 of 1608 fields)``.

Readers collect their warnings as values in a :data:`Notes` list (so that files can be read in
parallel threads: Python's ``warnings`` capture is process-global and not thread-safe); the
public ``read_*`` functions re-issue them with :func:`warn_all` for interactive use.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path


def _where(path: str | Path, line: int | None) -> str:
    name = str(path) or "<input>"
    return f"{name}:{line}" if line is not None else name


class _Located(Exception):
    """A reason tied to a file and a line; ``str()`` is ``file:line: reason``."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        super().__init__(f"{_where(path, line)}: {reason}")

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.reason}"


class IngestError(_Located, ValueError):
    """A file that cannot be loaded; the whole file is refused.

    ``line`` is the 1-based physical line of the file (the header is line 1).
    """


class IngestWarning(_Located, UserWarning):
    """Something odd that does not refuse the file (partial day, collapsed duplicate...)."""


#: The warnings one read produced, in the order they were found.
Notes = list[IngestWarning]


def warn_all(notes: Iterable[IngestWarning], *, stacklevel: int = 3) -> None:
    """Issue collected warnings through :mod:`warnings` (``stacklevel`` 3: the reader's caller)."""
    for note in notes:
        warnings.warn(note, stacklevel=stacklevel)
