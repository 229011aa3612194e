"""The deadline fallback: what happens to an open position when no qualifying round came.

The agreement names one rule (`Terms.fallback`): write the amount off as a grant,
convert it at the agreement's set valuation, or have the company repay it. A round may
still close on the deadline day itself, so a fallback is due from the day after the
deadline. Each function computes the outcome for any date on or after the agreement, so
officers can see it ahead of time; `due` says whether it may be applied yet (the
scheduled job applies only due ones).
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from wusong.kernels.conversion.allot import allot
from wusong.kernels.conversion.compute import (
    ConversionResult,
    ensure_open,
    refuse_before_agreement,
)
from wusong.kernels.conversion.inputs import CapTable, Position, Terms
from wusong.kernels.conversion.vocabulary import (
    FEN,
    ZERO,
    ConversionInputError,
    Fallback,
    PositionState,
    PriceRule,
    ResidualTreatment,
    Step,
    StepList,
    build,
    exact,
    fmt,
    jsonable,
    price_from_valuation,
    to_date,
)

NO_YUAN = FEN * 0  # 0.00: no yuan, printed as money

__all__ = [
    "FallbackResult",
    "fallback_apply",
    "fallback_convert_at_valuation",
    "fallback_due",
    "fallback_repay",
    "fallback_write_off",
]


@dataclasses.dataclass(frozen=True)
class FallbackResult:
    """The outcome of the deadline fallback for one position, with its arithmetic.

    `written_off_amount + repayable_amount + claim_amount + converted amount` is always
    the position's amount. `conversion` is set only for convert_at_valuation; there its
    `qualifying` is true because the agreement itself, not a round, triggers it.
    """

    rule: Fallback
    due: bool
    as_of: dt.date
    deadline: dt.date
    amount: Decimal
    state_after: PositionState
    written_off_amount: Decimal
    repayable_amount: Decimal
    claim_amount: Decimal
    steps: tuple[Step, ...]
    conversion: ConversionResult | None = None

    def position_after(self, position: Position) -> Position:
        return position.with_state(self.state_after)

    def to_json(self) -> dict:
        return jsonable(self)


def fallback_due(terms: Terms, as_of: dt.date) -> bool:
    """True once the deadline has passed (from the day after it)."""
    return to_date(as_of, "as_of") > terms.deadline


def _start(position: Position, terms: Terms, as_of, rule: Fallback) -> tuple[dt.date, StepList]:
    ensure_open(position)
    if terms.fallback is not rule:
        raise ConversionInputError(
            "terms.fallback",
            f"the agreement's fallback is {terms.fallback.value}, not {rule.value}",
        )
    as_of = to_date(as_of, "as_of")
    refuse_before_agreement(terms, as_of, "as_of", "fallback date")
    steps = StepList()
    days = (as_of - terms.deadline).days
    steps.add(
        "deadline",
        "Deadline for a qualifying round",
        "as agreed",
        fmt(terms.deadline),
        terms.deadline,
        "date",
    )
    steps.add(
        "fallback_due",
        "Fallback due (the deadline has passed)",
        "as-of date > deadline",
        f"{fmt(as_of)} > {fmt(terms.deadline)} ({days:+d} days)",
        days > 0,
        "bool",
    )
    steps.add("amount", "Amount", "position amount", fmt(position.amount), position.amount, "yuan")
    return as_of, steps


@exact
def fallback_write_off(position: Position, terms: Terms, as_of: dt.date) -> FallbackResult:
    """The whole amount becomes a grant; the position is written off."""
    as_of, steps = _start(position, terms, as_of, Fallback.WRITE_OFF)
    steps.add(
        "written_off_amount",
        "Written off as a grant",
        "the whole amount",
        fmt(position.amount),
        position.amount,
        "yuan",
    )
    return FallbackResult(
        rule=Fallback.WRITE_OFF,
        due=as_of > terms.deadline,
        as_of=as_of,
        deadline=terms.deadline,
        amount=position.amount,
        state_after=PositionState.WRITTEN_OFF,
        written_off_amount=position.amount,
        repayable_amount=NO_YUAN,
        claim_amount=NO_YUAN,
        steps=tuple(steps),
    )


@exact
def fallback_repay(position: Position, terms: Terms, as_of: dt.date) -> FallbackResult:
    """The company repays the whole amount (principal; any interest is agreed separately)."""
    as_of, steps = _start(position, terms, as_of, Fallback.REPAY)
    steps.add(
        "repayable_amount",
        "To be repaid by the company",
        "the whole amount",
        fmt(position.amount),
        position.amount,
        "yuan",
    )
    return FallbackResult(
        rule=Fallback.REPAY,
        due=as_of > terms.deadline,
        as_of=as_of,
        deadline=terms.deadline,
        amount=position.amount,
        state_after=PositionState.REPAID,
        written_off_amount=NO_YUAN,
        repayable_amount=position.amount,
        claim_amount=NO_YUAN,
        steps=tuple(steps),
    )


@exact
def fallback_convert_at_valuation(
    position: Position, terms: Terms, as_of: dt.date, company: CapTable
) -> FallbackResult:
    """Convert at the agreement's set valuation ÷ the company's units at `as_of`.

    No discount or cap applies (the valuation is already the agreed price); the stake
    limits do, and the residual is treated as the terms say.
    """
    as_of, steps = _start(position, terms, as_of, Fallback.CONVERT_AT_VALUATION)
    company = build(CapTable, company, "company")
    price = steps.add(
        "set_valuation_price",
        "Price at the agreed valuation",
        "set valuation ÷ fully diluted units, to 0.000001 yuan",
        f"{fmt(terms.fallback_valuation)} ÷ {fmt(company.units)}",
        price_from_valuation(
            terms.fallback_valuation,
            company.units,
            refusal=(
                "terms.fallback_valuation",
                "the set valuation is too small: the price rounds to zero",
            ),
        ),
        "yuan_per_unit",
    )
    allotment = allot(position.amount, price, terms, None, {}, steps, company=company)
    conversion = ConversionResult(
        qualifying=True,
        checks=(),
        steps=tuple(steps),
        amount=position.amount,
        company_form=company.form,
        unit_step=company.form.unit_step,
        price_rule=PriceRule.SET_VALUATION,
        applicable_price=price,
        investor_units=ZERO,
        **allotment,
    )
    residual = conversion.residual_amount
    treatment = terms.residual_treatment
    return FallbackResult(
        rule=Fallback.CONVERT_AT_VALUATION,
        due=as_of > terms.deadline,
        as_of=as_of,
        deadline=terms.deadline,
        amount=position.amount,
        state_after=conversion.state_after,
        written_off_amount=residual if treatment is ResidualTreatment.WRITE_OFF else NO_YUAN,
        repayable_amount=residual if treatment is ResidualTreatment.REPAY else NO_YUAN,
        claim_amount=residual if treatment is ResidualTreatment.KEEP_AS_CLAIM else NO_YUAN,
        steps=tuple(steps),
        conversion=conversion,
    )


def fallback_apply(
    position: Position, terms: Terms, as_of: dt.date, company: CapTable | None = None
) -> FallbackResult:
    """The fallback the agreement names; `company` is needed only to convert."""
    if terms.fallback is Fallback.WRITE_OFF:
        return fallback_write_off(position, terms, as_of)
    if terms.fallback is Fallback.REPAY:
        return fallback_repay(position, terms, as_of)
    if company is None:
        raise ConversionInputError(
            "company",
            "the fallback converts at a set valuation: give the company's form and fully "
            "diluted units at the deadline",
        )
    return fallback_convert_at_valuation(position, terms, as_of, company)
