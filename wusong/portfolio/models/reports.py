"""Company reports (quarterly by default), their key-task progress, the alerts their
figures raise and the reminders sent for missing ones."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wusong.kernels.periods import period_bounds, period_label

from ..workflow import ReportWorkflow

MONEY = {"max_digits": 16, "decimal_places": 2}
RUNWAY_MONTHS = Decimal(6)  # a report whose cash lasts fewer months raises an alert


class CompanyReport(ReportWorkflow):
    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(
        _("period"), help_text=_("Quarter 1–4, half-year 1–2, or 1 for a yearly report.")
    )
    months = models.PositiveSmallIntegerField(_("months covered"), default=3)
    revenue = models.DecimalField(_("revenue (yuan)"), **MONEY)
    rd_spend = models.DecimalField(_("R&D spend (yuan)"), **MONEY)
    headcount = models.PositiveIntegerField(_("headcount"))
    patents_filed = models.PositiveIntegerField(_("patents filed"), default=0)
    patents_granted = models.PositiveIntegerField(_("patents granted"), default=0)
    financing_raised = models.DecimalField(_("financing raised (yuan)"), **MONEY, default=0)
    cash_balance = models.DecimalField(
        _("cash at period end (yuan)"), **MONEY, null=True, blank=True
    )
    monthly_burn = models.DecimalField(
        _("average monthly net spend (yuan)"), **MONEY, null=True, blank=True
    )
    risks = models.TextField(_("risks"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason returned"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "-year", "-period"]
        verbose_name = _("company report")
        verbose_name_plural = _("company reports")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "period", "months"], name="report_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(revenue__gte=0)
                & Q(rd_spend__gte=0)
                & Q(financing_raised__gte=0)
                & (Q(cash_balance__isnull=True) | Q(cash_balance__gte=0))
                & (Q(monthly_burn__isnull=True) | Q(monthly_burn__gte=0)),
                name="report_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(patents_granted__lte=models.F("patents_filed"))
                | Q(patents_filed=0, patents_granted__gte=0),
                name="report_patents_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.declaration.reference} {self.label}"

    @property
    def label(self) -> str:
        return period_label(self.year, self.period, self.months)

    @property
    def bounds(self):
        return period_bounds(self.year, self.period, self.months)

    @property
    def runway_months(self):
        if self.cash_balance is None or not self.monthly_burn:
            return None
        return (self.cash_balance / self.monthly_burn).quantize(Decimal("0.1"))


class KeyTaskProgress(models.Model):
    class Kind(models.TextChoices):
        PROTOTYPE = "prototype", _("Prototype (product) R&D")
        PILOT_LINE = "pilot_line", _("Pilot line construction")
        CLINICAL_TRIAL = "clinical_trial", _("Clinical trial")
        CERTIFICATION = "certification", _("Certification or registration")
        MARKET = "market", _("Market launch")
        OTHER = "other", _("Other")

    report = models.ForeignKey(CompanyReport, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("key task"), max_length=20, choices=Kind.choices)
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.CharField(_("where it stands"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("key-task progress")
        verbose_name_plural = _("key-task progress")
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="task_percent_le_100")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.percent}%"


class Alert(models.Model):
    """A figure that crossed a threshold, for the manager to look at."""

    class Kind(models.TextChoices):
        RUNWAY = "runway", _("Runway under six months")
        HEADCOUNT = "headcount", _("Headcount down by a third or more")
        REPORT_MISSING = "report_missing", _("Report missing")

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="alerts"
    )
    report = models.ForeignKey(
        CompanyReport, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(_("alert"), max_length=16, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=12, blank=True)
    message = models.CharField(_("message"), max_length=300)
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return self.message


class ReportReminder(models.Model):
    """A report chased: one row per missing period, counting the reminders sent."""

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="reminders"
    )
    year = models.PositiveSmallIntegerField()
    period = models.PositiveSmallIntegerField()
    months = models.PositiveSmallIntegerField(default=3)
    first_sent_at = models.DateTimeField()
    last_sent_at = models.DateTimeField()
    times = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["project", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "period", "months"], name="reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {period_label(self.year, self.period, self.months)}"
