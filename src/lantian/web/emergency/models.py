"""Forecasts, warnings and their events, the emergency reduction list (enterprises, production
lines, own measures), changes proposed to it, staggered production and inspections, as stored.

The rules are the core's (:mod:`lantian.emergency`); :mod:`lantian.web.emergency.core` turns the
rows into its values. Nothing here is ever deleted (foreign keys protect, the API has no delete):
what leaves the list is marked inactive, a superseded forecast or rule stays as its own row, and
every change goes through :func:`lantian.web.audit.audited.audited`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantian.emergency.grades import Category
from lantian.emergency.levels import POLLUTANTS
from lantian.web.emergency import credit_code
from lantian.web.org.models import Area
from lantian.web.org.roles import Role

USER = settings.AUTH_USER_MODEL


class Level(models.TextChoices):
    """The warning levels of :class:`lantian.emergency.levels.Level` (same values)."""

    BLUE = "blue", _("Blue")
    YELLOW = "yellow", _("Yellow")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")


class Forecast(models.Model):
    """One forecast of one city as the forecasting centre issued it (core: ``emergency.forecast``).

    ``days`` and ``hours`` keep the core's values as JSON (``core.forecast_json``). A city and
    an issue time identify a forecast: a later issue is a new row, nothing is overwritten.
    """

    city = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    city_name = models.CharField(_("city as in the file"), max_length=100)
    issued = models.DateTimeField(_("issued at"))
    days = models.JSONField(_("daily values"), default=list, blank=True)
    hours = models.JSONField(_("hourly values"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    file_name = models.CharField(_("file"), max_length=300)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")
        ordering = ("-issued", "-pk")
        constraints = (
            models.UniqueConstraint(fields=("city", "issued"), name="emergency_forecast_once"),
        )

    def __str__(self) -> str:
        return f"{self.city} {self.issued:%Y-%m-%d %H:%M}"


class LocalRule(models.Model):
    """A city's stricter starting conditions (本地从严规则), the TOML text as uploaded
    (``docs/emergency_warnings.md``). The latest rule of a city is the one in force."""

    city = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=300)
    text = models.TextField(_("rule (TOML)"))
    file_name = models.CharField(_("file"), max_length=300)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("local rule")
        verbose_name_plural = _("local rules")
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return self.name


class RegionalDirective(models.Model):
    """A warning notice from a higher level (区域预警提示信息, spec warnings.md §6)."""

    city = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.CharField(_("issuer"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("regional directive")
        verbose_name_plural = _("regional directives")
        ordering = ("-start", "-pk")

    def __str__(self) -> str:
        return f"{self.issuer} {self.reference} {self.level}".strip()

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The period ends before it starts.")})


class WarningState(models.TextChoices):
    ASSESSED = "assessed", _("Under assessment")
    ISSUED = "issued", _("In force")
    LIFTED = "lifted", _("Lifted")


class Warning(models.Model):  # a heavy-pollution warning (always used as m.Warning)
    """A heavy-pollution warning of a city through its life (研判 → 发布 → 升级/降级 → 解除).

    Its events (:class:`WarningEvent`) are the record; the fields below are what replaying them
    through :mod:`lantian.emergency.lifecycle` gives, kept for queries. ``decision`` is the
    latest decision (``Decision.to_dict()``) with its rule and triggering days.
    """

    city = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=WarningState.choices)
    level = models.CharField(_("level in force"), max_length=10, choices=Level.choices, blank=True)
    assessed_level = models.CharField(
        _("level assessed"), max_length=10, choices=Level.choices, blank=True
    )
    decision = models.JSONField(pgettext_lazy("warning", "decision"), default=dict, blank=True)
    forecast = models.ForeignKey(
        Forecast, verbose_name=_("forecast"), on_delete=models.PROTECT, null=True, blank=True
    )
    episode_start = models.DateTimeField(_("episode start"), null=True, blank=True)
    episode_end = models.DateTimeField(_("episode end"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    first_measures_start = models.DateTimeField(_("first start of measures"), null=True, blank=True)
    measures_start = models.DateTimeField(_("start of measures"), null=True, blank=True)
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    required_lead_hours = models.PositiveIntegerField(_("required lead time [h]"), default=24)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"))

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ("-opened_at", "-pk")

    def __str__(self) -> str:
        return f"{self.city} {self.level or self.assessed_level or '—'} ({self.state})"


class EventKind(models.TextChoices):
    ASSESS = "assess", _("Assessed")
    ISSUE = "issue", _("Issued")
    UPGRADE = "upgrade", _("Upgraded")
    DOWNGRADE = "downgrade", _("Downgraded")
    LIFT = "lift", _("Lifted")


class WarningEvent(models.Model):
    """One event of a warning (``lantian.emergency.lifecycle.Event``) and what it changed."""

    warning = models.ForeignKey(Warning, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("event"), max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(USER, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    approver = models.CharField(_("approved by (审签)"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    level_before = models.CharField(_("level before"), max_length=10, blank=True)
    level_after = models.CharField(_("level after"), max_length=10, blank=True)
    measures_start = models.DateTimeField(_("start of measures"), null=True, blank=True)
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    forecast = models.ForeignKey(
        Forecast, verbose_name=_("forecast"), on_delete=models.PROTECT, null=True, blank=True
    )
    decision = models.JSONField(pgettext_lazy("warning", "decision"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("warning event")
        verbose_name_plural = _("warning events")
        ordering = ("warning", "at", "pk")

    def __str__(self) -> str:
        return f"{self.warning_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Enterprise(models.Model):
    """An enterprise (or a non-industrial source) of a city's emergency reduction list.

    ``list_id`` is its number in the list file (企业编号); its industries, grades and categories
    are those of its lines (``lantian.emergency.lines``: a grade per industry).
    """

    area = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    list_id = models.CharField(_("number in the list"), max_length=50)
    name = models.CharField(_("name"), max_length=200, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ("area", "list_id")
        constraints = (
            models.UniqueConstraint(fields=("area", "list_id"), name="emergency_enterprise_once"),
        )

    def __str__(self) -> str:
        return self.name or self.list_id

    def clean(self) -> None:
        if self.credit_code:
            problem = credit_code.problem(self.credit_code)
            if problem is not None:
                raise ValidationError({"credit_code": _(problem)})


class EnterpriseUser(models.Model):
    """An enterprise user (role ``enterprise``) and the one enterprise it acts for."""

    user = models.OneToOneField(USER, on_delete=models.PROTECT, related_name="emergency_enterprise")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="users")
    linked_at = models.DateTimeField(_("linked at"))

    class Meta:
        verbose_name = _("enterprise user")
        verbose_name_plural = _("enterprise users")

    def __str__(self) -> str:
        return f"{self.user} → {self.enterprise}"

    def clean(self) -> None:
        if self.user_id is not None and self.user.role != Role.ENTERPRISE:
            raise ValidationError({"user": _("Only an enterprise user acts for an enterprise.")})


class ProductionLine(models.Model):
    """A production line, process or facility of the list (``lantian.emergency.lines.Line``).

    Emissions are annual at the baseline output [t/a] (a list file in t/d is stored × 365, the
    list's default daily basis). ``active`` is false once a later list import no longer has it.
    """

    CATEGORIES = [(c.value, c.zh) for c in Category]

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="lines")
    line_id = models.CharField(_("line number"), max_length=60)
    name = models.CharField(_("name"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=40)
    grade = models.CharField(_("performance grade"), max_length=10, blank=True)
    category = models.CharField(_("list category"), max_length=20, choices=CATEGORIES)
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, blank=True)
    eia_capacity = models.FloatField(_("EIA capacity (daily)"), null=True, blank=True)
    permit_capacity = models.FloatField(_("permit capacity (daily)"), null=True, blank=True)
    actual_output = models.FloatField(_("last year's output (daily)"), null=True, blank=True)
    normal_coking_h = models.FloatField(_("normal coking time [h]"), null=True, blank=True)
    so2_t_a = models.FloatField("SO2 [t/a]", null=True, blank=True)
    nox_t_a = models.FloatField("NOx [t/a]", null=True, blank=True)
    pm_t_a = models.FloatField("PM [t/a]", null=True, blank=True)
    vocs_t_a = models.FloatField("VOCs [t/a]", null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    active = models.BooleanField(_("in the list"), default=True)
    list_row = models.PositiveIntegerField(_("row in the list file"), null=True, blank=True)

    class Meta:
        verbose_name = _("production line")
        verbose_name_plural = _("production lines")
        ordering = ("enterprise", "line_id")
        constraints = (
            models.UniqueConstraint(fields=("enterprise", "line_id"), name="emergency_line_once"),
        )

    def __str__(self) -> str:
        return f"{self.line_id} {self.name}".strip()

    def annual(self) -> dict[str, float]:
        """The annual emissions given [t/a], by pollutant code."""
        values = {p: getattr(self, f"{p}_t_a") for p in POLLUTANTS}
        return {p: v for p, v in values.items() if v is not None}


class MeasureFields(models.Model):
    """A measure as the core's :class:`~lantian.emergency.measures.Measure`: its canonical text,
    kind, value (percent or hours) and transport part."""

    text = models.CharField(_("measure"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20)
    value = models.FloatField(_("value"), null=True, blank=True)
    transport = models.CharField(_("transport"), max_length=20)

    class Meta:
        abstract = True


class LineMeasure(MeasureFields):
    """A line's own measure at one level (一厂一策); without one the industry default applies."""

    line = models.ForeignKey(ProductionLine, on_delete=models.PROTECT, related_name="measures")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("own measure")
        verbose_name_plural = _("own measures")
        ordering = ("line", "level")
        constraints = (
            models.UniqueConstraint(fields=("line", "level"), name="emergency_measure_once"),
        )

    def __str__(self) -> str:
        return f"{self.line.line_id} {self.level}: {self.text}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")


