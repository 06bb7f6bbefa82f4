import contextlib

from django.apps import AppConfig
from django.core import checks


class LantianWebConfig(AppConfig):
    """The project itself as an app: its templates, translations and system checks."""

    name = "lantian.web"
    label = "web"
    verbose_name = "lantian"

    def ready(self) -> None:
        from django.conf import settings

        from lantian.emergency import industries
        from lantian.emergency.guide_tables import GuideError
        from lantian.web import checks as lantian_checks

        for check in lantian_checks.ALL:
            checks.register(check, "lantian")
        # the guide's tables keyed in by the office (LANTIAN_GUIDE_TABLES) are put in force at
        # start; a refused set is reported by lantian.E006, which stops the start
        if settings.LANTIAN_GUIDE_TABLES is not None:
            with contextlib.suppress(GuideError):
                industries.use_guide(settings.LANTIAN_GUIDE_TABLES)
