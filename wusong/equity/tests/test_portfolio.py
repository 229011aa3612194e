"""The portfolio per batch and programme, and a company's cap table with our position."""

import datetime as dt
from decimal import Decimal as D

import pytest

from wusong.equity import selectors, services
from wusong.equity.models import Holding
from wusong.factories import CallFactory, ProgrammeFactory, leader

from .conftest import TODAY, World

pytestmark = pytest.mark.django_db


def test_portfolio_totals_per_batch_and_programme():
    programme = ProgrammeFactory()
    first = World(call=CallFactory(programme=programme, code="batch-1"))
    second = World(call=CallFactory(programme=programme, code="batch-2"))
    # Batch one converts 4,899,999.90 into 326,666.66 units and sells half of them
    # (163,333.33) for 3,000,000.00: cost 4,899,999.90 × ½ = 2,449,999.95 (to the fen),
    # gain 550,000.05, the team's 50 % is 275,000.02, so 2,724,999.98 + the 0.10
    # residual returns to the pool. The other half is held at cost 2,449,999.95 and at
    # mark 163,333.33 × 15 = 2,449,999.95.
    first.equity()
    position = first.open_position()
    services.conversion_confirm(first.staff, position, first.round())
    services.exit_record(
        first.staff, Holding.objects.get(), kind="transfer", date=dt.date(2027, 3, 31),
        units=D("163333.33"), proceeds=D("3000000.00"), counterparty="临港科创基金", today=TODAY,
    )  # fmt: skip
    # Batch two writes off its 4,900,000 at the deadline.
    services.fallback_apply(second.staff, second.open_position(), dt.date(2029, 1, 1))

    whole = selectors.portfolio(leader(), programme=programme)
    totals = whole["totals"]
    assert totals["agreements"] == 2
    assert totals["committed"] == D("20000000.00")
    assert totals["disbursed"] == D("9800000.00")
    assert totals["converted"] == D("4899999.90")
    assert totals["written_off"] == D("4900000.00")
    assert totals["repayable"] == D("0.10")
    assert totals["held_at_cost"] == D("2449999.95")
    assert totals["held_at_mark"] == D("2449999.95")
    assert totals["exited_at_cost"] == D("2449999.95")
    assert totals["proceeds"] == D("3000000.00")
    assert totals["realised_gain"] == D("550000.05")
    assert totals["team_reward"] == D("275000.02")
    assert totals["returned_to_pool"] == D("2725000.08")
    assert whole["by"] == "call"
    rows = {r["label"]: r for r in whole["rows"]}
    assert rows[str(first.decl.call)]["converted"] == D("4899999.90")
    assert rows[str(second.decl.call)]["written_off"] == D("4900000.00")
    batch = selectors.portfolio(first.staff, call=first.decl.call)["totals"]
    assert batch["committed"] == D("10000000.00") and batch["written_off"] == 0
    # An officer of the programme sees both batches; one of another programme, nothing.
    assert selectors.portfolio(second.staff)["totals"]["agreements"] == 2
    by_programme = selectors.portfolio(leader())
    assert by_programme["by"] == "programme" and len(by_programme["rows"]) == 1


def test_cap_table_shows_our_position_among_the_others(world):
    world.equity()
    position = world.open_position()
    services.conversion_confirm(world.staff, position, world.round())
    table = selectors.cap_table(world.staff, world.company)
    # 张明 6,000,000; the university's company 4,000,000; 华映资本 2,000,000; we hold
    # 326,666.66 of 12,326,666.66 = 2.6500 %, the fourth largest.
    assert [(x["name"], x["units"], x["ours"]) for x in table["lines"]] == [
        ("张明", D("6000000.00"), False),
        ("上海某大学资产经营有限公司", D("4000000.00"), False),
        ("华映资本", D("2000000.00"), False),
        ("上海宝山科技成果转化有限公司", D("326666.66"), True),
    ]
    assert table["our_stake_percent"] == D("2.6500") and table["our_rank"] == 4
    assert table["lines"][0]["stake_percent"] == D("48.6749")
    assert table["not_itemised"] == 0 and table["mark"] == D("15.000000")
    assert selectors.cap_table(leader(), world.company) is not None
    from wusong.factories import officer

    assert selectors.cap_table(officer(), world.company) is None
