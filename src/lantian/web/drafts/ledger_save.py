"""Saving a reviewed draft to the ledger: all or nothing, every row through the ledger's services.

The plan, its targets and tasks are created by :mod:`lantian.web.ledger.editing` — the functions
the ledger's own pages and API call — so the ledger's rules apply unchanged (a task needs a lead or
responsible unit, one milestone per date, one indicator per name, numbering, …) and every row is
audited. This module only maps the review onto their input (docs/plan_review.md, "Save to
the ledger") and names the item in each refusal:
"任务 三.（一）.1：任务至少需要一个牵头单位或责任单位。".
Every refusal is collected; if there is any, the transaction is rolled back and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.airquality.targets import METRICS
from lantian.web.audit.audited import audited
from lantian.web.drafts.models import DraftStatus, PlanDraft
from lantian.web.drafts.presenters import plan_field_labels
from lantian.web.drafts.registry import Registry
from lantian.web.drafts.review import ROLE_RANK, Json, sync_units, units_by_name
from lantian.web.drafts.services import NOT_RECORDED, editable_or_400, office_or_403
from lantian.web.drafts.validation import validate
from lantian.web.ledger import editing
from lantian.web.ledger import models as m
from lantian.web.ledger.area_match import engine_name, match_area
from lantian.web.ledger.edit_pages import form_errors
from lantian.web.org.models import Area, Unit

#: Longest label (of a milestone, of a target) the ledger keeps.
LABEL_CHARS = 200
#: The plan's fields the ledger requires (all but the document number).
REQUIRED_PLAN_FIELDS = ("title", "issuer", "issued_on", "start", "end", "area")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def target_label(target: Json) -> str:
    """A target as one line: 细颗粒物… "PM2.5平均浓度 ≤ 67µg/m³", "PM2.5平均浓度较上年下降7%"."""
    metric = str(target.get("metric"))
    name = METRICS[metric][0] if metric in METRICS else metric
    value = target.get("value")
    if target.get("change") and value is not None:
        values = {"metric": name, "value": _number(abs(value))}
        if value <= 0:
            return _("%(metric)s falls by %(value)s%% against last year") % values
        return _("%(metric)s rises by %(value)s%% against last year") % values
    op = "≤" if target.get("op") == "<=" else "≥"
    return f"{name} {op} {_number(value)}{target.get('unit') or ''}"


def _sentences(exc: exceptions.ValidationError) -> str:
    labels = {
        "number": _("Numbering"),
        "heading": _("Heading"),
        "text": _("Text"),
        "units": _("Units"),
        "areas": _("Areas"),
        "milestones": _("Milestones"),
        "indicators": _("Indicators"),
        "metric": _("Metric"),
        "area_name": _("Area"),
        "period": _("Period"),
        "op": _("Comparison"),
        "bound": _("Bound"),
        "label": _("Label"),
        **plan_field_labels(),
    }
    out = []
    for field, messages in form_errors(exc).items():
        label = labels.get(field, "" if field == "non_field_errors" else field)
        out += [f"{label}：{msg}" if label else msg for msg in messages]
    return "；".join(out)


class _Save:
    """One save: the messages of every refusal, and what was done (``result``)."""

    def __init__(self, user: Any, review: Json) -> None:
        self.user = user
        self.review = review
        self.messages: list[str] = []
        self.result: Json = {
            "plan": None,
            "targets": 0,
            "tasks": 0,
            "skipped_targets": [],
            "created_units": [],
            "limits_not_saved": 0,
        }

    def refuse(self, item: str, message: str) -> None:
        self.messages.append(f"{item}：{message}")

    # the plan

    def plan(self) -> m.Plan | None:
        p = self.review["plan"]
        item = _("Plan")
        labels = plan_field_labels()
        for field in REQUIRED_PLAN_FIELDS:
            if not p[field]:
                self.refuse(item, _("%(field)s is missing.") % {"field": labels[field]})
        area = match_area(p["area"]) if p["area"] else None
        if p["area"] and area is None:
            self.refuse(
                item,
                _(
                    "no area of the directory is called %(area)s: add it to the area directory "
                    "or enter the name of an area there."
                )
                % {"area": p["area"]},
            )
        number = p["document_number"]
        same = m.Plan.objects.filter(document_number=number).first() if number else None
        if same is not None:  # a document number names one plan: the same plan imported twice
            self.refuse(
                item,
                _(
                    "the ledger already holds the plan %(number)s (%(title)s): it is not "
                    "imported a second time."
                )
                % {"number": number, "title": same.title},
            )
        if self.messages or area is None:
            return None
        data = {
            f: p[f] for f in ("title", "issuer", "document_number", "issued_on", "start", "end")
        }
        try:
            return editing.create_plan(self.user, {**data, "area": area.pk})
        except exceptions.ValidationError as exc:
            self.refuse(item, _sentences(exc))
            return None

    # targets

    def targets(self, plan: m.Plan) -> None:
        for k, target in enumerate(self.review["targets"], start=1):
            label = target_label(target)
            item = _("Target %(n)d (%(label)s)") % {"n": k, "label": label}
            if target["metric"] not in METRICS:
                self.result["skipped_targets"].append(
                    {
                        "label": label,
                        "text": target["text"],
                        "reason": _(
                            "the ledger holds targets of the air-quality engine's metrics only "
                            "(%(metric)s is none of them): keep it in the plan's document"
                        )
                        % {"metric": target["metric"]},
                    }
                )
                continue
            with translation.override(settings.LANGUAGE_CODE):
                stored = target_label(target)  # data: the same whatever the saver's language
            data = {
                "metric": target["metric"],
                "area_name": engine_name(target["area"]),
                "period": target["period"],
                "op": target["op"],
                "bound": target["value"],
                "change": target["change"],
                "label": stored[:LABEL_CHARS],
            }
            try:
                editing.add_target(self.user, plan, data)
                self.result["targets"] += 1
            except exceptions.ValidationError as exc:
                self.refuse(item, _sentences(exc))

    # units named by the tasks

    def new_units(self, plan: m.Plan) -> dict[str, Unit]:
        created: dict[str, Unit] = {}
        for entry in self.review["units"]:
            if entry["unit"] is not None or entry["areas"] or not entry["create"]:
                continue
            unit = Unit(name=entry["name"], area=plan.area)
            try:
                with audited(self.user, unit):
                    unit.full_clean()
                    unit.save()
            except DjangoValidationError as exc:
                self.refuse(_("Unit %(name)s") % {"name": entry["name"]}, "；".join(exc.messages))
                continue
            created[entry["name"]] = unit
            self.result["created_units"].append(entry["name"])
        return created

    # tasks

    def tasks(self, plan: m.Plan, created: dict[str, Unit]) -> None:
        entries = units_by_name(self.review)
        below = [a.pk for a in Area.objects.filter(parent=plan.area).order_by("code")]
        for task in self.review["tasks"]:
            item = _("Task %(number)s") % {"number": task["number"]}
            roles: dict[int, str] = {}
            areas: list[int] = []
            problems: list[str] = []
            for row in task["units"]:
                entry = entries.get(row["name"]) or {}
                if entry.get("unit") is not None:
                    unit_id: int | None = entry["unit"]
                elif entry.get("create") and row["name"] in created:
                    unit_id = created[row["name"]].pk
                elif entry.get("areas"):
                    if not below:
                        problems.append(
                            _("%(name)s stands for the areas below %(area)s, which has none")
                            % {"name": row["name"], "area": plan.area.name}
                        )
                    areas += [pk for pk in below if pk not in areas]
                    continue
                else:
                    if not entry.get("create"):
                        problems.append(
                            _(
                                "the unit %(name)s is not in the unit directory: choose a unit "
                                "of the directory or tick “create”"
                            )
                            % {"name": row["name"]}
                        )
                    continue
                assert unit_id is not None
                held = roles.get(unit_id)
                if held is None or ROLE_RANK[row["role"]] < ROLE_RANK[held]:
                    roles[unit_id] = row["role"]
            if problems:
                self.refuse(item, "；".join(problems))
                continue
            milestones: dict[str, list[str]] = {}
            for d in task["deadlines"]:
                labels = milestones.setdefault(d["date"], [])
                if d["text"] and d["text"] not in labels:
                    labels.append(d["text"])
            data = {
                "plan": plan.pk,
                "number": task["number"],
                "heading": task["heading"],
                "text": task["text"],
                "units": [{"unit": pk, "role": role} for pk, role in roles.items()],
                "areas": areas,
                "milestones": [
                    {"due": due, "label": "；".join(labels)[:LABEL_CHARS]}
                    for due, labels in sorted(milestones.items())
                ],
                "indicators": [
                    {"name": i["name"], "unit": i["unit"], "target": i["value"]}
                    for i in task["indicators"]
                ],
            }
            try:
                editing.create_task(self.user, data)
                self.result["tasks"] += 1
                self.result["limits_not_saved"] += len(task["limits"])
            except exceptions.ValidationError as exc:
                self.refuse(item, _sentences(exc))

    def run(self) -> m.Plan:
        plan = self.plan()
        if plan is not None:
            self.result["plan"] = plan.pk
            self.targets(plan)
            created = self.new_units(plan)
            self.tasks(plan, created)
        if self.messages or plan is None:
            raise exceptions.ValidationError({"non_field_errors": self.messages})
        return plan


def save_to_ledger(user: Any, draft: PlanDraft) -> PlanDraft:
    """Create the draft's plan, targets, units and tasks in the ledger, or nothing at all; the
    draft becomes ``saved`` with its plan. A second save is refused."""
    office_or_403(user)
    with transaction.atomic():
        draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
        editable_or_400(draft)
        registry = Registry.load()
        review, errors = validate(draft.reviewed, lambda pk: pk in registry.names)
        if errors:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _("The review has errors: correct them on the review page first.")
                    ]
                }
            )
        sync_units(review, registry.match)
        save = _Save(user, review)
        plan = save.run()
        with audited(user, draft, exclude=NOT_RECORDED):
            draft.status = DraftStatus.SAVED
            draft.saved_plan = plan
            draft.result = save.result
            draft.save()
    return draft
