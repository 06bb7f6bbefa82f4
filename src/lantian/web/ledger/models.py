"""Plans, targets, tasks, reports and requests as stored; the rules live in ``lantian.planning``.

Nothing here is ever deleted (foreign keys protect, the API has no delete); every change goes
through :func:`lantian.web.audit.audited.audited`. :mod:`lantian.web.ledger.core` turns the rows
into the dataclasses of :mod:`lantian.planning.model` that the rules take.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantian.airquality.periods import parse_period
from lantian.airquality.targets import METRICS, Op, Target
from lantian.planning.model import parse_number
from lantian.planning.weeks import IsoWeek
from lantian.web.ledger.evidence import check_evidence
from lantian.web.org.models import Area, Unit


class Plan(models.Model):
    """An action plan (行动方案) and its document."""

    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuing body"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ("-issued_on", "pk")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The plan ends before it starts.")})


class PlanTarget(models.Model):
    """A target of a plan, as the air-quality engine's :class:`Target` (see ``to_target``)."""

    OPS = (("<=", "≤"), (">=", "≥"))

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="targets")
    metric = models.CharField(_("metric"), max_length=20, choices=[(m, m) for m in METRICS])
    area_name = models.CharField(_("area"), max_length=100)
    period = models.CharField(_("period"), max_length=50, help_text="2019, 2019-Q1, …")
    op = models.CharField(_("comparison"), max_length=2, choices=OPS)
    bound = models.FloatField(_("bound"))
    change = models.BooleanField(_("change in % against last year"), default=False)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ("plan", "pk")

    def __str__(self) -> str:
        return self.label or f"{self.metric} {self.op} {self.bound}"

    def clean(self) -> None:
        try:
            self.to_target()
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def to_target(self) -> Target:
        return Target(
            area=self.area_name,
            metric=self.metric,
            period=parse_period(self.period),
            op=cast(Op, self.op),  # Target refuses any other op
            bound=self.bound,
            change=self.change,
            baseline=self.baseline,
            label=self.label,
        )


class Task(models.Model):
    """A task (措施) of a plan, known by its numbering path (``三.（一）.1``) within the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tasks")
    number = models.CharField(_("numbering"), max_length=50)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    category = models.CharField(_("category"), max_length=100, blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ("plan", "pk")
        constraints = (
            models.UniqueConstraint(fields=("plan", "number"), name="ledger_task_unique_number"),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()

    def clean(self) -> None:
        try:
            parse_number(self.number)
        except ValueError as exc:
            raise ValidationError({"number": str(exc)}) from exc


class UnitRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    COOPERATING = "cooperating", _("Cooperating unit")
    RESPONSIBLE = "responsible", _("Responsible unit")


#: Roles whose unit files the weekly reports and requests (``Task.reporting_units``).
REPORTING_ROLES = (UnitRole.LEAD, UnitRole.RESPONSIBLE)


class TaskUnit(models.Model):
    """A unit named on a task: lead (牵头), cooperating (配合) or responsible (责任)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="task_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=UnitRole.choices)

    class Meta:
        verbose_name = _("task unit")
        verbose_name_plural = _("task units")
        ordering = ("task", "pk")
        constraints = (
            models.UniqueConstraint(fields=("task", "unit"), name="ledger_taskunit_once"),
        )

    def __str__(self) -> str:
        return f"{self.unit} ({self.role})"


