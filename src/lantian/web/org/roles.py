"""The roles a user can hold (DESIGN.md, "Who uses it")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    COMMAND_OFFICE = "command_office", _("Command office")
    DEPARTMENT = "department", _("Department")
    AREA = "area", pgettext_lazy("role", "Area")
    ENTERPRISE = "enterprise", _("Enterprise")
    INSPECTOR = "inspector", _("Inspector")
    PUBLIC = "public", _("Public")


class AreaLevel(models.TextChoices):
    """Administrative levels, from the top; a child area sits at a lower level than its parent."""

    PROVINCE = "province", _("Province")
    CITY = "city", pgettext_lazy("area level", "City")
    DISTRICT = "district", _("District / county")
    TOWN = "town", _("Town / street")


#: Depth of each level: 0 at the top.
LEVEL_DEPTH = {level: depth for depth, level in enumerate(AreaLevel)}
