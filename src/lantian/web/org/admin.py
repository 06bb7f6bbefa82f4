"""Admin pages for the organisation. Changing areas and units is asked of the access module."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from lantian.web import access
from lantian.web.org.models import Area, Unit, User


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return access.can_change_area(request.user, obj)

    def has_add_permission(self, request: Any) -> bool:
        return access.can_change_area(request.user)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "short_name", "area")
    list_filter = ("area",)
    search_fields = ("name", "short_name")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return access.can_change_unit(request.user, obj)

    def has_add_permission(self, request: Any) -> bool:
        return access.can_change_unit(request.user)


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "role", "unit", "area", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Role in the administration"), {"fields": ("role", "unit", "area")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role in the administration"), {"fields": ("role", "unit", "area")}),
    )
