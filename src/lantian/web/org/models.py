"""Areas, units (departments) and users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantian.web.org.roles import LEVEL_DEPTH, AreaLevel, Role


class Area(models.Model):
    """An administrative area: a city, a district or county, a town or street."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("Administrative division code")
    )
    level = models.CharField(_("level"), max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Strictly descending levels also rule out cycles: no area can lie inside itself.
        if self.parent is None:
            return
        if LEVEL_DEPTH[AreaLevel(self.parent.level)] >= LEVEL_DEPTH[AreaLevel(self.level)]:
            raise ValidationError(
                {"parent": _("The parent area must be at a higher level than the area.")}
            )

    def ancestor_ids(self, include_self: bool = False) -> list[int]:
        """Primary keys from this area (optionally) up to the top of the tree."""
        ids: list[int] = [self.pk] if include_self else []
        node = self.parent
        while node is not None:
            ids.append(node.pk)
            node = node.parent
        return ids

    def descendant_ids(self, include_self: bool = True) -> list[int]:
        """Primary keys of every area below this one (and this one when ``include_self``)."""
        ids: list[int] = [self.pk] if include_self else []
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids


class Unit(models.Model):
    """A department or other responsible unit (牵头/配合/责任单位) of an area's government."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="units"
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ("area__code", "name")
        constraints = (
            models.UniqueConstraint(fields=("area", "name"), name="org_unit_unique_name_in_area"),
        )

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in, with one role and, where the role needs it, a unit or an area."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = (
            models.CheckConstraint(
                condition=~Q(role=Role.DEPARTMENT) | Q(unit__isnull=False),
                name="org_user_department_has_unit",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.AREA) | Q(area__isnull=False),
                name="org_user_area_has_area",
            ),
        )

    def clean(self) -> None:
        super().clean()
        if self.role == Role.DEPARTMENT and self.unit_id is None:
            raise ValidationError({"unit": _("A department user needs a unit.")})
        if self.role == Role.AREA and self.area_id is None:
            raise ValidationError({"area": _("An area user needs an area.")})
