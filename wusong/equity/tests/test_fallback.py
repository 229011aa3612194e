"""The deadline fallback under each rule: shown ahead, due from the day after the
deadline, applied by the scheduled job, each position once."""

import datetime as dt
from decimal import Decimal as D

import pytest

from wusong.equity import selectors, services
from wusong.equity.models import Conversion, Holding, PoolReturn
from wusong.equity.workflow import PositionState
from wusong.errors import ActionRefused
from wusong.funding.models import Agreement

from .conftest import TERMS, World

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2028, 12, 31)
AFTER = dt.date(2029, 1, 1)


def test_write_off_is_shown_ahead_and_applied_by_the_job(world):
    world.equity()
    position = world.open_position()
    upcoming = selectors.fallbacks_upcoming(dt.date(2028, 11, 1), within_days=90)
    assert [u["position"] for u in upcoming] == [position]
    assert upcoming[0]["rule"] == "write_off" and upcoming[0]["due"] is True  # as of the day after
    assert selectors.fallbacks_due(DEADLINE) == []  # a round may close on the day itself
    with pytest.raises(ActionRefused, match="has not passed"):
        services.fallback_apply(world.staff, position, DEADLINE)

    [due] = selectors.fallbacks_due(AFTER)
    assert due["result"]["written_off_amount"] == "4900000.00"
    outcomes = services.fallback_apply_due(world.staff, AFTER)
    assert [(o["applied"], o["state"]) for o in outcomes] == [(True, PositionState.WRITTEN_OFF)]
    position.refresh_from_db()
    assert position.written_off_amount == D("4900000.00") and position.amount == D("4900000.00")
    assert position.fallback_result["result"]["rule"] == "write_off"
    assert services.fallback_apply_due(world.staff, AFTER) == []  # nothing left


def test_repay_returns_the_amount_to_the_pool():
    world = World(terms={**TERMS, "fallback": "repay"})
    position = world.open_position()
    services.fallback_apply(world.staff, position, AFTER)
    position.refresh_from_db()
    assert position.state == PositionState.REPAID
    assert position.repayable_amount == D("4900000.00")
    pool = PoolReturn.objects.get()
    assert (pool.kind, pool.amount, pool.date) == ("repayment", D("4900000.00"), AFTER)


def test_convert_at_the_agreed_valuation():
    # Agreed valuation 80,000,000 over 10,000,000 yuan of registered capital = 8 yuan per
    # unit; 4,900,000 ÷ 8 = 612,500.00 units exactly, no residual.
    # Stake 612,500 ÷ (10,000,000 + 612,500) = 5.771495…% → 5.7714 %.
    world = World(
        terms={**TERMS, "fallback": "convert_at_valuation", "fallback_valuation": "80000000"}
    )
    position = world.open_position()
    outcomes = services.fallback_apply_due(world.staff, AFTER)
    assert outcomes[0]["applied"] is False and "equity first" in outcomes[0]["error"]
    world.equity()
    services.fallback_apply_due(world.staff, AFTER)
    conversion = Conversion.objects.get()
    assert conversion.kind == "fallback" and conversion.financing_round is None
    assert conversion.price == D("8.000000") and conversion.units == D("612500.00")
    assert conversion.residual_amount == D("0.00")
    assert conversion.stake_after_percent == D("5.7714")
    holding = Holding.objects.get()
    assert holding.acquired_on == AFTER and holding.cost == D("4900000.00")
    position.refresh_from_db()
    assert position.state == PositionState.CONVERTED


def test_the_daily_command_applies_due_fallbacks(world):
    from io import StringIO

    from django.core.management import call_command

    from wusong.factories import UserFactory

    position = world.open_position()
    UserFactory(username="system-admin", roles=["administrator"])
    out = StringIO()
    call_command("fallbacks_apply_due", "--as-of", "2028-12-31", stdout=out)
    assert "0 fallback(s) applied" in out.getvalue()
    call_command("fallbacks_apply_due", "--as-of", "2029-01-01", stdout=out)
    assert "1 fallback(s) applied" in out.getvalue()
    position.refresh_from_db()
    assert position.state == PositionState.WRITTEN_OFF


def test_no_fallback_while_a_recorded_round_qualifies(world):
    world.equity()
    position = world.open_position()
    financing_round = world.round()  # qualifies, but nobody confirmed the conversion
    [due] = selectors.fallbacks_due(AFTER)
    assert "confirm the conversion" in due["error"]
    outcomes = services.fallback_apply_due(world.staff, AFTER)
    assert outcomes[0]["applied"] is False
    position.refresh_from_db()
    assert position.state == PositionState.OPEN
    services.conversion_confirm(world.staff, position, financing_round)
    assert selectors.fallbacks_due(AFTER) == []


def test_the_due_fallbacks_are_found_by_the_deadline_column(world):
    position = world.open_position()
    # The column, which the services keep with the terms, decides what is due.
    Agreement.objects.filter(pk=world.agreement.pk).update(conversion_deadline=dt.date(2027, 6, 30))
    assert [d["position"] for d in selectors.fallbacks_due(dt.date(2027, 7, 1))] == [position]
    assert selectors.fallbacks_due(dt.date(2027, 6, 30)) == []


def test_an_agreement_whose_deadline_cannot_be_read_is_reported_not_passed_over(client, caplog):
    from io import StringIO

    from django.core.management import call_command
    from django.urls import reverse

    from wusong.factories import UserFactory, officer

    world = World()
    position = world.open_position()
    # Terms recorded before the deadline had its column, which the migration could not read.
    Agreement.objects.filter(pk=world.agreement.pk).update(
        terms={**TERMS, "deadline": "2028-12-32"}, conversion_deadline=None
    )
    assert selectors.fallbacks_due(AFTER) == []
    [unread] = selectors.deadlines_unread()
    assert unread["agreement"] == world.agreement
    assert unread["reason"] == "terms.deadline: '2028-12-32' is not a date like 2025-06-30"

    UserFactory(username="system-admin", roles=["administrator"])
    out, err = StringIO(), StringIO()
    call_command("fallbacks_apply_due", "--as-of", "2029-01-01", stdout=out, stderr=err)
    assert "0 fallback(s) applied" in out.getvalue()
    assert world.agreement.reference in err.getvalue() and "2028-12-32" in err.getvalue()
    assert world.agreement.reference in caplog.text and "cannot be read" in caplog.text
    position.refresh_from_db()
    assert position.state == PositionState.OPEN

    client.force_login(world.staff)
    page = client.get(reverse("equity:portfolio")).content.decode()
    assert 'id="deadlines-unread"' in page and world.agreement.reference in page
    assert selectors.deadlines_unread(world.staff) == [unread]
    assert selectors.deadlines_unread(officer()) == []  # another programme's officer
