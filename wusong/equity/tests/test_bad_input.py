"""Bad input to the equity ledger is refused with a clear message and changes nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from wusong.audit.models import AuditEntry
from wusong.equity import selectors, services
from wusong.equity.models import (
    Conversion,
    ConvertiblePosition,
    EquityProfile,
    Exit,
    FinancingRound,
    Holding,
)
from wusong.equity.workflow import PositionState
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import approved_declaration, officer
from wusong.funding import services as funding_services
from wusong.funding.models import Agreement, Amendment

from .conftest import TERMS, TODAY, World

pytestmark = pytest.mark.django_db


class Unchanged:
    """Asserts that a block wrote nothing to the ledger or the audit history."""

    MODELS = (FinancingRound, Conversion, ConvertiblePosition, Holding, Exit, Amendment, AuditEntry)

    def __enter__(self):
        self.before = [m.objects.count() for m in self.MODELS]
        return self

    def __exit__(self, *exc):
        assert [m.objects.count() for m in self.MODELS] == self.before


@pytest.fixture
def ready(world):
    world.equity()
    world.open_position()
    return world


@pytest.mark.parametrize("amount", [D("0"), D("-5000000.00"), D("1.001")])
def test_a_round_with_a_zero_negative_or_finer_than_a_fen_amount_is_refused(ready, amount):
    with Unchanged(), pytest.raises(ValidationError) as refused:
        ready.round(investors=[{"name": "华映资本", "amount": amount, "market": True}])
    assert "investors[0].amount" in refused.value.message_dict


def test_a_round_dated_before_the_agreement_is_refused(ready):
    with Unchanged(), pytest.raises(ValidationError, match="before the agreement"):
        ready.round(date=dt.date(2025, 12, 31))


def test_a_round_priced_at_zero_per_share_is_refused(ready):
    with Unchanged(), pytest.raises(ValidationError) as refused:
        ready.round(pre_money_valuation=None, price_per_unit=D("0"))
    assert "more than zero" in str(refused.value.message_dict["round.price_per_unit"])


def test_a_round_in_the_future_or_with_stale_units_is_refused(ready):
    with Unchanged(), pytest.raises(ValidationError, match="once it has closed"):
        ready.round(date=dt.date(2028, 1, 1))
    with Unchanged(), pytest.raises(ValidationError, match="update its equity"):
        ready.round(units_before=D("9000000"))


def test_a_position_converts_once(ready):
    financing_round = ready.round()
    services.conversion_confirm(ready.staff, ready.position, financing_round)
    with Unchanged(), pytest.raises(ActionRefused, match="already converted"):
        services.conversion_confirm(ready.staff, ready.position, financing_round)
    with pytest.raises(ActionRefused, match="already converted"):
        selectors.conversion_preview(ready.staff, ready.position, financing_round)
    with Unchanged(), pytest.raises(ActionRefused, match="already converted"):
        services.fallback_apply(ready.staff, ready.position, dt.date(2029, 1, 1))


def test_a_written_off_position_does_not_convert(ready):
    services.fallback_apply(ready.staff, ready.position, dt.date(2029, 1, 1))
    financing_round = ready.round()
    ready.position.refresh_from_db()
    assert ready.position.state == PositionState.WRITTEN_OFF
    with Unchanged(), pytest.raises(ActionRefused, match="already written off"):
        services.conversion_confirm(ready.staff, ready.position, financing_round)


def test_a_round_that_does_not_qualify_is_refused_with_the_failed_checks(ready):
    financing_round = ready.round(
        investors=[{"name": "区引导基金", "amount": D("3000000.00"), "market": False}]
    )
    preview = selectors.conversion_preview(ready.staff, ready.position, financing_round)
    assert preview["result"]["qualifying"] is False
    with Unchanged(), pytest.raises(ActionRefused, match="does not qualify.*minimum new money"):
        services.conversion_confirm(ready.staff, ready.position, financing_round)


def test_only_the_programme_officer_converts(ready):
    financing_round = ready.round()
    with Unchanged(), pytest.raises(NotAllowed):
        services.conversion_confirm(officer(), ready.position, financing_round)
    with Unchanged(), pytest.raises(NotAllowed):
        services.conversion_confirm(ready.team, ready.position, financing_round)


def test_nothing_converts_before_money_is_paid():
    world = World(payments=())
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    with Unchanged(), pytest.raises(ActionRefused, match="nothing to convert"):
        services.conversion_confirm(world.staff, position, financing_round)


def _converted(world):
    financing_round = world.round()
    services.conversion_confirm(world.staff, world.position, financing_round)
    return Holding.objects.get()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("proceeds", D("0"), ValidationError),
        ("proceeds", D("-1.00"), ValidationError),
        ("units", D("0"), ValidationError),
        ("units", D("-10"), ValidationError),
        ("units", D("326666.67"), ActionRefused),  # one fen more than held
        ("units", D("0.001"), ValidationError),  # finer than 0.01 yuan of capital
        ("date", dt.date(2026, 9, 29), ValidationError),  # before the units were acquired
        ("counterparty", " ", ValidationError),
        ("kind", "gift", ValidationError),
        ("team_reward_percent", D("101"), ValidationError),
    ],
)
def test_bad_exits_are_refused(ready, field, value, error):
    holding = _converted(ready)
    kwargs = {
        "kind": "transfer",
        "date": dt.date(2027, 6, 30),
        "units": D("1000.00"),
        "proceeds": D("20000.00"),
        "counterparty": "临港科创基金",
        "today": TODAY,
        field: value,
    }
    with Unchanged(), pytest.raises(error):
        services.exit_record(ready.staff, holding, **kwargs)


def test_an_exited_holding_is_not_sold_again(ready):
    holding = _converted(ready)
    kwargs = {"kind": "listing_sale", "date": dt.date(2027, 6, 30), "units": holding.units,
              "proceeds": D("9000000.00"), "counterparty": "二级市场", "today": TODAY}  # fmt: skip
    services.exit_record(ready.staff, holding, **kwargs)
    with Unchanged(), pytest.raises(ActionRefused, match="sold in full"):
        services.exit_record(ready.staff, holding, **kwargs)


def test_a_terms_amendment_needs_a_reason_and_valid_terms(ready):
    new_terms = {**TERMS, "deadline": "2029-06-30"}
    with Unchanged(), pytest.raises(ValidationError, match="reason"):
        funding_services.agreement_amend(ready.staff, ready.agreement, "  ", terms=new_terms)
    with Unchanged(), pytest.raises(ValidationError) as refused:
        funding_services.agreement_amend(
            ready.staff, ready.agreement, "延期", terms={**TERMS, "max_stake_percent": "0"}
        )
    assert "terms.max_stake_percent" in refused.value.message_dict
    amendment = funding_services.agreement_amend(
        ready.staff, ready.agreement, "融资延后，经领导批准延期半年", terms=new_terms
    )
    assert amendment.changes["terms"][1]["deadline"] == "2029-06-30"


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"fallback": "write_off"}, "terms.deadline"),
        ({**TERMS, "deadline": "2025-12-31"}, "terms.deadline"),  # before the agreement
        ({**TERMS, "fallback": "convert_at_valuation"}, "terms.fallback_valuation"),
        ({**TERMS, "discount_percent": 0.2}, "terms.discount_percent"),  # a float
        ({**TERMS, "colour": "red"}, "terms.colour"),
        ({**TERMS, "lease": {"area_m2": "100"}}, "terms.lease"),
    ],
)
def test_bad_terms_are_refused_when_the_agreement_is_drafted(terms, field):
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    with pytest.raises(ValidationError) as refused:
        funding_services.agreement_draft(
            staff,
            decl,
            funder=decl.organisation,
            instrument="investment_first",
            total_amount=D("1000000.00"),
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2027, 12, 31),
            milestones=[],
            tranches=[{"amount": D("1000000.00"), "milestone": None}],
            terms=terms,
        )
    assert field in refused.value.message_dict["terms"][0]
    assert not Agreement.objects.exists()


def test_a_grant_has_no_terms_and_no_position():
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    kwargs = {
        "funder": decl.organisation,
        "instrument": "grant",
        "total_amount": D("1000000.00"),
        "grant_amount": D("1000000.00"),
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2027, 12, 31),
        "milestones": [],
        "tranches": [{"amount": D("1000000.00"), "milestone": None}],
    }
    with pytest.raises(ValidationError, match="grant never converts"):
        funding_services.agreement_draft(staff, decl, terms=TERMS, **kwargs)
    agreement = funding_services.agreement_draft(staff, decl, **kwargs)
    with pytest.raises(ActionRefused, match="grant never converts"):
        services.position_open(staff, agreement)


def test_a_position_needs_signed_terms_and_opens_once(ready):
    with Unchanged(), pytest.raises(ActionRefused, match="already open"):
        services.position_open(ready.staff, ready.agreement)
    bare = World(terms={})
    with Unchanged(), pytest.raises(ValidationError, match="needs its terms"):
        services.position_open(bare.staff, bare.agreement)


def test_a_conversion_is_confirmed_in_the_latest_round_only(ready):
    first = ready.round()
    ready.round(
        date=dt.date(2027, 3, 31),
        name="A+轮",
        investors=[{"name": "临港科创基金", "amount": D("10000000.00"), "market": True}],
    )
    with Unchanged(), pytest.raises(ActionRefused, match="later round"):
        services.conversion_confirm(ready.staff, ready.position, first)


def test_bad_company_equity_is_refused(world):
    record = services.equity_profile_set
    with pytest.raises(ValidationError, match="exceed"):
        record(world.staff, world.company, form="llc", units=D("100"), lines=[
            {"name": "张明", "units": D("80")}, {"name": "李华", "units": D("30")}])  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        record(world.staff, world.company, form="joint_stock", units=D("1000.5"), lines=[])
    assert "whole number of units" in str(refused.value.message_dict["units"])
    with pytest.raises(ValidationError):
        record(world.staff, world.company, form="llc", units=D("0"), lines=[])
    with pytest.raises(NotAllowed):
        record(world.team, world.company, form="llc", units=D("100"), lines=[])
    assert not EquityProfile.objects.exists()


def test_only_the_programme_officer_records_a_round(ready):
    with Unchanged(), pytest.raises(NotAllowed):
        services.round_record(
            ready.team,
            ready.company,
            date=dt.date(2026, 9, 30),
            price_per_unit=D("15"),
            investors=[{"name": "华映资本", "amount": D("30000000.00"), "market": True}],
            today=TODAY,
        )
