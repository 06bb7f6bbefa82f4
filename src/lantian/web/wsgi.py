"""WSGI entry point. Runs the lantian system checks first and refuses to start on an error."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantian.web.settings")

application = get_wsgi_application()


def _refuse_misconfiguration() -> None:
    from django.core import checks

    errors = [m for m in checks.run_checks(tags=["lantian"]) if m.is_serious()]
    if errors:
        lines = [f"{m.id}: {m.msg} HINT: {m.hint}" for m in errors]
        raise ImproperlyConfigured("lantian refuses to start:\n" + "\n".join(lines))


_refuse_misconfiguration()
