"""Agreements, their key tasks, milestones and tranches, disbursements, amendments, and
the service fees that accrue under a services-first agreement instead of being paid.
Amounts are yuan as Decimal; every sum that must balance is checked by the services under
a row lock, and the simple bounds are also database constraints."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Declaration
from wusong.registry.models import Organisation

from .workflow import AgreementWorkflow, DisbursementWorkflow, TrancheWorkflow

MONEY = {"max_digits": 16, "decimal_places": 2}


class Instrument(models.TextChoices):
    GRANT = "grant", _("Grant")
    INVESTMENT_FIRST = "investment_first", _("Investment first, shares later")
    LEASE_FIRST = "lease_first", _("Lease first, shares later")
    SERVICES_FIRST = "services_first", _("Services first, shares later")
    ALLOCATION_PLUS_INVESTMENT = "allocation_plus_investment", _("Allocation plus investment")


# Instruments that convert into equity: all but a grant.
CONVERTIBLE_INSTRUMENTS = (
    Instrument.INVESTMENT_FIRST,
    Instrument.LEASE_FIRST,
    Instrument.SERVICES_FIRST,
    Instrument.ALLOCATION_PLUS_INVESTMENT,
)
# Instruments under which nothing is paid out: what accrues (rent, service fees) converts.
ACCRUING_INSTRUMENTS = (Instrument.LEASE_FIRST, Instrument.SERVICES_FIRST)


class Agreement(AgreementWorkflow):
    """The project construction cooperation agreement (项目建设合作协议)."""

    reference = models.CharField(_("agreement number"), max_length=60, unique=True)
    declaration = models.OneToOneField(
        Declaration,
        verbose_name=_("approved declaration"),
        on_delete=models.PROTECT,
        related_name="agreement",
    )
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder and holder"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("project company or team"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    instrument = models.CharField(_("instrument"), max_length=32, choices=Instrument.choices)
    total_amount = models.DecimalField(_("total amount (yuan)"), **MONEY)
    grant_amount = models.DecimalField(
        _("grant part (yuan)"),
        **MONEY,
        default=Decimal(0),
        help_text=_(
            "For allocation plus investment: the part given as a grant. The rest is investment."
        ),
    )
    terms = models.JSONField(_("instrument terms"), default=dict, blank=True)
    # The terms' deadline, kept by the services wherever they write the terms, so that the
    # daily fallback is a query; empty for a grant and for terms not given (or not read).
    conversion_deadline = models.DateField(
        _("Deadline for a qualifying round"), null=True, blank=True, editable=False, db_index=True
    )
    start_date = models.DateField(_("task period from"))
    end_date = models.DateField(_("task period to"))
    funder_signed_at = models.DateTimeField(_("signed by the funder at"), null=True, blank=True)
    funder_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_signed_at = models.DateTimeField(
        _("signed by the recipient at"), null=True, blank=True
    )
    recipient_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(total_amount__gt=0), name="agreement_total_positive"
            ),
            models.CheckConstraint(
                condition=Q(grant_amount__gte=0) & Q(grant_amount__lte=models.F("total_amount")),
                name="agreement_grant_within_total",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="agreement_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.declaration.title}"

    @property
    def investment_amount(self) -> Decimal:
        return self.total_amount - self.grant_amount

    def clean(self):
        """Convertible terms are checked by the conversion kernel when they are given."""
        from .terms import terms_check

        terms_check(self.instrument, self.terms, self.start_date)


class KeyTask(models.Model):
    class Kind(models.TextChoices):
        PROTOTYPE = "prototype", _("Prototype (product) R&D")
        PILOT_LINE = "pilot_line", _("Pilot line construction")
        CLINICAL_TRIAL = "clinical_trial", _("Clinical trial")
        CERTIFICATION = "certification", _("Certification or registration")
        MARKET = "market", _("Market launch")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="key_tasks")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("key task"), max_length=200)
    due = models.DateField(_("due"))

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")

    def __str__(self) -> str:
        return self.title


class AgreementMilestone(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due = models.DateField(_("due"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("agreement milestone")
        verbose_name_plural = _("agreement milestones")

    def __str__(self) -> str:
        return self.title


class Tranche(TrancheWorkflow):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="tranches")
    seq = models.PositiveSmallIntegerField(_("tranche"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    milestone = models.ForeignKey(
        AgreementMilestone,
        verbose_name=_("released when verified"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tranches",
        help_text=_("Empty: released when the agreement is signed."),
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "seq"]
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "seq"], name="tranche_seq_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} #{self.seq}"


class Disbursement(DisbursementWorkflow):
    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="disbursements")
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    payment_reference = models.CharField(_("treasury payment reference"), max_length=60, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive"),
            models.UniqueConstraint(
                fields=["payment_reference"],
                condition=~Q(payment_reference=""),
                name="disbursement_payment_reference_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tranche} {self.amount}"


class Amendment(models.Model):
    """A recorded change to a signed agreement's terms: the only way they change."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="amendments")
    seq = models.PositiveSmallIntegerField(_("amendment"))
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "seq"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "seq"], name="amendment_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} amendment {self.seq}"


class ServiceFee(models.Model):
    """A service fee that accrues under a services-first agreement instead of being paid."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="service_fees")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("fee (yuan)"), **MONEY)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.CharField(_("service"), max_length=300, blank=True)
    reference = models.CharField(_("invoice or service record"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "date", "id"]
        verbose_name = _("service fee")
        verbose_name_plural = _("service fees")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="service_fee_positive"),
            models.UniqueConstraint(
                fields=["agreement", "reference"],
                condition=~Q(reference=""),
                name="service_fee_reference_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} {self.date} {self.amount}"
