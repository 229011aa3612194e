"""Units for an amount at a price, within the stake limits; shared by a round conversion
and the deadline fallback's conversion at a set valuation."""

from decimal import Decimal

from wusong.kernels.conversion.inputs import CapTable, Round, Terms
from wusong.kernels.conversion.vocabulary import (
    HUNDRED,
    ZERO,
    BindingLimit,
    PositionState,
    ResidualTreatment,
    StepList,
    fen_ceiling,
    floor_div_to_step,
    fmt,
    stake_percent,
)


def allot(
    amount: Decimal,
    price: Decimal,
    terms: Terms,
    financing_round: Round | None,
    investor_units: dict,
    steps: StepList,
    company: CapTable | None = None,
) -> dict:
    """Units for `amount` at `price`, within the stake limits, and where the rest goes.

    Shared by a round conversion and the fallback conversion at a set valuation (which
    passes `company` and no round). Returns the unit, amount and stake fields of
    `ConversionResult`.
    """
    company = financing_round.company if financing_round is not None else company
    other_new = financing_round.other_new_units if financing_round is not None else ZERO
    holder_new = financing_round.holder_new_units if financing_round is not None else ZERO
    step = company.form.unit_step
    units_by_amount = steps.add(
        "units_by_amount",
        "Units the amount buys",
        f"amount ÷ applicable price, rounded down to {fmt(step)} {company.form.unit_name}",
        f"{fmt(amount)} ÷ {fmt(price)}",
        floor_div_to_step(amount, price, step),
        "unit",
    )
    new_investor_units = sum(investor_units.values(), ZERO)
    base = steps.add(
        "base_units",
        "Units after the round, before this conversion",
        "units before the round + investors' new units + other conversions in the round",
        f"{fmt(company.units)} + {fmt(new_investor_units)} + {fmt(other_new)}",
        company.units + new_investor_units + other_new,
        "unit",
    )
    held = company.holder_units + holder_new
    limits = [(BindingLimit.AMOUNT, units_by_amount)]
    units_max_stake = units_max_largest = None
    if terms.max_stake_percent is not None:
        m = terms.max_stake_percent
        units_max_stake = steps.add(
            "units_max_stake",
            "Most units within the maximum stake",
            "(max % × base units − 100 × holder's units) ÷ (100 − max %), rounded down",
            f"({fmt(m)} × {fmt(base)} − 100 × {fmt(held)}) ÷ (100 − {fmt(m)})",
            floor_div_to_step(m * base - HUNDRED * held, HUNDRED - m, step),
            "unit",
        )
        limits.append((BindingLimit.MAX_STAKE, units_max_stake))
    if terms.never_largest_holder:
        name, largest = _largest_other_holder(company, investor_units, other_new - holder_new)
        steps.add(
            "largest_other_holder",
            "Largest other holder after the round",
            "largest of the other holdings, each with its new units",
            name,
            largest,
            "unit",
        )
        units_max_largest = steps.add(
            "units_max_largest",
            "Most units while staying below the largest holder",
            "largest other holding − holder's units − one unit step (never below 0)",
            f"{fmt(largest)} − {fmt(held)} − {fmt(step)}",
            max(ZERO, largest - held - step),
            "unit",
        )
        limits.append((BindingLimit.LARGEST_HOLDER, units_max_largest))
    binding, units = min(limits, key=lambda c: c[1])
    steps.add(
        "units",
        "Units converted",
        "smallest of the units the amount buys and the stake limits",
        "; ".join(f"{b.value} {fmt(u)}" for b, u in limits) + f" → {binding.value}",
        units,
        "unit",
    )
    value = steps.add(
        "conversion_value",
        "Value of the units at the applicable price",
        "units × applicable price",
        f"{fmt(units)} × {fmt(price)}",
        units * price,
        "yuan",
    )
    converted = steps.add(
        "amount_converted",
        "Amount converted",
        "value of the units, rounded up to the fen (never above the amount)",
        fmt(value),
        fen_ceiling(value),
        "yuan",
    )
    full = fen_ceiling(units_by_amount * price)
    remainder = steps.add(
        "rounding_remainder",
        "Rounding remainder",
        "amount − units the amount buys × price (rounded up to the fen)",
        f"{fmt(amount)} − {fmt(full)}",
        amount - full,
        "yuan",
    )
    excess = steps.add(
        "excess_amount",
        "Excess above the stake limits",
        "(units the amount buys − units converted) × price, to the fen",
        f"{fmt(full)} − {fmt(converted)}",
        full - converted,
        "yuan",
    )
    residual = steps.add(
        "residual_amount",
        "Residual (not converted)",
        "amount − amount converted",
        f"{fmt(amount)} − {fmt(converted)}",
        amount - converted,
        "yuan",
    )
    steps.add(
        "residual_treatment",
        "What happens to the residual",
        "as the terms say: repay, keep_as_claim or write_off",
        terms.residual_treatment.value,
        terms.residual_treatment,
        "text",
    )
    post = steps.add(
        "post_units",
        "Units after the round and this conversion",
        "base units + units converted",
        f"{fmt(base)} + {fmt(units)}",
        base + units,
        "unit",
    )
    before = steps.add(
        "stake_before",
        "Holder's stake before the round",
        "holder's units ÷ units before the round × 100, truncated to 0.0001 %",
        f"{fmt(company.holder_units)} ÷ {fmt(company.units)} × 100",
        stake_percent(company.holder_units, company.units),
        "percent",
    )
    after_units = held + units
    after = steps.add(
        "stake_after",
        "Holder's stake after the round",
        "(holder's units + units converted) ÷ post-money units × 100, truncated to 0.0001 %",
        f"({fmt(held)} + {fmt(units)}) ÷ {fmt(post)} × 100",
        stake_percent(after_units, post),
        "percent",
    )
    return {
        "state_after": _state_after(units, terms.residual_treatment),
        "units_by_amount": units_by_amount,
        "units_max_stake": units_max_stake,
        "units_max_largest": units_max_largest,
        "units": units,
        "binding_limit": binding,
        "amount_converted": converted,
        "rounding_remainder": remainder,
        "excess_amount": excess,
        "residual_amount": residual,
        "residual_treatment": terms.residual_treatment,
        "units_before": company.units,
        "post_units": post,
        "holder_units_before": company.holder_units,
        "holder_units_after": after_units,
        "stake_before_percent": before,
        "stake_after_percent": after,
    }


