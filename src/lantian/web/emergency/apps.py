from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "lantian.web.emergency"
    label = "emergency"
    verbose_name = _("Heavy-pollution emergency response")

    def ready(self) -> None:
        # Registers who may see forecasts, warnings, enterprises… with lantian.web.access.
        from lantian.web.emergency import scopes  # noqa: F401