class Change(models.Model):
    """What a proposed change of the list shares: who asked, why, and the office's decision."""

    line = models.ForeignKey(ProductionLine, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        abstract = True
        ordering = ("requested_at", "pk")


class MeasureChange(Change, MeasureFields):
    """An enterprise's proposed own measure (一厂一策) for a line at a level; applied only when
    the office approves it. ``before`` is the measure in force when it was proposed."""

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    before = models.CharField(_("measure before"), max_length=100, blank=True)

    class Meta(Change.Meta):
        verbose_name = _("measure change")
        verbose_name_plural = _("measure changes")

    def __str__(self) -> str:
        return f"{self.line.line_id} {self.level}: {self.before or '—'} → {self.text}"


class StaggerKind(models.TextChoices):
    STOP = "stop", _("Stop")
    LIMIT = "limit", _("Limit")


class CalendarImport(models.Model):
    """One import of a city's staggered-production calendar file (错峰生产日历) that changed
    something (:mod:`lantian.web.emergency.calendar_import`): the file, its season (earliest start
    to latest end) and what it did to the city's periods. ``imported_by`` is empty for the
    system (the demo)."""

    city = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("calendar file"), max_length=300)
    sha256 = models.CharField(max_length=64)
    season_start = models.DateField(_("season start"))
    season_end = models.DateField(_("season end (inclusive)"))
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("periods created"))
    kept = models.PositiveIntegerField(_("periods kept"))
    withdrawn = models.PositiveIntegerField(_("periods withdrawn"))
    imported_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("calendar import")
        verbose_name_plural = _("calendar imports")
        ordering = ("-imported_at", "-pk")

    def __str__(self) -> str:
        return f"{self.city} {self.file_name}"


