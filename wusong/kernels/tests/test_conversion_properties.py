"""Properties every conversion keeps, over many generated positions, terms and rounds."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wusong.kernels.conversion import (
    BindingLimit,
    CapTable,
    CompanyForm,
    Holder,
    Investor,
    Position,
    PositionNotOpenError,
    Round,
    Terms,
    conversion_compute,
    fallback_apply,
)

AGREED = dt.date(2024, 1, 10)


def scaled(low: int, high: int, places: int):
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-places))


def units(form: CompanyForm, low: int, high: int):
    """A count of units on the company's grid (whole shares, or fen of capital)."""
    if form is CompanyForm.JOINT_STOCK:
        return st.integers(low, high).map(Decimal)
    return scaled(low * 100, high * 100, 2)


@st.composite
def cases(draw):
    form = draw(st.sampled_from(CompanyForm))
    before = draw(units(form, 1, 10**9))
    holder = draw(st.one_of(st.just(Decimal(0)), units(form, 0, 10**9))).min(before)
    listed = draw(st.lists(units(form, 1, 10**9), max_size=3))
    holders, room = [], before - holder
    for i, n in enumerate(listed):
        if n <= room:
            holders.append(Holder(f"H{i}", n))
            room -= n
    company = CapTable(form, before, tuple(holders), holder)
    investors = tuple(
        Investor(f"I{i}", amount, market=i == 0)
        for i, amount in enumerate(draw(st.lists(scaled(1, 10**11, 2), min_size=1, max_size=3)))
    )
    # Prices from 0.01 yuan a unit up; the cap lies between 1 % and 300 % of the round's
    # pre-money valuation, so no candidate price rounds to zero.
    price = draw(st.one_of(scaled(10**4, 10**9, 6), scaled(1, 10**4, 0)))
    other = draw(st.one_of(st.just(Decimal(0)), units(form, 0, 10**8)))
    pricing = {"price_per_unit": price}
    if draw(st.booleans()):
        pricing = {"pre_money_valuation": (price * before).quantize(Decimal("0.01"))}
    financing = Round(dt.date(2025, 6, 30), company, investors, other_new_units=other, **pricing)
    cap_factor = draw(st.none() | scaled(1, 300, 2))
    terms = Terms(
        AGREED,
        dt.date(2026, 12, 31),
        "write_off",
        discount_percent=draw(st.none() | scaled(1, 9999, 2)),
        valuation_cap=None if cap_factor is None else price * before * cap_factor,
        max_stake_percent=draw(st.none() | scaled(1, 9999, 2)),
        never_largest_holder=draw(st.booleans()),
    )
    amount = draw(scaled(1, 10**11, 2))
    return Position(amount), terms, financing


@settings(max_examples=300, deadline=None)
@given(cases())
def test_units_times_price_stay_within_the_amount_by_less_than_one_step(case):
    position, terms, financing = case
    result = conversion_compute(position, terms, financing)
    price, step = result.applicable_price, result.unit_step
    bought = result.units_by_amount * price
    assert bought <= position.amount
    assert position.amount - bought < step * price
    assert result.units * price <= bought
    if result.binding_limit is BindingLimit.AMOUNT:
        assert result.units == result.units_by_amount
    # Money is conserved: what converts plus the residual is the amount, to the fen.
    assert result.amount_converted + result.residual_amount == position.amount
    assert result.rounding_remainder + result.excess_amount == result.residual_amount
    assert min(result.rounding_remainder, result.excess_amount) >= 0
    assert result.units % step == 0


@settings(max_examples=300, deadline=None)
@given(cases())
def test_discount_and_cap_never_give_fewer_units_than_the_round_price(case):
    position, terms, financing = case
    plain = dataclasses.replace(terms, discount_percent=None, valuation_cap=None)
    with_terms = conversion_compute(position, terms, financing)
    at_round_price = conversion_compute(position, plain, financing)
    assert with_terms.applicable_price <= at_round_price.applicable_price
    assert with_terms.units_by_amount >= at_round_price.units_by_amount
    assert with_terms.units >= at_round_price.units


@settings(max_examples=300, deadline=None)
@given(cases())
def test_the_stake_never_exceeds_the_maximum_nor_the_largest_holder(case):
    position, terms, financing = case
    result = conversion_compute(position, terms, financing)
    mine = result.holder_units_after
    if terms.max_stake_percent is not None and result.units > 0:
        # Exact comparison, no division: mine ÷ post ≤ max ÷ 100.
        assert mine * 100 <= terms.max_stake_percent * result.post_units
        assert result.stake_after_percent <= terms.max_stake_percent
    if terms.never_largest_holder and result.units > 0:
        largest = next(s.value for s in result.steps if s.key == "largest_other_holder")
        assert mine < largest


@settings(max_examples=100, deadline=None)
@given(cases())
def test_converting_twice_is_impossible(case):
    position, terms, financing = case
    result = conversion_compute(position, terms, financing)
    after = result.position_after(position)
    with pytest.raises(PositionNotOpenError):
        conversion_compute(after, terms, financing)
    with pytest.raises(PositionNotOpenError):
        fallback_apply(after, terms, dt.date(2027, 1, 1))