def _state_after(units: Decimal, treatment: ResidualTreatment) -> PositionState:
    """Converted if any unit was allotted; if none could be (the holder is already at a
    limit, or the amount buys less than one unit), the whole amount is residual, so the
    position ends as the residual treatment says — or stays open when kept as a claim."""
    if units > 0:
        return PositionState.CONVERTED
    return {
        ResidualTreatment.REPAY: PositionState.REPAID,
        ResidualTreatment.WRITE_OFF: PositionState.WRITTEN_OFF,
        ResidualTreatment.KEEP_AS_CLAIM: PositionState.OPEN,
    }[treatment]


def _largest_other_holder(
    company: CapTable, investor_units: dict, others_converting: Decimal
) -> tuple[str, Decimal]:
    """Name and units of the largest holding other than the programme holder's.

    A round investor who already holds is matched by name. Units nobody itemised count
    as one holder, and so do other positions converting in the round: the cautious
    reading, since they might belong to one party.
    """
    holdings = {h.name: h.units for h in company.holders}
    for name, units in investor_units.items():
        holdings[name] = holdings.get(name, ZERO) + units
    if company.unlisted_units > 0:
        holdings["(holders not itemised)"] = company.unlisted_units
    if others_converting > 0:
        holdings["(other conversions in the round)"] = others_converting
    if not holdings:
        return "(none)", ZERO
    name = max(holdings, key=lambda n: holdings[n])
    return name, holdings[name]
