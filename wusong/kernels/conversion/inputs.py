"""What the conversion kernel is given: the position, the agreement's terms, the company's
cap table and the financing round.

Frozen dataclasses that check themselves when built, so a bad figure is refused where it
is typed, with the name of the field and a message an officer can act on. Numbers may be
given as Decimal, int or numeric string (handy for JSON); floats are refused.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from wusong.kernels.conversion.vocabulary import (
    ZERO,
    CompanyForm,
    ConversionInputError,
    Fallback,
    Instrument,
    PositionState,
    ResidualTreatment,
    build,
    fmt,
    on_unit_grid,
    percent,
    positive,
    to_bool,
    to_date,
    to_decimal,
    yuan,
)


def _set(obj, name, value):
    object.__setattr__(obj, name, value)


@dataclasses.dataclass(frozen=True)
class Position:
    """A convertible claim: the amount owed in equity, its instrument, and its state.

    For lease-first and services-first the amount is the accrued rent or fees (see
    `wusong.kernels.accrual`); for allocation plus investment, the investment part only.
    """

    amount: Decimal
    instrument: Instrument = Instrument.INVESTMENT_FIRST
    state: PositionState = PositionState.OPEN

    def __post_init__(self):
        _set(self, "amount", yuan(self.amount, "position.amount"))
        _set(self, "instrument", _enum(Instrument, self.instrument, "position.instrument"))
        _set(self, "state", _enum(PositionState, self.state, "position.state"))
        if self.instrument is Instrument.GRANT:
            raise ConversionInputError(
                "position.instrument", "a grant never converts into equity; it has no position"
            )

    def with_state(self, state: PositionState) -> "Position":
        return dataclasses.replace(self, state=state)


def _enum(kind, value, field):
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise ConversionInputError(field, f"{value!r} is not one of: {choices}") from None


@dataclasses.dataclass(frozen=True)
class Terms:
    """The convertible terms of one agreement.

    Qualifying round: at least `min_new_money` of new money, dated on or before the
    deadline, and (if `require_market_investor`) at least one market investor. Price: the
    round's price per unit, or lower where the agreement grants a discount (percent off
    the round price) or a valuation cap (cap ÷ fully diluted units before the round); the
    lowest wins. Limits: `max_stake_percent` of the post-money units and, if
    `never_largest_holder`, strictly fewer units than any other single holder's largest
    holding; what does not convert is treated as `residual_treatment` says.
    """

    agreement_date: dt.date
    deadline: dt.date
    fallback: Fallback
    min_new_money: Decimal = ZERO
    require_market_investor: bool = True
    discount_percent: Decimal | None = None
    valuation_cap: Decimal | None = None
    fallback_valuation: Decimal | None = None
    max_stake_percent: Decimal | None = None
    never_largest_holder: bool = False
    residual_treatment: ResidualTreatment = ResidualTreatment.REPAY

    def __post_init__(self):
        _set(self, "agreement_date", to_date(self.agreement_date, "terms.agreement_date"))
        _set(self, "deadline", to_date(self.deadline, "terms.deadline"))
        if self.deadline <= self.agreement_date:
            raise ConversionInputError(
                "terms.deadline",
                f"the deadline {self.deadline} must come after the agreement date "
                f"{self.agreement_date}",
            )
        _set(self, "fallback", _enum(Fallback, self.fallback, "terms.fallback"))
        minimum = to_decimal(self.min_new_money, "terms.min_new_money")
        if minimum < 0:
            raise ConversionInputError(
                "terms.min_new_money", "the minimum new money cannot be negative; use 0 for none"
            )
        _set(self, "min_new_money", minimum)
        for name in ("require_market_investor", "never_largest_holder"):
            _set(self, name, to_bool(getattr(self, name), f"terms.{name}"))
        if self.discount_percent is not None:
            _set(
                self,
                "discount_percent",
                percent(self.discount_percent, "terms.discount_percent", "discount"),
            )
        if self.valuation_cap is not None:
            _set(
                self,
                "valuation_cap",
                positive(self.valuation_cap, "terms.valuation_cap", "valuation cap"),
            )
        if self.max_stake_percent is not None:
            _set(
                self,
                "max_stake_percent",
                percent(self.max_stake_percent, "terms.max_stake_percent", "maximum stake"),
            )
        if self.fallback is Fallback.CONVERT_AT_VALUATION:
            if self.fallback_valuation is None:
                raise ConversionInputError(
                    "terms.fallback_valuation",
                    "the fallback converts at a set valuation, so the agreement must give it",
                )
            _set(
                self,
                "fallback_valuation",
                positive(self.fallback_valuation, "terms.fallback_valuation", "set valuation"),
            )
        elif self.fallback_valuation is not None:
            raise ConversionInputError(
                "terms.fallback_valuation",
                f"a set valuation only applies when the fallback is convert_at_valuation, "
                f"not {self.fallback.value}",
            )
        _set(
            self,
            "residual_treatment",
            _enum(ResidualTreatment, self.residual_treatment, "terms.residual_treatment"),
        )


@dataclasses.dataclass(frozen=True)
class Holder:
    """An existing holder in the company's cap table before the round."""

    name: str
    units: Decimal


