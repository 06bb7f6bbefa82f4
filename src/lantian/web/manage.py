"""Django's management commands with lantian's settings (``python -m lantian.web.manage``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Run a management command, e.g. ``main(["migrate"])``; ``argv`` defaults to sys.argv[1:]."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantian.web.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["lantian web", *args])


if __name__ == "__main__":
    main()
