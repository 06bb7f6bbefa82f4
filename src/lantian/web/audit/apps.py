from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lantian.web.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # Registers who may read the log with lantian.web.access.
        from lantian.web.audit import scopes  # noqa: F401