@dataclasses.dataclass(frozen=True)
class CapTable:
    """The company just before the round (or at the deadline, for a fallback conversion).

    `units` is the fully diluted count before the round. `holders` lists the other holders
    as far as known; `holder_units` is what the programme's holder (the tech-transfer
    company) already has. For "never the largest holder", units not itemised are counted
    as one further holder, which is the cautious reading.
    """

    form: CompanyForm
    units: Decimal
    holders: tuple[Holder, ...] = ()
    holder_units: Decimal = ZERO

    def __post_init__(self):
        form = _enum(CompanyForm, self.form, "company.form")
        _set(self, "form", form)
        _set(
            self,
            "units",
            on_unit_grid(self.units, "company.units", form, "fully diluted units", False),
        )
        _set(
            self,
            "holder_units",
            on_unit_grid(self.holder_units, "company.holder_units", form, "holder's units", True),
        )
        holders = []
        for i, holder in enumerate(self.holders):
            field = f"company.holders[{i}]"
            holder = build(Holder, holder, field)
            if not str(holder.name).strip():
                raise ConversionInputError(f"{field}.name", "each holder needs a name")
            units = on_unit_grid(holder.units, f"{field}.units", form, "holder's units", False)
            holders.append(Holder(str(holder.name).strip(), units))
        names = [h.name for h in holders]
        if len(set(names)) != len(names):
            raise ConversionInputError("company.holders", "a holder is listed twice")
        _set(self, "holders", tuple(holders))
        itemised = sum((h.units for h in holders), ZERO) + self.holder_units
        if itemised > self.units:
            raise ConversionInputError(
                "company.holders",
                f"the listed holdings ({fmt(itemised)}) exceed the fully diluted units "
                f"before the round ({fmt(self.units)})",
            )

    @property
    def unlisted_units(self) -> Decimal:
        return self.units - self.holder_units - sum((h.units for h in self.holders), ZERO)


@dataclasses.dataclass(frozen=True)
class Investor:
    """A new-money investor in the round.

    `market` says whether it is a market investor (市场化投资机构) rather than a government
    or state-owned fund; it has no default, because it decides whether a round qualifies.
    `units` are the units the round issued to it, if recorded; otherwise they are derived
    as amount ÷ round price, rounded down to the unit step.
    """

    name: str
    amount: Decimal
    market: bool
    units: Decimal | None = None


@dataclasses.dataclass(frozen=True)
class Round:
    """A market financing round, as the officer records it.

    Give exactly one of `price_per_unit` and `pre_money_valuation`. `other_new_units` are
    units issued in the same round to other converting positions (not the cash investors,
    not this position); `holder_new_units` is the part of those that went to this
    position's holder. To convert several of one holder's positions in one round, convert
    them one after another, adding each result's units to both for the next.
    """

    date: dt.date
    company: CapTable
    investors: tuple[Investor, ...]
    price_per_unit: Decimal | None = None
    pre_money_valuation: Decimal | None = None
    other_new_units: Decimal = ZERO
    holder_new_units: Decimal = ZERO

    def __post_init__(self):
        _set(self, "date", to_date(self.date, "round.date"))
        company = build(CapTable, self.company, "round.company")
        _set(self, "company", company)
        form = company.form
        if (self.price_per_unit is None) == (self.pre_money_valuation is None):
            raise ConversionInputError(
                "round.price_per_unit",
                "give either the price per unit or the pre-money valuation (one, not both)",
            )
        if self.price_per_unit is not None:
            _set(
                self,
                "price_per_unit",
                positive(self.price_per_unit, "round.price_per_unit", "price per unit"),
            )
        else:
            _set(
                self,
                "pre_money_valuation",
                positive(
                    self.pre_money_valuation, "round.pre_money_valuation", "pre-money valuation"
                ),
            )
        investors = []
        for i, investor in enumerate(self.investors):
            field = f"round.investors[{i}]"
            investor = build(Investor, investor, field)
            if not str(investor.name).strip():
                raise ConversionInputError(f"{field}.name", "each investor needs a name")
            units = investor.units
            if units is not None:
                units = on_unit_grid(units, f"{field}.units", form, "investor's units", False)
            investors.append(
                Investor(
                    str(investor.name).strip(),
                    yuan(investor.amount, f"{field}.amount", "investor's new money"),
                    to_bool(investor.market, f"{field}.market"),
                    units,
                )
            )
        if not investors:
            raise ConversionInputError(
                "round.investors", "list at least one investor with the new money they put in"
            )
        names = [i.name for i in investors]
        if len(set(names)) != len(names):
            raise ConversionInputError("round.investors", "an investor is listed twice")
        _set(self, "investors", tuple(investors))
        other = on_unit_grid(self.other_new_units, "round.other_new_units", form, "units", True)
        mine = on_unit_grid(self.holder_new_units, "round.holder_new_units", form, "units", True)
        if mine > other:
            raise ConversionInputError(
                "round.holder_new_units",
                "the holder's units from other conversions are part of other_new_units "
                "and cannot exceed them",
            )
        _set(self, "other_new_units", other)
        _set(self, "holder_new_units", mine)

    @property
    def new_money(self) -> Decimal:
        return sum((i.amount for i in self.investors), ZERO)
