"""The equity ledger: portfolio companies' equity, financing rounds, convertible positions,
conversions, holdings, exits and the money that returns to a programme's pool.

A unit is a share in a joint-stock company (股份有限公司) and one yuan of registered
capital in a limited liability company (有限责任公司); units are stored to 0.01 so both
fit, and the services keep a joint-stock company's units whole. Amounts are yuan as
Decimal. Sums that must balance (amount = converted + residual, gain = proceeds − cost) are
kept by the services under a row lock; the simple bounds are also database constraints.
Identities between decimal columns are not: SQLite compares decimals as floats.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Call, Programme
from wusong.registry.models import Organisation

from .models import MONEY, Agreement, Instrument
from .workflow_equity import HoldingWorkflow, PositionWorkflow

UNITS = {"max_digits": 20, "decimal_places": 2}
PRICE = {"max_digits": 22, "decimal_places": 6}
PERCENT = {"max_digits": 7, "decimal_places": 4}
ZERO = Decimal(0)


def _user_fk(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", **kwargs
    )


class CompanyForm(models.TextChoices):
    """The same values as the conversion kernel's `CompanyForm`."""

    LLC = "llc", _("Limited liability company (units: yuan of registered capital)")
    JOINT_STOCK = "joint_stock", _("Joint-stock company (units: shares)")


CONVERTIBLE_INSTRUMENTS = (
    Instrument.INVESTMENT_FIRST,
    Instrument.LEASE_FIRST,
    Instrument.SERVICES_FIRST,
    Instrument.ALLOCATION_PLUS_INVESTMENT,
)


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
    recorded_by = _user_fk()
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


class ConvertiblePosition(PositionWorkflow):
    """What a convertible agreement owes the holder in equity. One per agreement, plus one
    for each residual that a conversion kept as a claim (`residual_of`).

    While open, the amount is computed (`services_equity.position_amount`): what was paid
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
    opened_by = _user_fk()
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = _user_fk(null=True, blank=True)
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
    confirmed_by = _user_fk()
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


class Holding(HoldingWorkflow):
    """Units the holder owns in a portfolio company, from one conversion. Exits reduce
    the units and the cost in proportion; the last exit closes the holding."""

    holder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="holdings")
    conversion = models.OneToOneField(
        Conversion, null=True, blank=True, on_delete=models.PROTECT, related_name="holding"
    )
    unit_class = models.CharField(_("class"), max_length=60)
    acquired_on = models.DateField(_("acquired on"))
    units_acquired = models.DecimalField(_("units acquired"), **UNITS)
    cost_acquired = models.DecimalField(_("cost (yuan)"), **MONEY)
    units = models.DecimalField(_("units held"), **UNITS)
    cost = models.DecimalField(_("cost of the units held (yuan)"), **MONEY)

    class Meta:
        ordering = ["company", "acquired_on", "id"]
        verbose_name = _("holding")
        verbose_name_plural = _("holdings")
        constraints = [
            models.CheckConstraint(
                condition=Q(units_acquired__gt=0) & Q(cost_acquired__gte=0),
                name="holding_acquired",
            ),
            models.CheckConstraint(
                condition=Q(units__gte=0) & Q(units__lte=F("units_acquired")),
                name="holding_units_within_acquired",
            ),
            models.CheckConstraint(
                condition=Q(cost__gte=0) & Q(cost__lte=F("cost_acquired")),
                name="holding_cost_within_acquired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.units} {self.unit_class}"


class Exit(models.Model):
    """The sale of some or all of a holding's units."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Transfer to another investor")
        BUYBACK = "buyback", _("Buy-back by the founding team")
        LISTING_SALE = "listing_sale", _("Sale after listing")

    holding = models.ForeignKey(Holding, on_delete=models.PROTECT, related_name="exits")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    counterparty = models.CharField(_("buyer"), max_length=200)
    units = models.DecimalField(_("units sold"), **UNITS)
    proceeds = models.DecimalField(_("proceeds (yuan)"), **MONEY)
    cost = models.DecimalField(_("cost of the units sold (yuan)"), **MONEY)
    realised_gain = models.DecimalField(_("realised gain (yuan)"), **MONEY)
    team_reward_percent = models.DecimalField(_("team's reward share (%)"), **PERCENT)
    team_reward = models.DecimalField(_("reward to the team (yuan)"), **MONEY)
    returned_to_pool = models.DecimalField(_("returned to the programme's pool (yuan)"), **MONEY)
    note = models.TextField(_("note"), blank=True)
    recorded_by = _user_fk()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="exit_units_positive"),
            models.CheckConstraint(
                condition=Q(proceeds__gt=0) & Q(cost__gte=0), name="exit_amounts"
            ),
            models.CheckConstraint(
                condition=Q(team_reward_percent__gte=0) & Q(team_reward_percent__lte=100),
                name="exit_reward_percent",
            ),
            models.CheckConstraint(
                condition=Q(team_reward__gte=0) & Q(team_reward__lte=F("proceeds")),
                name="exit_reward_within_proceeds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holding} {self.get_kind_display()} {self.units}"


class PoolReturn(models.Model):
    """Money that goes back to the programme's pool: exit proceeds net of the team's
    reward, and amounts the company repays (a residual, or the deadline fallback)."""

    class Kind(models.TextChoices):
        EXIT = "exit", _("Exit proceeds")
        RESIDUAL = "residual", _("Conversion residual repaid")
        REPAYMENT = "repayment", _("Repayment at the deadline")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    date = models.DateField(_("date"))
    exit = models.OneToOneField(
        Exit, null=True, blank=True, on_delete=models.PROTECT, related_name="pool_return"
    )
    position = models.ForeignKey(
        ConvertiblePosition,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pool_returns",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("return to the pool")
        verbose_name_plural = _("returns to the pool")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="pool_return_positive")
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.get_kind_display()} {self.amount}"


class ServiceFee(models.Model):
    """A service fee that accrues under a services-first agreement instead of being paid."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="service_fees")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("fee (yuan)"), **MONEY)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.CharField(_("service"), max_length=300, blank=True)
    reference = models.CharField(_("invoice or service record"), max_length=60, blank=True)
    recorded_by = _user_fk()
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