class Milestone(models.Model):
    """A deadline of a task (完成时限)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="milestones")
    due = models.DateField(_("due"))
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("task", "due", "pk")
        constraints = (
            models.UniqueConstraint(fields=("task", "due"), name="ledger_milestone_once"),
        )

    def __str__(self) -> str:
        return f"{self.due} {self.label}".strip()


class Indicator(models.Model):
    """A quantitative indicator of a task (量化指标)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    target = models.FloatField(_("target value"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("task", "pk")
        constraints = (
            models.UniqueConstraint(fields=("task", "name"), name="ledger_indicator_once"),
        )

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """A weekly progress report (进展报告) by one reporter on one task: a lead or responsible
    ``unit``, or a responsible ``area`` listed on the task (exactly one of the two).

    ``week`` is an ISO week (``2019-W36``); ``milestones_met`` the (original) due dates of
    milestones reached, as ISO dates; ``complete`` claims the task is finished.
    """

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    week = models.CharField(_("ISO week"), max_length=8)
    filed_at = models.DateTimeField(_("filed at"))
    text = models.TextField(_("text"), blank=True)
    indicator_values = models.JSONField(_("indicator values"), default=dict, blank=True)
    milestones_met = models.JSONField(_("milestones met"), default=list, blank=True)
    complete = models.BooleanField(_("claims completion"), default=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ("task", "filed_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, area__isnull=False)
                | models.Q(unit__isnull=False, area__isnull=True),
                name="ledger_report_one_reporter",
            ),
        )

    def __str__(self) -> str:
        return f"{self.task.number} {self.reporter} {self.week}"

    @property
    def reporter(self) -> Unit | Area | None:
        """The unit or the area that filed the report."""
        return self.unit if self.unit_id is not None else self.area

    @property
    def reporter_name(self) -> str:
        """The reporter's full name, as the rules know it (``lantian.planning.model.Report``)."""
        who = self.reporter
        return who.name if who is not None else ""

    def clean(self) -> None:
        if (self.unit_id is None) == (self.area_id is None):
            raise ValidationError(_("A report is filed by exactly one unit or one area."))
        try:
            IsoWeek.parse(self.week)
        except ValueError as exc:
            raise ValidationError({"week": str(exc)}) from exc


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.report.task_id}/{filename}"


class Evidence(models.Model):
    """A file attached to a report (佐证材料); size and type are checked in ``clean``."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("original name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size [bytes]"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ("report", "pk")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.file.seek(0)
        head = self.file.read(16)
        self.file.seek(0)
        check_evidence(self.name or self.file.name, self.file.size, head)


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")


class Request(models.Model):
    """What extension and closing requests share: who asked, why, and the office's decision."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="%(class)ss")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    reason = models.TextField(_("reason"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        abstract = True
        ordering = ("requested_at", "pk")


class ExtensionRequest(Request):
    """A request to move a milestone to a later date (延期申请)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="+")
    new_due = models.DateField(_("new due date"))

    class Meta(Request.Meta):
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self) -> str:
        return f"{self.task.number}: {self.milestone.due} → {self.new_due}"


class ClosingRequest(Request):
    """A request to close (销号) a finished task."""

    class Meta(Request.Meta):
        verbose_name = _("closing request")
        verbose_name_plural = _("closing requests")

    def __str__(self) -> str:
        return f"{self.task.number}: {_('closing')}"


class Notice(models.Model):
    """A warning notice (预警通知) or 约谈 candidate of a dispatch week, from one written rule of
    :mod:`lantian.planning.notices`; the recipient (a unit or an area) acknowledges it.

    One notice per week, rule and recipient: generating a week again adds nothing.
    """

    week = models.CharField(_("week"), max_length=10, help_text="ISO week, 2019-W36")
    rule = models.CharField(_("rule"), max_length=30)
    recipient = models.CharField(_("recipient"), max_length=200)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason_zh = models.TextField(_("reason (Chinese)"))
    reason_en = models.TextField(_("reason (English)"))
    refs = models.JSONField(_("references"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("-week", "rule", "recipient")
        constraints = [
            models.UniqueConstraint(
                fields=("week", "rule", "recipient"), name="ledger_notice_once_per_week"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, area__isnull=False)
                | models.Q(unit__isnull=False, area__isnull=True),
                name="ledger_notice_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.rule} {self.recipient}"

    def clean(self) -> None:
        try:
            IsoWeek.parse(self.week)
        except ValueError as exc:
            raise ValidationError({"week": str(exc)}) from exc
