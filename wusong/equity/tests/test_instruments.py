"""What converts under each convertible instrument: money paid out, the investment part
of allocation plus investment, accrued rent, accrued service fees; and a residual kept
as a claim that a later round converts."""

import datetime as dt
from decimal import Decimal as D

import pytest

from wusong.equity import selectors, services
from wusong.equity.models import ConvertiblePosition, Holding
from wusong.equity.workflow import PositionState
from wusong.funding import services as funding_services

from .conftest import TERMS, World

pytestmark = pytest.mark.django_db


def test_lease_first_converts_18_months_of_accrued_rent_with_a_rent_change():
    # 500 m² from 2026-01-01 at 60 yuan/m²/month, 66 from 2026-07-01. Through the round
    # of 2027-06-30: 6 × 500 × 60 = 180,000 and 12 × 500 × 66 = 396,000, so 576,000.
    # At the round price of 15: 576,000 ÷ 15 = 38,400.00 units exactly.
    lease = {
        "area_m2": "500",
        "monthly_rent_per_m2": "60",
        "start": "2026-01-01",
        "changes": [{"effective": "2026-07-01", "monthly_rent_per_m2": "66"}],
    }
    world = World(
        instrument="lease_first",
        total=D("1000000.00"),
        first=D("500000.00"),
        payments=(),
        terms={**TERMS, "lease": lease},
    )
    world.equity()
    position = world.open_position()
    financing_round = world.round(date=dt.date(2027, 6, 30))
    preview = selectors.conversion_preview(world.staff, position, financing_round)
    assert preview["basis"]["accrual"]["total"] == "576000.00"
    assert len(preview["basis"]["accrual"]["lines"]) == 18
    conversion = services.conversion_confirm(world.staff, position, financing_round)
    assert conversion.amount == D("576000.00") and conversion.units == D("38400.00")


def test_services_first_converts_the_fees_recorded_by_the_round():
    # Fees of 120,000.00 and 80,000.50 before the round of 2026-09-30 (the one of
    # 2026-11-01 comes after it): 200,000.50 ÷ 15 = 13,333.366… → 13,333.36 units,
    # worth 200,000.40; 0.10 is repaid.
    world = World(
        instrument="services_first", total=D("500000.00"), first=D("250000.00"), payments=()
    )
    for day, amount, ref in [
        (dt.date(2026, 2, 1), "120000.00", "F-1"),
        (dt.date(2026, 5, 1), "80000.50", "F-2"),
        (dt.date(2026, 11, 1), "50000.00", "F-3"),
    ]:
        funding_services.service_fee_record(
            world.staff, world.agreement, date=day, amount=D(amount), provider="知识产权服务中心",
            reference=ref,
        )  # fmt: skip
    world.equity()
    position = world.open_position()
    conversion = services.conversion_confirm(world.staff, position, world.round())
    assert conversion.amount == D("200000.50")
    assert conversion.units == D("13333.36") and conversion.residual_amount == D("0.10")


def test_allocation_plus_investment_converts_only_the_investment_part():
    # 10,000,000 in all, 4,000,000 of it a grant, taken as paid first. Paid out
    # 4,900,000, so 900,000 is investment: 900,000 ÷ 15 = 60,000.00 units.
    world = World(instrument="allocation_plus_investment", grant_amount=D("4000000.00"))
    world.equity()
    position = world.open_position()
    conversion = services.conversion_confirm(world.staff, position, world.round())
    assert conversion.amount == D("900000.00") and conversion.units == D("60000.00")


def test_a_residual_kept_as_a_claim_converts_in_a_later_round():
    # A 2 % maximum stake. Round A: base 10,000,000 + 2,000,000 = 12,000,000 units;
    # at most (2 × 12,000,000 − 100 × 0) ÷ 98 = 244,897.959… → 244,897.95 units, worth
    # 244,897.95 × 15 = 3,673,469.25. The other 1,226,530.75 stays a claim.
    world = World(terms={**TERMS, "max_stake_percent": "2", "residual_treatment": "keep_as_claim"})
    world.equity()
    position = world.open_position()
    first = services.conversion_confirm(world.staff, position, world.round())
    assert first.units == D("244897.95") and first.amount_converted == D("3673469.25")
    assert first.result["binding_limit"] == "max_stake"
    claim = ConvertiblePosition.objects.get(residual_of=position)
    assert claim.state == PositionState.OPEN and claim.claim_amount == D("1226530.75")

    second_round = world.round(
        date=dt.date(2027, 6, 30),
        name="B轮",
        pre_money_valuation=None,
        price_per_unit=D("20"),
        investors=[{"name": "临港科创基金", "amount": D("40000000.00"), "market": True}],
    )
    second = services.conversion_confirm(world.staff, claim, second_round)
    assert second.units > 0 and second.amount == D("1226530.75")
    assert D(second.result["stake_after_percent"]) <= D("2")
    assert Holding.objects.count() == 2
    world.company.equity_profile.refresh_from_db()
    ours = world.company.equity_profile.lines.get(organisation=world.holder)
    assert ours.units == first.units + second.units


def test_two_positions_in_one_company_convert_in_one_round(world):
    # Both agreements are the same holder's. The first converts 326,666.66 units (as in
    # the LLC example); the second, 1,000,000 paid, then counts them among the round's
    # other new units: 1,000,000 ÷ 15 = 66,666.666… → 66,666.66 units; post-money
    # 10,000,000 + 2,000,000 + 326,666.66 + 66,666.66 = 12,393,333.32.
    second = World(
        organisation=world.company,
        holder=world.holder,
        total=D("2000000.00"),
        first=D("1000000.00"),
        payments=(D("1000000.00"),),
    )
    world.equity()
    first_position = world.open_position()
    second_position = second.open_position()
    financing_round = world.round()
    proposals = selectors.round_proposals(world.staff, financing_round)
    assert [p["position"] for p in proposals] == [first_position]  # the one this officer runs
    proposals = selectors.round_proposals(second.staff, financing_round)
    assert [p["result"]["units"] for p in proposals] == ["66666.66"]
    services.conversion_confirm(world.staff, first_position, financing_round)
    conversion = services.conversion_confirm(second.staff, second_position, financing_round)
    assert conversion.inputs["round"]["other_new_units"] == "326666.66"
    assert conversion.inputs["round"]["holder_new_units"] == "326666.66"
    assert conversion.units == D("66666.66")
    assert conversion.result["post_units"] == "12393333.32"
    assert conversion.result["holder_units_after"] == "393333.32"
    world.company.equity_profile.refresh_from_db()
    assert world.company.equity_profile.units == D("12393333.32")
