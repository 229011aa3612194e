"""The whole path an investment manager walks: approval → agreement → two disbursements →
a qualifying round → preview → confirmed conversion → holding → exit, for a limited
liability company (priced per yuan of registered capital) and a joint-stock company
(priced per share)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from wusong.audit.services import audit_history
from wusong.equity import selectors, services
from wusong.equity.models import CapTableLine, Conversion, Holding, PoolReturn
from wusong.equity.workflow import HoldingState, PositionState
from wusong.kernels.conversion import conversion_preview as kernel_preview

from .conftest import TODAY, World

pytestmark = pytest.mark.django_db


def test_llc_from_approval_to_exit(world):
    # Paid out: 2,915,000 + 1,985,000 = 4,900,000 yuan (the first tranche).
    # The company: an LLC with 10,000,000 yuan of registered capital (张明 60 %, the
    # university's asset company 40 %). Round A: pre-money 150,000,000, so one yuan of
    # registered capital costs 150,000,000 ÷ 10,000,000 = 15.000000 yuan; 华映资本 puts in
    # 30,000,000 for 2,000,000.00 of registered capital.
    # Our 4,900,000 ÷ 15 = 326,666.666… → 326,666.66 (down to the fen), worth
    # 326,666.66 × 15 = 4,899,999.90; the remainder 0.10 is repaid to the pool.
    # Post-money 10,000,000 + 2,000,000 + 326,666.66 = 12,326,666.66;
    # stake 326,666.66 ÷ 12,326,666.66 = 2.650081…% → 2.6500 %.
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    assert financing_round.round_price == D("15.000000")
    assert financing_round.units_before == D("10000000.00")

    preview = selectors.conversion_preview(world.staff, position, financing_round)
    result = preview["result"]
    assert result["qualifying"] is True
    assert result["units"] == "326666.66"
    assert result["amount"] == "4900000.00"
    assert result["amount_converted"] == "4899999.90"
    assert result["residual_amount"] == "0.10"
    assert result["stake_after_percent"] == "2.6500"
    assert [s["key"] for s in result["steps"]][:3] == ["amount", "round_price", "applicable_price"]
    assert not Conversion.objects.exists()  # a preview writes nothing

    conversion = services.conversion_confirm(world.staff, position, financing_round)
    position.refresh_from_db()
    assert position.state == PositionState.CONVERTED
    assert position.amount == D("4900000.00") and position.repayable_amount == D("0.10")
    assert conversion.units == D("326666.66") and conversion.price == D("15.000000")
    # The stored inputs redo the conversion exactly.
    redo = kernel_preview({k: conversion.inputs[k] for k in ("position", "terms", "round")})
    assert redo == conversion.result
    assert PoolReturn.objects.get(kind="residual").amount == D("0.10")

    holding = Holding.objects.get()
    assert (holding.units, holding.cost, holding.unit_class) == (
        D("326666.66"),
        D("4899999.90"),
        "registered_capital",
    )
    line = CapTableLine.objects.get(organisation=world.holder)
    assert line.units == D("326666.66")
    world.company.equity_profile.refresh_from_db()
    assert world.company.equity_profile.units == D("12326666.66")

    # Mark at the last round's price: 326,666.66 × 15 = 4,899,999.90; multiple 1.00.
    row = selectors.holdings(world.staff)[0]
    assert row["mark"] == D("15.000000") and row["value"] == D("4899999.90")
    assert row["multiple"] == D("1.00")

    # Transfer everything at 20 yuan per unit: proceeds 326,666.66 × 20 = 6,533,333.20;
    # gain 6,533,333.20 − 4,899,999.90 = 1,633,333.30; the team's 50 % share of the gain
    # is 816,666.65; 6,533,333.20 − 816,666.65 = 5,716,666.55 returns to the pool.
    sale = services.exit_record(
        world.staff,
        holding,
        kind="transfer",
        date=dt.date(2027, 6, 30),
        units=D("326666.66"),
        proceeds=D("6533333.20"),
        counterparty="临港科创基金",
        today=TODAY,
    )
    assert sale.realised_gain == D("1633333.30")
    assert sale.team_reward == D("816666.65")
    assert sale.returned_to_pool == D("5716666.55")
    holding.refresh_from_db()
    assert holding.state == HoldingState.EXITED and holding.units == 0 and holding.cost == 0
    assert CapTableLine.objects.get(name="临港科创基金").units == D("326666.66")
    assert PoolReturn.objects.get(kind="exit").amount == D("5716666.55")
    assert [e.action for e in audit_history(position)] == ["opened", "converted"]
    assert [e.action for e in audit_history(holding)] == ["exit_transfer"]


def test_joint_stock_company_priced_per_share():
    # 20,000,000 shares; the round sells shares at 3.70. 临港基金's 18,500,000 buys
    # 18,500,000 ÷ 3.70 = 5,000,000 shares. Paid out 600,000 + 400,000 = 1,000,000;
    # 1,000,000 ÷ 3.70 = 270,270.27… → 270,270 whole shares, worth 270,270 × 3.70 =
    # 999,999.00, leaving 1.00. Post-money 25,270,270 shares; stake 1.0695 %.
    world = World(
        total=D("2000000.00"),
        first=D("1000000.00"),
        payments=(D("600000.00"), D("400000.00")),
        company_status="jsc",
    )
    world.equity(form="joint_stock", units=D("20000000"))
    position = world.open_position()
    financing_round = world.round(
        pre_money_valuation=None,
        price_per_unit=D("3.70"),
        investors=[{"name": "临港基金", "amount": D("18500000.00"), "market": True}],
    )
    assert financing_round.investors.get().units == D("5000000")
    conversion = services.conversion_confirm(world.staff, position, financing_round)
    assert conversion.units == D("270270")
    assert conversion.amount_converted == D("999999.00")
    assert conversion.residual_amount == D("1.00")
    assert conversion.stake_after_percent == D("1.0695")
    holding = Holding.objects.get()
    assert holding.unit_class == "ordinary_shares" and holding.units == D("270270")

    # A buy-back by the team of half the shares at cost plus 5 % a year: cost of the
    # 135,135 shares is 999,999.00 × ½ = 499,999.50.
    quote = selectors.buyback_quote(holding, "5", dt.date(2027, 9, 30))
    # 999,999.00 × (1 + 5 % × 365 ÷ 365) = 1,049,998.95
    assert quote == D("1049998.95")
    sale = services.exit_record(
        world.staff,
        holding,
        kind="buyback",
        date=dt.date(2027, 9, 30),
        units=D("135135"),
        proceeds=D("524999.48"),
        counterparty="张明",
        team_reward_percent=D("0"),
        today=TODAY,
    )
    assert sale.cost == D("499999.50") and sale.realised_gain == D("24999.98")
    holding.refresh_from_db()
    assert holding.state == HoldingState.HELD and holding.units == D("135135")
