"""The API of the ledger's editing: create and change plans, targets and tasks.

``PlanEditMixin`` and ``TaskEditMixin`` give ``PlanViewSet`` and ``TaskViewSet``
(:mod:`lantian.web.ledger.views`) their write actions — ``POST /api/plans/``,
``PATCH /api/plans/<id>/``, ``POST /api/plans/<id>/targets/``, ``POST /api/tasks/``,
``PATCH /api/tasks/<id>/`` — and :class:`TargetView` answers ``PATCH /api/targets/<id>/``. Only the
command office (:func:`lantian.web.ledger.edit_scopes.can_edit_ledger`): others get 403 before any
object is looked up, anonymous callers 401. Every change goes through
:mod:`lantian.web.ledger.editing`, which the pages call too. There is no ``PUT`` and no
``DELETE``: nothing is replaced whole, nothing is deleted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.web.ledger import edit_serializers as es
from lantian.web.ledger import editing, scopes
from lantian.web.ledger import models as m
from lantian.web.ledger import serializers as s
from lantian.web.ledger.core import TASK_PREFETCH, state_of
from lantian.web.ledger.edit_scopes import can_edit_ledger
from lantian.web.ledger.params import api_on


class CanEditLedger(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return can_edit_ledger(request.user)


#: Who may call a write action: a logged-in command office.
EDIT_PERMISSIONS = (IsAuthenticated, CanEditLedger)


class EditActions:
    """Mixin of a viewset: the actions named in ``edit_actions`` need the command office."""

    edit_actions: frozenset[str] = frozenset()
    action: str | None

    def get_permissions(self) -> list[Any]:
        if self.action in self.edit_actions:
            return [permission() for permission in EDIT_PERMISSIONS]
        return super().get_permissions()  # type: ignore[misc]  # the viewset's


class PlanEditMixin(EditActions):
    """Creating and changing plans, adding targets (``PlanViewSet``)."""

    edit_actions = frozenset({"create", "partial_update", "targets"})
    get_object: Any

    @extend_schema(request=es.PlanInputSerializer, responses={201: s.PlanSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Set up a new plan (command office)."""
        plan = editing.create_plan(request.user, request.data)
        return Response(s.PlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=es.PlanPatchSerializer, responses={200: s.PlanSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the fields sent (command office)."""
        plan = editing.update_plan(request.user, self.get_object(), request.data)
        return Response(s.PlanSerializer(plan).data)

    @extend_schema(request=es.TargetInputSerializer, responses={201: s.PlanTargetSerializer})
    @action(detail=True, methods=["post"], url_path="targets")
    def targets(self, request: Request, pk: str | None = None) -> Response:
        """Add a target to the plan (command office); checked as the engine's ``Target``."""
        target = editing.add_target(request.user, self.get_object(), request.data)
        return Response(s.PlanTargetSerializer(target).data, status=status.HTTP_201_CREATED)


class TaskEditMixin(EditActions):
    """Creating and changing tasks (``TaskViewSet``); the answer is the task as ``GET`` gives it."""

    edit_actions = frozenset({"create", "partial_update"})
    get_object: Any
    request: Request

    def _detail(self, task: m.Task, on: date) -> Any:
        tasks = scopes.tasks_visible_to(self.request.user).prefetch_related(*TASK_PREFETCH)
        task = tasks.prefetch_related("reports__evidence").get(pk=task.pk)
        context = {"states": {task.pk: state_of(task, on)}, "request": self.request}
        return s.TaskDetailSerializer(task, context=context).data

    @extend_schema(request=es.TaskInputSerializer, responses={201: s.TaskDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a task to a plan, with its units, areas, milestones and indicators."""
        on = api_on(request.query_params)
        task = editing.create_task(request.user, request.data)
        return Response(self._detail(task, on), status=status.HTTP_201_CREATED)

    @extend_schema(request=es.TaskPatchSerializer, responses={200: s.TaskDetailSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the fields sent; a list sent is the task's whole new list (rules:
        ``docs/ledger_editing.md``)."""
        on = api_on(request.query_params)
        task = editing.update_task(request.user, self.get_object(), request.data)
        return Response(self._detail(task, on))


class TargetView(APIView):
    """Correct a target of a plan (command office); a target is never removed."""

    permission_classes = EDIT_PERMISSIONS

    @extend_schema(request=es.TargetPatchSerializer, responses={200: s.PlanTargetSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        targets = m.PlanTarget.objects.filter(plan__in=scopes.plans_visible_to(request.user))
        if pk > es.MAX_ID:
            raise exceptions.NotFound()
        target = get_object_or_404(targets, pk=pk)
        target = editing.update_target(request.user, target, request.data)
        return Response(s.PlanTargetSerializer(target).data)
