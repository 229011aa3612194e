"""Holdings of units from conversions, the exits that sell them, and the money that
returns to a programme's pool.

Sums that must balance (gain = proceeds − cost) are kept by the services under a row
lock; the simple bounds are also database constraints. Identities between decimal columns
are not: SQLite compares decimals as floats.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Call, Programme
from wusong.funding.models import MONEY, Agreement
from wusong.registry.models import Organisation

from ..workflow import HoldingWorkflow
from .fields import PERCENT, UNITS, user_fk
from .positions import Conversion, ConvertiblePosition


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
    recorded_by = user_fk()
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
