"""Worked conversions, each with its arithmetic written out, and the input the kernel refuses."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from wusong.kernels.conversion import (
    BindingLimit,
    CapTable,
    CompanyForm,
    ConversionInputError,
    Holder,
    Instrument,
    Investor,
    Position,
    PositionNotOpenError,
    PositionState,
    PriceRule,
    ResidualTreatment,
    Round,
    Terms,
    conversion_compute,
    conversion_preview,
    price_from_valuation,
)


def terms(**overrides) -> Terms:
    values = {
        "agreement_date": dt.date(2024, 1, 10),
        "deadline": dt.date(2026, 12, 31),
        "fallback": "write_off",
        "min_new_money": D("5000000"),
    }
    values.update(overrides)
    return Terms(**values)


def joint_stock_round(**overrides) -> Round:
    """10,000,000 shares before; pre-money 100,000,000 → 10 yuan a share; one VC puts in
    20,000,000 and takes 2,000,000 new shares."""
    values = {
        "date": dt.date(2025, 6, 30),
        "company": CapTable(CompanyForm.JOINT_STOCK, D("10000000")),
        "investors": (Investor("Hongshan Capital", D("20000000"), market=True),),
        "pre_money_valuation": D("100000000"),
    }
    values.update(overrides)
    return Round(**values)


def test_llc_round_priced_per_yuan_of_registered_capital():
    # An LLC with 10,000,000 yuan of registered capital; pre-money 150,000,000, so one
    # yuan of registered capital costs 150,000,000 ÷ 10,000,000 = 15.000000 yuan.
    # The VC's 30,000,000 buys 30,000,000 ÷ 15 = 2,000,000.00 of registered capital.
    # Our 5,000,000 buys 5,000,000 ÷ 15 = 333,333.333… → 333,333.33 (down to the fen),
    # worth 333,333.33 × 15 = 4,999,999.95; the remainder 0.05 is repaid.
    # Post-money 10,000,000 + 2,000,000 + 333,333.33 = 12,333,333.33;
    # stake 333,333.33 ÷ 12,333,333.33 = 2.70270…% → 2.7027 %.
    company = CapTable(CompanyForm.LLC, D("10000000"))
    financing = Round(
        dt.date(2025, 3, 1),
        company,
        (Investor("Huaying Capital", D("30000000"), market=True),),
        pre_money_valuation=D("150000000"),
    )
    result = conversion_compute(Position(D("5000000")), terms(), financing)
    assert result.qualifying
    assert result.unit_step == D("0.01")
    assert result.round_price == D("15.000000")
    assert result.price_rule is PriceRule.ROUND_PRICE
    assert result.investor_units == D("2000000.00")
    assert result.units == D("333333.33")
    assert result.amount_converted == D("4999999.95")
    assert result.rounding_remainder == D("0.05")
    assert result.residual_amount == D("0.05")
    assert result.residual_treatment is ResidualTreatment.REPAY
    assert result.post_units == D("12333333.33")
    assert result.stake_before_percent == D("0")
    assert result.stake_after_percent == D("2.7027")
    assert result.state_after is PositionState.CONVERTED


def test_joint_stock_round_priced_per_share():
    # 20,000,000 shares before, the round sells shares at 3.70. The VC's 18,500,000 buys
    # 18,500,000 ÷ 3.70 = 5,000,000 shares. Our 1,000,000 buys 1,000,000 ÷ 3.70 =
    # 270,270.27… → 270,270 whole shares, worth 270,270 × 3.70 = 999,999.00, leaving 1.00.
    # Post-money 20,000,000 + 5,000,000 + 270,270 = 25,270,270 shares;
    # stake 270,270 ÷ 25,270,270 = 1.069518…% → 1.0695 %.
    financing = Round(
        dt.date(2025, 9, 1),
        CapTable("joint_stock", "20000000"),
        (Investor("Lingang Fund", "18500000", market=True),),
        price_per_unit="3.70",
    )
    result = conversion_compute(Position("1000000"), terms(), financing)
    assert result.unit_step == D(1)
    assert result.units == D("270270")
    assert result.amount_converted == D("999999.00")
    assert result.rounding_remainder == D("1.00")
    assert result.post_units == D("25270270")
    assert result.stake_after_percent == D("1.0695")


def test_a_price_at_a_valuation_is_valuation_over_units_to_a_millionth_half_up():
    assert price_from_valuation(D("10000000"), D("3000000")) == D("3.333333")
    assert price_from_valuation(D("2"), D("3")) == D("0.666667")
    assert price_from_valuation(D("1.0000005"), D("1")) == D("1.000001")


def test_round_price_only():
    # No discount, no cap ("at market price"): 2,000,000 ÷ 10 = 200,000 shares, no
    # remainder. Post-money 10,000,000 + 2,000,000 + 200,000 = 12,200,000;
    # stake 200,000 ÷ 12,200,000 = 1.639344…% → 1.6393 %.
    result = conversion_compute(Position("2000000"), terms(), joint_stock_round())
    assert result.price_rule is PriceRule.ROUND_PRICE
    assert result.discount_price is None and result.cap_price is None
    assert result.applicable_price == D("10.000000")
    assert result.units == D("200000")
    assert result.residual_amount == D("0.00")
    assert result.stake_after_percent == D("1.6393")
    keys = [step.key for step in result.steps]
    assert keys[:3] == ["amount", "round_price", "applicable_price"]
    assert "discount_price" not in keys


def test_discount():
    # 20 % off the round price: 10 × (100 − 20) ÷ 100 = 8.000000 a share;
    # 2,000,000 ÷ 8 = 250,000 shares (the round price would give 200,000).
    # Stake 250,000 ÷ (12,000,000 + 250,000) = 2.040816…% → 2.0408 %.
    result = conversion_compute(
        Position("2000000"), terms(discount_percent="20"), joint_stock_round()
    )
    assert result.discount_price == D("8.000000")
    assert result.price_rule is PriceRule.DISCOUNT
    assert result.units == D("250000")
    assert result.stake_after_percent == D("2.0408")


def test_cap():
    # Cap 60,000,000 on 10,000,000 shares: 6.000000 a share, below the round's 10.
    # 2,000,000 ÷ 6 = 333,333.33… → 333,333 shares, worth 1,999,998.00; remainder 2.00.
    result = conversion_compute(
        Position("2000000"), terms(valuation_cap="60000000"), joint_stock_round()
    )
    assert result.cap_price == D("6.000000")
    assert result.price_rule is PriceRule.CAP
    assert result.units == D("333333")
    assert result.amount_converted == D("1999998.00")
    assert result.rounding_remainder == D("2.00")


def test_cap_above_the_round_price_changes_nothing():
    # Cap 150,000,000 → 15 a share, dearer than the round's 10: the round price applies.
    result = conversion_compute(
        Position("2000000"), terms(valuation_cap="150000000"), joint_stock_round()
    )
    assert result.price_rule is PriceRule.ROUND_PRICE
    assert result.units == D("200000")


def test_cap_and_discount_together_the_lower_price_wins():
    # Discount 20 % → 8.00; cap 90,000,000 → 9.00: the discount wins, 250,000 shares.
    result = conversion_compute(
        Position("2000000"),
        terms(discount_percent="20", valuation_cap="90000000"),
        joint_stock_round(),
    )
    assert (result.discount_price, result.cap_price) == (D("8.000000"), D("9.000000"))
    assert result.price_rule is PriceRule.DISCOUNT
    assert result.units == D("250000")
    # Discount 10 % → 9.00; cap 80,000,000 → 8.00: the cap wins, 250,000 shares.
    result = conversion_compute(
        Position("2000000"),
        terms(discount_percent="10", valuation_cap="80000000"),
        joint_stock_round(),
    )
    assert result.price_rule is PriceRule.CAP
    assert result.applicable_price == D("8.000000")
    assert result.units == D("250000")


def test_maximum_stake_the_excess_is_repaid():
    # 50,000,000 at 10 would buy 5,000,000 shares. The base after the round without us is
    # 10,000,000 + 2,000,000 = 12,000,000; at most 25 %:
    # x ≤ (25 × 12,000,000 − 100 × 0) ÷ (100 − 25) = 4,000,000 shares, and indeed
    # 4,000,000 ÷ (12,000,000 + 4,000,000) = 25 %. Converted 40,000,000; the excess
    # 10,000,000 is repaid.
    result = conversion_compute(
        Position("50000000"), terms(max_stake_percent="25"), joint_stock_round()
    )
    assert result.units_by_amount == D("5000000")
    assert result.units_max_stake == D("4000000")
    assert result.units == D("4000000")
    assert result.binding_limit is BindingLimit.MAX_STAKE
    assert result.amount_converted == D("40000000.00")
    assert result.excess_amount == D("10000000.00")
    assert result.rounding_remainder == D("0.00")
    assert result.residual_amount == D("10000000.00")
    assert result.stake_after_percent == D("25.0000")
    assert result.residual_claim(Position("50000000")) is None


def test_maximum_stake_the_excess_stays_as_a_claim():
    position = Position("50000000", Instrument.LEASE_FIRST)
    result = conversion_compute(
        position,
        terms(max_stake_percent="25", residual_treatment="keep_as_claim"),
        joint_stock_round(),
    )
    claim = result.residual_claim(position)
    assert claim == Position(D("10000000.00"), Instrument.LEASE_FIRST, PositionState.OPEN)
    assert result.position_after(position).state is PositionState.CONVERTED


def test_never_the_largest_holder_counts_each_holder_with_their_new_units():
    # LLC, 10,000,000 of registered capital: founders 3,000,000 each, employee platform
    # 4,000,000. Price 10; the VC's 10,000,000 buys 1,000,000. Largest other holder: the
    # platform, 4,000,000. We must stay strictly below: 4,000,000 − 0 − 0.01 = 3,999,999.99,
    # worth 39,999,999.90; the excess 50,000,000 − 39,999,999.90 = 10,000,000.10 is repaid.
    company = CapTable(
        CompanyForm.LLC,
        D("10000000"),
        holders=(
            Holder("Founder Li", D("3000000")),
            Holder("Founder Wang", D("3000000")),
            Holder("Employee platform", D("4000000")),
        ),
    )
    financing = Round(
        dt.date(2025, 6, 30),
        company,
        (Investor("VC", D("10000000"), market=True),),
        price_per_unit=D(10),
    )
    result = conversion_compute(Position("50000000"), terms(never_largest_holder=True), financing)
    assert result.units_max_largest == D("3999999.99")
    assert result.binding_limit is BindingLimit.LARGEST_HOLDER
    assert result.amount_converted == D("39999999.90")
    assert result.excess_amount == D("10000000.10")
    # With a 25 % maximum too: (25 × 11,000,000) ÷ 75 = 3,666,666.666… → 3,666,666.66.
    result = conversion_compute(
        Position("50000000"),
        terms(never_largest_holder=True, max_stake_percent=25),
        financing,
    )
    assert result.units == D("3666666.66")
    assert result.binding_limit is BindingLimit.MAX_STAKE


def test_an_investor_who_already_holds_is_counted_once_with_their_new_units():
    # Founder 5,000,000 of 10,000,000; the founder also puts 1,000,000 into the round at 10
    # (100,000 more). Largest: founder 5,100,000 → we may take 5,099,999 shares.
    company = CapTable("joint_stock", 10000000, holders=(Holder("Founder", 5000000),))
    financing = Round(
        "2025-06-30",
        company,
        (Investor("Founder", 1000000, market=False), Investor("VC", 9000000, market=True)),
        price_per_unit=10,
    )
    result = conversion_compute(Position("90000000"), terms(never_largest_holder=True), financing)
    assert result.units == D("5099999")


def test_existing_holding_and_other_conversions_count_towards_the_stake():
    # We already hold 1,000,000 of 10,000,000; another programme's position converts into
    # 500,000 in the same round. Base 10,000,000 + 2,000,000 + 500,000 = 12,500,000;
    # x ≤ (20 × 12,500,000 − 100 × 1,000,000) ÷ 80 = 1,875,000; then
    # (1,000,000 + 1,875,000) ÷ 14,375,000 = 20 %.
    financing = joint_stock_round(
        company=CapTable("joint_stock", 10000000, holder_units=1000000), other_new_units=500000
    )
    result = conversion_compute(Position("50000000"), terms(max_stake_percent=20), financing)
    assert result.units == D("1875000")
    assert result.stake_before_percent == D("10.0000")
    assert result.stake_after_percent == D("20.0000")
    assert result.holder_units_after == D("2875000")


def test_a_round_that_does_not_qualify_says_why_and_converts_nothing():
    financing = joint_stock_round(
        investors=(Investor("District guidance fund", D("3000000"), market=False),)
    )
    result = conversion_compute(Position("2000000"), terms(), financing)
    assert not result.qualifying
    assert {c.key for c in result.failed_checks} == {"check.new_money", "check.market_investor"}
    assert result.units is None
    assert result.state_after is PositionState.OPEN
    late = conversion_compute(Position("2000000"), terms(), joint_stock_round(date="2027-01-01"))
    assert [c.key for c in late.failed_checks] == ["check.deadline"]
    # On the deadline day itself the round still counts.
    assert conversion_compute(
        Position("2000000"), terms(), joint_stock_round(date="2026-12-31")
    ).qualifying


def test_converting_twice_is_impossible():
    position = Position("2000000")
    result = conversion_compute(position, terms(), joint_stock_round())
    converted = result.position_after(position)
    with pytest.raises(PositionNotOpenError, match="converted, not open"):
        conversion_compute(converted, terms(), joint_stock_round())
    with pytest.raises(PositionNotOpenError, match="written_off"):
        conversion_compute(position.with_state("written_off"), terms(), joint_stock_round())


def test_result_serialises_to_json_with_decimals_as_strings():
    result = conversion_compute(
        Position("2000000"), terms(discount_percent="20"), joint_stock_round()
    )
    data = json.loads(json.dumps(result.to_json()))
    assert data["units"] == "250000"
    assert data["applicable_price"] == "8.000000"
    assert data["price_rule"] == "discount"
    assert data["company_form"] == "joint_stock"
    step = next(s for s in data["steps"] if s["key"] == "discount_price")
    assert step == {
        "key": "discount_price",
        "label": "Discounted price",
        "formula": "round price × (100 − discount %) ÷ 100, to 0.000001 yuan",
        "working": "10.000000 × (100 − 20) ÷ 100",
        "value": "8.000000",
        "unit": "yuan_per_unit",
    }


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (lambda: Position("-5"), "position.amount", "more than zero"),
        (lambda: Position("0"), "position.amount", "more than zero"),
        (lambda: Position(0.1), "position.amount", "floats cannot hold yuan"),
        (lambda: Position("12.345"), "position.amount", "finer than one fen"),
        (lambda: Position("abc"), "position.amount", "not a number"),
        (lambda: Position("100", Instrument.GRANT), "position.instrument", "never converts"),
        (lambda: joint_stock_round(pre_money_valuation=None, price_per_unit="0"), "round.price_per_unit", "more than zero"),
        (lambda: joint_stock_round(price_per_unit="10"), "round.price_per_unit", "not both"),
        (lambda: joint_stock_round(investors=()), "round.investors", "at least one investor"),
        (lambda: joint_stock_round(investors=(Investor("VC", "-1", market=True),)), "round.investors[0].amount", "more than zero"),
        (lambda: CapTable("joint_stock", "100.5"), "company.units", "steps of 1"),
        (lambda: CapTable("llc", "0"), "company.units", "more than zero"),
        (lambda: CapTable("plc", "100"), "company.form", "not one of"),
        (lambda: CapTable("llc", "100", holders=(Holder("A", "80"), Holder("B", "30"))), "company.holders", "exceed"),
        (lambda: terms(deadline="2023-12-31"), "terms.deadline", "after the agreement date"),
        (lambda: terms(discount_percent="100"), "terms.discount_percent", "below 100"),
        (lambda: terms(max_stake_percent="0"), "terms.max_stake_percent", "above 0"),
        (lambda: terms(valuation_cap="-1"), "terms.valuation_cap", "more than zero"),
        (lambda: terms(fallback="convert_at_valuation"), "terms.fallback_valuation", "must give it"),
        (lambda: terms(fallback_valuation="1000"), "terms.fallback_valuation", "only applies"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_the_field_and_what_to_do(build, field, message):
    with pytest.raises(ConversionInputError, match=message) as caught:
        build()
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_a_round_dated_before_the_agreement_is_refused():
    with pytest.raises(ConversionInputError, match="before the agreement of 2024-01-10") as caught:
        conversion_compute(Position("100"), terms(), joint_stock_round(date="2023-12-01"))
    assert caught.value.field == "round.date"


def test_a_price_that_rounds_to_zero_is_refused():
    tiny = joint_stock_round(pre_money_valuation="1", company=CapTable("joint_stock", 10**8))
    with pytest.raises(ConversionInputError, match="rounds to zero"):
        conversion_compute(Position("100"), terms(), tiny)


@pytest.mark.parametrize(
    ("treatment", "state"),
    [("repay", "repaid"), ("write_off", "written_off"), ("keep_as_claim", "open")],
)
def test_a_holder_already_at_the_maximum_converts_nothing(treatment, state):
    # We hold 3,000,000 of 10,000,000 (30 %) before the round; the maximum is 25 %, so
    # (25 × 12,000,000 − 100 × 3,000,000) ÷ 75 = 0 units: the whole amount is residual and
    # the position ends as the residual treatment says.
    financing = joint_stock_round(company=CapTable("joint_stock", 10000000, holder_units=3000000))
    position = Position("2000000")
    result = conversion_compute(
        position, terms(max_stake_percent=25, residual_treatment=treatment), financing
    )
    assert result.units == 0
    assert result.excess_amount == result.residual_amount == D("2000000.00")
    assert result.state_after == state
    assert result.residual_claim(position) is None


def test_the_api_preview_takes_and_gives_json():
    # The LLC example above, as another system would post it.
    request = {
        "position": {"amount": "5000000.00", "instrument": "investment_first"},
        "terms": {
            "agreement_date": "2024-01-10",
            "deadline": "2026-12-31",
            "fallback": "repay",
            "min_new_money": "5000000",
        },
        "round": {
            "date": "2025-03-01",
            "company": {"form": "llc", "units": "10000000", "holders": []},
            "investors": [{"name": "Huaying Capital", "amount": "30000000", "market": True}],
            "pre_money_valuation": "150000000",
        },
    }
    data = conversion_preview(json.loads(json.dumps(request)))
    assert (data["units"], data["amount_converted"], data["residual_amount"]) == (
        "333333.33",
        "4999999.95",
        "0.05",
    )
    json.dumps(data)


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda r: r.pop("terms"), "terms"),
        (lambda r: r["position"].pop("amount"), "position.amount"),
        (lambda r: r["round"].update(valuation="1"), "round.valuation"),
        (lambda r: r["round"]["investors"][0].update(share="1"), "round.investors[0].share"),
        (lambda r: r["round"].update(company="llc"), "round.company"),
        (lambda r: r["position"].update(amount="1e20"), "position.amount"),
        (lambda r: r["terms"].update(never_largest_holder="no"), "terms.never_largest_holder"),
        (lambda r: r["round"]["investors"][0].update(market=1), "round.investors[0].market"),
        (lambda r: r["round"]["investors"][0].pop("market"), "round.investors[0].market"),
    ],
)
def test_the_api_preview_names_the_bad_field(mutate, field):
    request = {
        "position": {"amount": "100"},
        "terms": {"agreement_date": "2024-01-10", "deadline": "2026-12-31", "fallback": "repay"},
        "round": {
            "date": "2025-03-01",
            "company": {"form": "llc", "units": "100"},
            "investors": [{"name": "VC", "amount": "100", "market": True}],
            "price_per_unit": "1",
        },
    }
    mutate(request)
    with pytest.raises(ConversionInputError) as caught:
        conversion_preview(request)
    assert caught.value.field == field
