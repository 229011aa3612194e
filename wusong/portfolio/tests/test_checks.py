"""Extension requests and the rules of checks that need no panel."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import applicant
from wusong.funding import services as funding_services
from wusong.portfolio import selectors
from wusong.portfolio.services import checks
from wusong.portfolio.workflow import CheckState, ExtensionState

from .conftest import signed_agreement

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_an_extension_is_requested_once_before_expiry_and_approval_amends_the_agreement(world):
    agreement = signed_agreement(world)
    new_end = agreement.end_date + dt.timedelta(days=180)
    request = checks.extension_request(world.company_user, agreement, new_end, "临床试验入组延迟")
    with pytest.raises(NotAllowed):
        checks.extension_decide(world.company_user, request, True)
    checks.extension_decide(world.manager, request, True, "同意")
    request.refresh_from_db()
    agreement.refresh_from_db()
    assert request.state == ExtensionState.APPROVED and agreement.end_date == new_end
    amendment = agreement.amendments.get()
    assert amendment.changes["end_date"][1] == new_end.isoformat()
    # A record read later by others: in the office's language, whatever the officer's.
    assert amendment.reason == "任务期已延期（延期申请已批准）：临床试验入组延迟"
    with pytest.raises(ActionRefused, match="only once"):
        checks.extension_request(
            world.company_user, agreement, new_end + dt.timedelta(days=30), "再延期"
        )


def test_a_second_extension_is_refused_even_after_a_refusal(world):
    agreement = signed_agreement(world)
    request = checks.extension_request(
        world.company_user, agreement, agreement.end_date + dt.timedelta(days=90), "原因"
    )
    with pytest.raises(ValidationError):
        checks.extension_decide(world.manager, request, False, "")
    checks.extension_decide(world.manager, request, False, "理由不充分")
    with pytest.raises(ActionRefused, match="only once"):
        checks.extension_request(
            world.company_user, agreement, agreement.end_date + dt.timedelta(days=90), "原因"
        )


def test_an_extension_after_expiry_is_refused(world):
    agreement = signed_agreement(world, end_date=TODAY - dt.timedelta(days=1))
    with pytest.raises(ActionRefused, match="before it expires"):
        checks.extension_request(
            world.company_user, agreement, TODAY + dt.timedelta(days=90), "原因"
        )
    with pytest.raises(NotAllowed):
        checks.extension_request(applicant(), agreement, TODAY + dt.timedelta(days=90), "原因")


def test_one_rectification_within_the_period_then_pass(world):
    agreement = signed_agreement(world)
    check = checks.check_schedule(world.manager, agreement, "midterm", TODAY)
    check = checks.check_record_outcome(
        world.manager, check, "rectify", "财务制度不健全", today=dt.date(2026, 1, 31)
    )
    assert check.rectify_by == dt.date(2026, 4, 30)  # three months by default
    check = checks.rectification_file(
        world.company_user, check, "已建立财务制度", today=dt.date(2026, 4, 30)
    )
    with pytest.raises(ActionRefused):
        checks.check_record_outcome(world.manager, check, "rectify", "还需整改")
    check = checks.check_record_outcome(world.manager, check, "pass")
    assert check.state == CheckState.PASSED_AFTER_RECTIFICATION


def test_a_rectification_after_the_allowed_period_is_refused(world):
    agreement = signed_agreement(world)
    check = checks.check_schedule(world.manager, agreement, "acceptance", TODAY)
    check = checks.check_record_outcome(
        world.manager, check, "rectify", "样机未达指标", today=dt.date(2026, 1, 10)
    )
    with pytest.raises(ActionRefused, match="due by 2026-04-10"):
        checks.rectification_file(world.company_user, check, "已整改", today=dt.date(2026, 4, 11))
    with pytest.raises(NotAllowed):
        checks.rectification_file(applicant(), check, "已整改", today=dt.date(2026, 2, 1))


def test_a_failed_acceptance_stops_further_tranches_and_records_the_consequence(world):
    agreement = signed_agreement(world)
    assert selectors.tranche_stop_reason(agreement) is None
    check = checks.check_schedule(world.manager, agreement, "acceptance", TODAY)
    with pytest.raises(ActionRefused):
        checks.check_schedule(world.manager, agreement, "acceptance", TODAY)
    check = checks.check_record_outcome(
        world.manager, check, "fail", "关键指标未完成", consequence="收回未使用资金"
    )
    assert check.state == CheckState.FAILED and check.consequence == "收回未使用资金"
    reason = selectors.tranche_stop_reason(agreement)
    assert "stopped" in reason and "收回未使用资金" in reason
    # and the funding services honour it: no more money drawn, no tranche released
    first, second = agreement.tranches.all()
    with pytest.raises(ActionRefused, match="stopped"):
        funding_services.disbursement_request(world.company_user, first, D("100.00"))
    funding_services.milestone_verify(world.manager, second.milestone, "样机测试报告")
    second.refresh_from_db()
    assert second.state == "locked"
    with pytest.raises(ActionRefused):
        checks.check_record_outcome(world.manager, check, "pass")


@pytest.mark.parametrize(
    ("kind", "scheduled_on", "field_says"),
    [
        ("midterm", dt.date(2024, 12, 31), "starts on 2025-01-01"),
        ("acceptance", dt.date(2024, 12, 31), "starts on 2025-01-01"),
        ("midterm", "end+1", "ends on"),
    ],
)
def test_a_check_outside_the_task_period_is_refused(world, kind, scheduled_on, field_says):
    agreement = signed_agreement(world)
    if scheduled_on == "end+1":
        scheduled_on = agreement.end_date + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match=field_says):
        checks.check_schedule(world.manager, agreement, kind, scheduled_on)
    assert not agreement.checks.exists()
    # an acceptance after the task period ends is the usual case
    checks.check_schedule(
        world.manager, agreement, "acceptance", agreement.end_date + dt.timedelta(days=30)
    )
