from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "lantian.web.ledger"
    label = "ledger"
    verbose_name = _("Task ledger")

    def ready(self) -> None:
        # Registers who may see plans, tasks and reports with lantian.web.access.
        from lantian.web.ledger import notices, scopes  # noqa: F401
