from django.apps import AppConfig
from django.core import checks


class LantianWebConfig(AppConfig):
    """The project itself as an app: its templates, translations and system checks."""

    name = "lantian.web"
    label = "web"
    verbose_name = "lantian"

    def ready(self) -> None:
        from lantian.web import checks as lantian_checks

        for check in lantian_checks.ALL:
            checks.register(check, "lantian")
