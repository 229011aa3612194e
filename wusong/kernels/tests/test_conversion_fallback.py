"""The deadline fallback under each rule, worked out."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from wusong.kernels.conversion import (
    CapTable,
    ConversionInputError,
    Investor,
    Position,
    PositionNotOpenError,
    PositionState,
    PriceRule,
    Round,
    Terms,
    conversion_compute,
    fallback_apply,
    fallback_convert_at_valuation,
    fallback_due,
    fallback_repay,
    fallback_write_off,
)

AGREED = dt.date(2024, 1, 10)
DEADLINE = dt.date(2026, 12, 31)
AFTER = dt.date(2027, 1, 1)


def terms(fallback, **extra) -> Terms:
    return Terms(AGREED, DEADLINE, fallback, **extra)


def test_fallback_is_due_only_after_the_deadline_day():
    rule = terms("write_off")
    assert not fallback_due(rule, DEADLINE)
    assert fallback_due(rule, AFTER)


def test_write_off_at_the_deadline():
    # No qualifying round by 2026-12-31: the whole 3,000,000 becomes a grant.
    result = fallback_write_off(Position("3000000"), terms("write_off"), AFTER)
    assert result.due
    assert result.written_off_amount == D("3000000.00")
    assert result.repayable_amount == result.claim_amount == D(0)
    assert result.state_after is PositionState.WRITTEN_OFF
    assert [s.key for s in result.steps] == [
        "deadline",
        "fallback_due",
        "amount",
        "written_off_amount",
    ]


def test_repay_at_the_deadline():
    # The company repays the 3,000,000 (principal).
    result = fallback_apply(Position("3000000"), terms("repay"), AFTER)
    assert result.repayable_amount == D("3000000.00")
    assert result.written_off_amount == D(0)
    assert result.state_after is PositionState.REPAID


def test_convert_at_the_set_valuation():
    # Set valuation 30,000,000 on 5,000,000 yuan of registered capital: 6.000000 a yuan.
    # 2,000,000 ÷ 6 = 333,333.333… → 333,333.33, worth 1,999,999.98; 0.02 is repaid.
    # Stake 333,333.33 ÷ 5,333,333.33 = 6.2499999…% → 6.2499 %.
    rule = terms("convert_at_valuation", fallback_valuation="30000000")
    company = CapTable("llc", "5000000")
    result = fallback_convert_at_valuation(Position("2000000"), rule, AFTER, company)
    conversion = result.conversion
    assert conversion.price_rule is PriceRule.SET_VALUATION
    assert conversion.applicable_price == D("6.000000")
    assert conversion.units == D("333333.33")
    assert conversion.amount_converted == D("1999999.98")
    assert conversion.stake_after_percent == D("6.2499")
    assert result.repayable_amount == D("0.02")
    assert result.state_after is PositionState.CONVERTED
    json.dumps(result.to_json())


def test_convert_at_the_set_valuation_respects_the_maximum_stake():
    # 10,000,000 at 6 would buy 1,666,666.66; at most 20 % of the post-money allows
    # 20 × 5,000,000 ÷ 80 = 1,250,000.00, worth 7,500,000; 2,500,000 stays a claim.
    rule = terms(
        "convert_at_valuation",
        fallback_valuation="30000000",
        max_stake_percent="20",
        residual_treatment="keep_as_claim",
    )
    result = fallback_apply(Position("10000000"), rule, AFTER, CapTable("llc", "5000000"))
    assert result.conversion.units == D("1250000.00")
    assert result.claim_amount == D("2500000.00")
    assert result.conversion.stake_after_percent == D("20.0000")


def test_fallback_shown_ahead_of_time_is_not_yet_due():
    result = fallback_write_off(Position("3000000"), terms("write_off"), dt.date(2026, 6, 1))
    assert not result.due
    assert result.state_after is PositionState.WRITTEN_OFF


def test_fallback_refuses_the_wrong_rule_a_closed_position_and_missing_company():
    with pytest.raises(ConversionInputError, match="fallback is write_off, not repay"):
        fallback_repay(Position("100"), terms("write_off"), AFTER)
    with pytest.raises(PositionNotOpenError):
        fallback_write_off(Position("100", state="repaid"), terms("write_off"), AFTER)
    with pytest.raises(ConversionInputError, match="give the company's form"):
        fallback_apply(
            Position("100"), terms("convert_at_valuation", fallback_valuation="1000"), AFTER
        )
    with pytest.raises(ConversionInputError, match="before the agreement"):
        fallback_write_off(Position("100"), terms("write_off"), dt.date(2023, 1, 1))


def test_a_converted_position_has_no_fallback():
    position = Position("2000000")
    financing = Round(
        "2025-06-30",
        CapTable("llc", 10**7),
        (Investor("VC", 10**7, market=True),),
        price_per_unit="10",
    )
    result = conversion_compute(position, terms("repay"), financing)
    with pytest.raises(PositionNotOpenError):
        fallback_repay(result.position_after(position), terms("repay"), AFTER)
