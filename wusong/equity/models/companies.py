"""A portfolio company's equity as the ledger knows it: its form and fully diluted units,
the holders' lines of its cap table, and its market financing rounds with their
investors.

A unit is a share in a joint-stock company (股份有限公司) and one yuan of registered
capital in a limited liability company (有限责任公司); units are stored to 0.01 so both
fit, and the services keep a joint-stock company's units whole.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wusong.funding.models import MONEY
from wusong.registry.models import Organisation

from .fields import PRICE, UNITS, ZERO, user_fk


class CompanyForm(models.TextChoices):
    """The same values as the conversion kernel's `CompanyForm`."""

    LLC = "llc", _("Limited liability company (units: yuan of registered capital)")
    JOINT_STOCK = "joint_stock", _("Joint-stock company (units: shares)")


class EquityProfile(models.Model):
    """A portfolio company's equity as the ledger knows it now."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="equity_profile",
    )
    form = models.CharField(_("company form"), max_length=12, choices=CompanyForm.choices)
    units = models.DecimalField(_("fully diluted units"), **UNITS)
    formation_date = models.DateField(_("date of incorporation"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("equity profile")
        verbose_name_plural = _("equity profiles")
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="equity_profile_units_positive")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def unit_step(self) -> Decimal:
        return Decimal(1) if self.form == CompanyForm.JOINT_STOCK else Decimal("0.01")


class CapTableLine(models.Model):
    """One holder's units in a portfolio company. The programme's holder has its own line,
    kept up to date by conversions and exits."""

    profile = models.ForeignKey(EquityProfile, on_delete=models.CASCADE, related_name="lines")
    name = models.CharField(_("holder"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    units = models.DecimalField(_("units"), **UNITS)

    class Meta:
        ordering = ["-units", "name"]
        verbose_name = _("cap-table line")
        verbose_name_plural = _("cap-table lines")
        constraints = [
            models.UniqueConstraint(fields=["profile", "name"], name="cap_table_line_unique"),
            models.CheckConstraint(condition=Q(units__gte=0), name="cap_table_line_units"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.units}"


class FinancingRound(models.Model):
    """A portfolio company's market financing round, as the officer records it."""

    company = models.ForeignKey(EquityProfile, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("round"), max_length=60, blank=True)
    date = models.DateField(_("closing date"))
    price_per_unit = models.DecimalField(_("price per unit (yuan)"), **PRICE, null=True, blank=True)
    pre_money_valuation = models.DecimalField(
        _("pre-money valuation (yuan)"), **MONEY, null=True, blank=True
    )
    units_before = models.DecimalField(_("fully diluted units before the round"), **UNITS)
    round_price = models.DecimalField(
        _("round price per unit (yuan)"),
        **PRICE,
        help_text=_("As given, or pre-money valuation ÷ units before, to 0.000001 yuan."),
    )
    cap_table_before = models.JSONField(
        _("cap table before the round"),
        default=list,
        help_text=_("The holders' lines when the round was recorded: conversions use them."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = user_fk()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("financing round")
        verbose_name_plural = _("financing rounds")
        constraints = [
            models.CheckConstraint(
                condition=(Q(price_per_unit__isnull=False) & Q(pre_money_valuation__isnull=True))
                | (Q(price_per_unit__isnull=True) & Q(pre_money_valuation__isnull=False)),
                name="round_price_or_valuation",
            ),
            models.CheckConstraint(
                condition=Q(price_per_unit__isnull=True) | Q(price_per_unit__gt=0),
                name="round_price_positive",
            ),
            models.CheckConstraint(
                condition=Q(pre_money_valuation__isnull=True) | Q(pre_money_valuation__gt=0),
                name="round_valuation_positive",
            ),
            models.CheckConstraint(condition=Q(units_before__gt=0), name="round_units_positive"),
            models.CheckConstraint(
                condition=Q(round_price__gt=0), name="round_derived_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.name or self.date}"

    @property
    def new_money(self) -> Decimal:
        return sum((i.amount for i in self.investors.all()), ZERO)


class RoundInvestor(models.Model):
    financing_round = models.ForeignKey(
        FinancingRound, on_delete=models.CASCADE, related_name="investors"
    )
    name = models.CharField(_("investor"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("new money (yuan)"), **MONEY)
    market = models.BooleanField(
        _("market investor"), help_text=_("A market investor, not a government or state fund.")
    )
    units = models.DecimalField(_("new units"), **UNITS)

    class Meta:
        ordering = ["financing_round", "id"]
        verbose_name = _("round investor")
        verbose_name_plural = _("round investors")
        constraints = [
            models.UniqueConstraint(fields=["financing_round", "name"], name="round_investor_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="round_investor_amount"),
            models.CheckConstraint(condition=Q(units__gte=0), name="round_investor_units"),
        ]

    def __str__(self) -> str:
        return self.name
