from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "lantian.web.drafts"
    label = "drafts"
    verbose_name = _("Plan drafts")

    def ready(self) -> None:
        # Registers who may see plan drafts with lantian.web.access.
        from lantian.web.drafts import scopes  # noqa: F401
