"""Convertible positions (what a convertible agreement owes the holder in equity) and
the conversions that close them, each with the kernel's inputs and arithmetic."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wusong.funding.models import CONVERTIBLE_INSTRUMENTS, MONEY, Agreement, Instrument
from wusong.registry.models import Organisation

from ..workflow import PositionWorkflow
from .companies import FinancingRound
from .fields import PERCENT, PRICE, UNITS, ZERO, user_fk


class ConvertiblePosition(PositionWorkflow):
    """What a convertible agreement owes the holder in equity. One per agreement, plus one
    for each residual that a conversion kept as a claim (`residual_of`).

    While open, the amount is computed (`ledger.position_amount`): what was paid
    out for investment first, the investment part of allocation plus investment, accrued
    rent or fees for lease or services first, or the fixed `claim_amount` of a residual
    claim. `amount` is set when the position closes.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="positions")
    holder = models.ForeignKey(
        Organisation, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="+"
    )
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("portfolio company"),
        on_delete=models.PROTECT,
        related_name="convertible_positions",
    )
    instrument = models.CharField(_("instrument"), max_length=32, choices=Instrument.choices)
    residual_of = models.ForeignKey(
        "self",
        verbose_name=_("residual of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
    )
    claim_amount = models.DecimalField(_("claim amount (yuan)"), **MONEY, null=True, blank=True)
    amount = models.DecimalField(_("amount at close (yuan)"), **MONEY, null=True, blank=True)
    written_off_amount = models.DecimalField(_("written off (yuan)"), **MONEY, default=ZERO)
    repayable_amount = models.DecimalField(_("to be repaid (yuan)"), **MONEY, default=ZERO)
    fallback_result = models.JSONField(_("deadline fallback, as applied"), default=dict, blank=True)
    opened_by = user_fk()
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = user_fk(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("convertible position")
        verbose_name_plural = _("convertible positions")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(residual_of__isnull=True),
                name="position_one_per_agreement",
            ),
            models.CheckConstraint(
                condition=Q(instrument__in=[i.value for i in CONVERTIBLE_INSTRUMENTS]),
                name="position_instrument_convertible",
            ),
            models.CheckConstraint(
                condition=Q(claim_amount__isnull=True) | Q(claim_amount__gt=0),
                name="position_claim_positive",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="position_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(written_off_amount__gte=0) & Q(repayable_amount__gte=0),
                name="position_closing_amounts",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" (residual of #{self.residual_of_id})" if self.residual_of_id else ""
        return f"{self.agreement.reference} {self.get_instrument_display()}{suffix}"


class Conversion(models.Model):
    """A confirmed conversion: the kernel's inputs and result with every step of the
    arithmetic, so it can be redone years later."""

    class Kind(models.TextChoices):
        ROUND = "round", _("In a qualifying financing round")
        FALLBACK = "fallback", _("Deadline fallback at the agreed valuation")

    position = models.OneToOneField(
        ConvertiblePosition, on_delete=models.PROTECT, related_name="conversion"
    )
    financing_round = models.ForeignKey(
        FinancingRound, null=True, blank=True, on_delete=models.PROTECT, related_name="conversions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    inputs = models.JSONField(_("kernel inputs"))
    result = models.JSONField(_("kernel result with its arithmetic"))
    price_rule = models.CharField(_("price rule"), max_length=20)
    price = models.DecimalField(_("applicable price per unit (yuan)"), **PRICE)
    units = models.DecimalField(_("units"), **UNITS)
    amount = models.DecimalField(_("position amount (yuan)"), **MONEY)
    amount_converted = models.DecimalField(_("amount converted (yuan)"), **MONEY)
    residual_amount = models.DecimalField(_("residual (yuan)"), **MONEY)
    residual_treatment = models.CharField(_("residual treatment"), max_length=20)
    stake_after_percent = models.DecimalField(_("stake after (%)"), **PERCENT)
    confirmed_by = user_fk()
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        ordering = ["confirmed_at", "id"]
        verbose_name = _("conversion")
        verbose_name_plural = _("conversions")
        constraints = [
            models.CheckConstraint(condition=Q(units__gte=0), name="conversion_units"),
            models.CheckConstraint(condition=Q(price__gt=0), name="conversion_price"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="conversion_amount"),
            models.CheckConstraint(
                condition=Q(amount_converted__gte=0) & Q(residual_amount__gte=0),
                name="conversion_parts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(kind="fallback") | Q(financing_round__isnull=False),
                name="conversion_round_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} → {self.units}"
