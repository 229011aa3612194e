"""Conversion arithmetic for "investment first, shares later" (先投后股) and its variants.

`conversion_compute(position, terms, financing_round)` decides whether the round
qualifies and, if so, how many units (shares, or yuan of registered capital) the position
converts into, showing every step so an officer, the company and an auditor can redo it:

1. the round price per unit (given, or pre-money valuation ÷ fully diluted units);
2. the discount price and the cap price where the agreement grants them; the lowest of
   the candidates applies (on a tie the simpler rule is named: round price, then
   discount, then cap);
3. units = amount ÷ applicable price, rounded down to whole shares (股份有限公司) or to
   0.01 yuan of registered capital (有限责任公司);
4. the stake limits: at most the maximum stake of the post-money units, counted on the
   base that includes the cash investors' new units and any other conversions of the
   round, and strictly fewer units than the largest other holder;
5. amount converted = units × price, rounded up to the fen (it stays within the amount,
   which is whole fen); the rest — rounding remainder and any excess kept out by the
   limits — is the residual, treated as the terms say (repaid by default).

Everything runs in a 60-digit decimal context, so sums and products are exact and
quotients are rounded only where a step says so. Pure Python, no Django.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from wusong.kernels.conversion.allot import allot
from wusong.kernels.conversion.inputs import Position, Round, Terms
from wusong.kernels.conversion.vocabulary import (
    HUNDRED,
    ZERO,
    BindingLimit,
    Check,
    CompanyForm,
    ConversionInputError,
    PositionNotOpenError,
    PositionState,
    PriceRule,
    ResidualTreatment,
    Step,
    StepList,
    build,
    exact,
    fen_half_up,
    floor_div_to_step,
    fmt,
    jsonable,
    price_from_valuation,
    price_quantize,
)

__all__ = [
    "ConversionResult",
    "conversion_compute",
    "conversion_preview",
    "ensure_open",
    "refuse_before_agreement",
]


@dataclasses.dataclass(frozen=True)
class ConversionResult:
    """A conversion, or the reasons a round does not qualify, with its arithmetic.

    When `qualifying` is false only `checks`, `amount` and the identifying fields are
    set; the position stays open. Unit figures are shares or yuan of registered capital
    as `company_form` says; stakes are percent of the post-money fully diluted units.
    """

    qualifying: bool
    checks: tuple[Check, ...]
    steps: tuple[Step, ...]
    amount: Decimal
    company_form: CompanyForm
    unit_step: Decimal
    state_after: PositionState
    price_rule: PriceRule | None = None
    round_price: Decimal | None = None
    discount_price: Decimal | None = None
    cap_price: Decimal | None = None
    applicable_price: Decimal | None = None
    units_by_amount: Decimal | None = None
    units_max_stake: Decimal | None = None
    units_max_largest: Decimal | None = None
    units: Decimal | None = None
    binding_limit: BindingLimit | None = None
    amount_converted: Decimal | None = None
    rounding_remainder: Decimal | None = None
    excess_amount: Decimal | None = None
    residual_amount: Decimal | None = None
    residual_treatment: ResidualTreatment | None = None
    units_before: Decimal | None = None
    investor_units: Decimal | None = None
    post_units: Decimal | None = None
    holder_units_before: Decimal | None = None
    holder_units_after: Decimal | None = None
    stake_before_percent: Decimal | None = None
    stake_after_percent: Decimal | None = None

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def position_after(self, position: Position) -> Position:
        """The position as it stands once this result is recorded."""
        return position.with_state(self.state_after)

    def residual_claim(self, position: Position) -> Position | None:
        """The open claim left over when the terms keep the residual as a claim."""
        if (
            self.state_after is PositionState.CONVERTED
            and self.residual_treatment is ResidualTreatment.KEEP_AS_CLAIM
            and self.residual_amount
        ):
            return Position(self.residual_amount, position.instrument)
        return None

    def to_json(self) -> dict:
        return jsonable(self)


def ensure_open(position: Position) -> None:
    """Refuse anything but an open position: converting twice is impossible."""
    if position.state is not PositionState.OPEN:
        raise PositionNotOpenError(position.state)


def _round_checks(terms: Terms, financing_round: Round) -> tuple[Check, ...]:
    checks = [
        Check(
            "check.deadline",
            "The round closes on or before the deadline",
            financing_round.date <= terms.deadline,
            f"{fmt(financing_round.date)} ≤ {fmt(terms.deadline)}",
        ),
        Check(
            "check.new_money",
            "The round brings at least the minimum new money",
            financing_round.new_money >= terms.min_new_money,
            f"{fmt(financing_round.new_money)} ≥ {fmt(terms.min_new_money)}",
        ),
    ]
    if terms.require_market_investor:
        market = [i.name for i in financing_round.investors if i.market]
        checks.append(
            Check(
                "check.market_investor",
                "At least one market investor takes part",
                bool(market),
                ", ".join(market) if market else "no investor is marked as a market investor",
            )
        )
    return tuple(checks)


@exact
def conversion_compute(
    position: Position, terms: Terms, financing_round: Round
) -> ConversionResult:
    """Convert `position` in `financing_round` under `terms`, showing the arithmetic.

    Refuses (ConversionInputError) a position that is not open and a round dated before
    the agreement; returns a non-qualifying result, with the failed checks, for a round
    that does not meet the terms.
    """
    ensure_open(position)
    company = financing_round.company
    refuse_before_agreement(terms, financing_round.date, "round.date", "round date")
    checks = _round_checks(terms, financing_round)
    if not all(c.passed for c in checks):
        return ConversionResult(
            qualifying=False,
            checks=checks,
            steps=(),
            amount=position.amount,
            company_form=company.form,
            unit_step=company.form.unit_step,
            state_after=PositionState.OPEN,
        )

    steps = StepList()
    steps.add(
        "amount",
        "Amount to convert",
        "position amount",
        fmt(position.amount),
        position.amount,
        "yuan",
    )
    if financing_round.price_per_unit is not None:
        round_price = steps.add(
            "round_price",
            "Round price per unit",
            "as recorded for the round",
            fmt(financing_round.price_per_unit),
            financing_round.price_per_unit,
            "yuan_per_unit",
        )
    else:
        round_price = steps.add(
            "round_price",
            "Round price per unit",
            "pre-money valuation ÷ fully diluted units before the round, to 0.000001 yuan",
            f"{fmt(financing_round.pre_money_valuation)} ÷ {fmt(company.units)}",
            price_from_valuation(
                financing_round.pre_money_valuation,
                company.units,
                refusal=(
                    "round.pre_money_valuation",
                    "the pre-money valuation is too small for the number of units: the price "
                    "per unit rounds to zero",
                ),
            ),
            "yuan_per_unit",
        )

    candidates = [(PriceRule.ROUND_PRICE, round_price)]
    discount_price = cap_price = None
    if terms.discount_percent is not None:
        discount_price = steps.add(
            "discount_price",
            "Discounted price",
            "round price × (100 − discount %) ÷ 100, to 0.000001 yuan",
            f"{fmt(round_price)} × (100 − {fmt(terms.discount_percent)}) ÷ 100",
            price_quantize(round_price * (HUNDRED - terms.discount_percent) / HUNDRED),
            "yuan_per_unit",
        )
        candidates.append((PriceRule.DISCOUNT, discount_price))
    if terms.valuation_cap is not None:
        cap_price = steps.add(
            "cap_price",
            "Price at the valuation cap",
            "valuation cap ÷ fully diluted units before the round, to 0.000001 yuan",
            f"{fmt(terms.valuation_cap)} ÷ {fmt(company.units)}",
            price_from_valuation(terms.valuation_cap, company.units),
            "yuan_per_unit",
        )
        candidates.append((PriceRule.CAP, cap_price))
    for rule, candidate in candidates:
        if candidate <= 0:
            raise ConversionInputError(
                f"terms.{'valuation_cap' if rule is PriceRule.CAP else 'discount_percent'}",
                f"the {rule.value} price rounds to zero; check the figure",
            )
    rule, price = min(candidates, key=lambda c: c[1])  # min keeps the first of equals
    steps.add(
        "applicable_price",
        "Applicable price (lowest candidate)",
        "lowest of the round, discount and cap prices",
        "; ".join(f"{r.value} {fmt(p)}" for r, p in candidates) + f" → {rule.value}",
        price,
        "yuan_per_unit",
    )

    investor_units = _investor_units(financing_round, round_price, steps)
    allotment = allot(position.amount, price, terms, financing_round, investor_units, steps)
    steps.add(
        "post_money_valuation",
        "Post-money valuation at the round price",
        "post-money units × round price, to the fen",
        f"{fmt(allotment['post_units'])} × {fmt(round_price)}",
        fen_half_up(allotment["post_units"] * round_price),
        "yuan",
    )
    return ConversionResult(
        qualifying=True,
        checks=checks,
        steps=tuple(steps),
        amount=position.amount,
        company_form=company.form,
        unit_step=company.form.unit_step,
        price_rule=rule,
        round_price=round_price,
        discount_price=discount_price,
        cap_price=cap_price,
        applicable_price=price,
        investor_units=sum(investor_units.values(), ZERO),
        **allotment,
    )


def conversion_preview(data: dict) -> dict:
    """The API's preview: `{"position": …, "terms": …, "round": …}` as JSON gives them
    (numbers as strings, dates as ISO strings), the result as JSON-ready data. Nothing is
    recorded; bad input raises ConversionInputError naming the field."""
    parts = {"position": Position, "terms": Terms, "round": Round}
    if not isinstance(data, dict):
        raise ConversionInputError("request", "expected an object with position, terms and round")
    for key in data:
        if key not in parts:
            raise ConversionInputError(key, "unknown part; expected position, terms and round")
    for key in parts:
        if key not in data:
            raise ConversionInputError(key, "this part of the request is required")
    built = {key: build(kind, data[key], key) for key, kind in parts.items()}
    return conversion_compute(built["position"], built["terms"], built["round"]).to_json()


def _investor_units(financing_round: Round, round_price: Decimal, steps: StepList) -> dict:
    step = financing_round.company.form.unit_step
    units, working = {}, []
    for investor in financing_round.investors:
        if investor.units is not None:
            units[investor.name] = investor.units
            working.append(f"{investor.name}: {fmt(investor.units)} (recorded)")
        else:
            units[investor.name] = floor_div_to_step(investor.amount, round_price, step)
            working.append(
                f"{investor.name}: {fmt(investor.amount)} ÷ {fmt(round_price)} → "
                f"{fmt(units[investor.name])}"
            )
    steps.add(
        "investor_units",
        "New units of the round's cash investors",
        "each investor's new money ÷ round price, rounded down to the unit step",
        "; ".join(working),
        sum(units.values(), ZERO),
        "unit",
    )
    return units


def refuse_before_agreement(terms: Terms, when: dt.date, field: str, what: str) -> None:
    """Refuse a date before the agreement: nothing can happen to a position before it."""
    if when < terms.agreement_date:
        raise ConversionInputError(
            field,
            f"the {what} {fmt(when)} is before the agreement of {fmt(terms.agreement_date)}; "
            "a position can only convert, or fall back, after its agreement — check the dates",
        )