class StaggeredPeriod(models.Model):
    """A period of staggered production (错峰生产) of a line (``lantian.emergency.staggered``):
    stop, or limit by ``value`` % of ``baseline``. Withdrawn periods stay, inactive.
    ``calendar_import`` is the import that created it; a period made by an approved change
    (:class:`StaggerChange`) has none."""

    line = models.ForeignKey(ProductionLine, on_delete=models.PROTECT, related_name="periods")
    start = models.DateField(_("start"))
    end = models.DateField(_("end (inclusive)"))
    kind = models.CharField(_("measure"), max_length=10, choices=StaggerKind.choices)
    value = models.FloatField(_("limit [%]"), null=True, blank=True)
    baseline = models.FloatField(_("staggering baseline (daily)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    active = models.BooleanField(_("in force"), default=True)
    calendar_import = models.ForeignKey(
        CalendarImport,
        verbose_name=_("calendar import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="periods",
    )

    class Meta:
        verbose_name = _("staggered production period")
        verbose_name_plural = _("staggered production periods")
        ordering = ("line", "start", "pk")

    def __str__(self) -> str:
        return f"{self.line.line_id} {self.start}–{self.end} {self.kind}"


class StaggerAction(models.TextChoices):
    ADD = "add", _("Add")
    MODIFY = "modify", _("Modify")
    WITHDRAW = "withdraw", _("Withdraw")


class StaggerChange(Change):
    """A requested change of the staggered-production calendar ("may not be changed at will":
    ``lantian.emergency.staggered.CalendarChange``); approved by the office, then published."""

    action = models.CharField(_("action"), max_length=10, choices=StaggerAction.choices)
    before = models.ForeignKey(
        StaggeredPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end (inclusive)"), null=True, blank=True)
    kind = models.CharField(_("measure"), max_length=10, choices=StaggerKind.choices, blank=True)
    value = models.FloatField(_("limit [%]"), null=True, blank=True)
    baseline = models.FloatField(_("staggering baseline (daily)"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    result = models.ForeignKey(
        StaggeredPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(Change.Meta):
        verbose_name = _("staggered production change")
        verbose_name_plural = _("staggered production changes")

    def __str__(self) -> str:
        return f"{self.line.line_id} {self.action}"


class ListImport(models.Model):
    """One import of a city's list file with its city emissions (the check's denominator)."""

    city = models.ForeignKey(
        Area, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("list file"), max_length=300)
    city_file_name = models.CharField(_("city emissions file"), max_length=300)
    list_sha256 = models.CharField(max_length=64)
    city_sha256 = models.CharField(max_length=64)
    unit = models.CharField(_("emission unit of the file"), max_length=5)
    city_emissions = models.JSONField(_("city emissions [t/a]"))
    enterprises = models.PositiveIntegerField(_("enterprises"))
    lines = models.PositiveIntegerField(_("lines"))
    measures = models.PositiveIntegerField(_("own measures"))
    imported_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("list import")
        verbose_name_plural = _("list imports")
        ordering = ("-imported_at", "-pk")

    def __str__(self) -> str:
        return f"{self.city} {self.file_name}"


class InspectionDraw(models.Model):
    """A draw of enterprises to inspect while a warning is in force, weighted to the largest
    reductions (:mod:`lantian.web.emergency.draw`); the seed makes it reproducible."""

    warning = models.ForeignKey(Warning, on_delete=models.PROTECT, related_name="draws")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    seed = models.BigIntegerField(_("seed"))
    size = models.PositiveIntegerField(_("size"))
    population = models.PositiveIntegerField(_("enterprises eligible"))
    drawn = models.JSONField(_("drawn"), default=list)
    drawn_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(_("drawn at"))

    class Meta:
        verbose_name = _("inspection draw")
        verbose_name_plural = _("inspection draws")
        ordering = ("-drawn_at", "-pk")

    def __str__(self) -> str:
        return f"{self.warning_id} seed {self.seed}"


class Inspection(models.Model):
    """An inspection of an enterprise's measure compliance during a warning."""

    warning = models.ForeignKey(Warning, on_delete=models.PROTECT, related_name="inspections")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey(
        ProductionLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inspector = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("inspected at"))
    compliant = models.BooleanField(_("compliant"))
    findings = models.TextField(_("findings"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.at:%Y-%m-%d %H:%M}"


class NoticeReceipt(models.Model):
    """A warning event's notice to one enterprise (企业预警通知) and its acknowledgement (签收).

    One row per event that changes what enterprises must do (issue, upgrade, downgrade, lift) and
    enterprise notified (:func:`lantian.web.emergency.receipts.notify_enterprises`). ``lines`` is
    what the notice said of each line (the :class:`~lantian.web.emergency.response.LineNotice`
    values as JSON), so that a later change of the list does not rewrite what was notified.
    Only a user of the enterprise acknowledges it, once; nothing is deleted.
    """

    warning = models.ForeignKey(
        Warning, verbose_name=_("warning"), on_delete=models.PROTECT, related_name="receipts"
    )
    event = models.ForeignKey(
        WarningEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="receipts"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="receipts"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    lines = models.JSONField(_("lines and measures as notified"), default=list, blank=True)
    measures_start = models.DateTimeField(_("start of measures"), null=True, blank=True)
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    created_at = models.DateTimeField(_("notified at"))
    acknowledged_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice to an enterprise")
        verbose_name_plural = _("notices to enterprises")
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=("event", "enterprise"), name="emergency_receipt_once"),
        )

    def __str__(self) -> str:
        return f"{self.warning_id} {self.event.kind} → {self.enterprise}"
