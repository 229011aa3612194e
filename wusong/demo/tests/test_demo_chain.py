"""The demo beyond declarations: funding, expert review, the draft notice and
post-investment care, as a visitor finds them after `make demo`."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from wusong.calls.models import Declaration
from wusong.calls.workflow import State
from wusong.demo import data_care, data_funding
from wusong.demo.loader import counts, load_demo
from wusong.demo.tests.conftest import TODAY
from wusong.experts import selectors as expert_selectors
from wusong.experts.models import Expert, ReviewRound
from wusong.experts.workflow import RoundState, SheetState
from wusong.funding.models import Agreement, Disbursement, Instrument, Tranche
from wusong.funding.workflow import AgreementState, DisbursementState
from wusong.portfolio.models import (
    Alert,
    Assessment,
    CandidateInvitation,
    PlanItem,
    Project,
)
from wusong.portfolio.services import weak_threshold
from wusong.portfolio.services_reports import reports_missing
from wusong.registry.models import User
from wusong.review.models import PublicNotice

pytestmark = pytest.mark.django_db

PILOT_CALLS = ["invest-first-1", "invest-first-2"]


def paid(qs) -> Decimal:
    return qs.filter(state=DisbursementState.PAID).aggregate(s=Sum("amount"))["s"]


def test_loading_twice_creates_nothing_new(demo):
    before = counts()
    again = load_demo(today=TODAY)
    assert sum(again.created.values()) == 0
    assert counts() == before


def test_each_of_the_16_approved_projects_has_a_signed_agreement(demo):
    agreements = Agreement.objects.filter(declaration__call__code__in=PILOT_CALLS)
    assert agreements.count() == 16
    assert set(agreements.values_list("state", flat=True)) == {AgreementState.SIGNED}
    assert not agreements.filter(funder_signed_at=None).exists()
    assert not agreements.filter(recipient_signed_at=None).exists()
    approved = Declaration.objects.filter(call__code__in=PILOT_CALLS, state=State.APPROVED)
    assert set(agreements.values_list("declaration", flat=True)) == set(
        approved.values_list("pk", flat=True)
    )
    batch_one = agreements.filter(declaration__call__code="invest-first-1")
    assert batch_one.aggregate(s=Sum("total_amount"))["s"] == Decimal("59500000")
    kinds = list(agreements.values_list("instrument", flat=True))
    assert kinds.count(Instrument.ALLOCATION_PLUS_INVESTMENT) == 2
    assert kinds.count(Instrument.INVESTMENT_FIRST) == 14
    assert all(a.terms.get("max_stake_percent") == "25" for a in agreements)


def test_first_tranches_of_batch_one_paid_29_15_million_with_treasury_references(demo):
    first = Disbursement.objects.filter(
        tranche__seq=1, tranche__agreement__declaration__call__code="invest-first-1"
    )
    assert paid(first) == Decimal(data_funding.BATCH_ONE_FIRST_TRANCHES)
    assert paid(first) == Decimal("29150000")
    all_first = Disbursement.objects.filter(tranche__seq=1)
    assert all_first.filter(state=DisbursementState.PAID).count() == 16
    assert not Disbursement.objects.filter(state=DisbursementState.PAID, payment_reference="")
    total_paid = paid(Disbursement.objects.all())
    committed = Agreement.objects.aggregate(s=Sum("total_amount"))["s"]
    assert Decimal("29150000") < total_paid < committed


def test_later_tranches_follow_verified_milestones_and_one_amendment(demo):
    released = Tranche.objects.filter(seq__gt=1, state="released")
    assert released.count() >= 10
    assert not released.filter(milestone__verified_at=None).exists()
    locked_paid = Disbursement.objects.filter(tranche__state="locked")
    assert not locked_paid.exists()
    # One amendment by hand; the approved extension request amends another agreement.
    amended = Agreement.objects.filter(amendments__isnull=False, extension_request__isnull=True)
    assert amended.count() == 1
    assert amended.get().amendments.get().reason


def test_expert_pool_and_published_round_for_batch_three(demo):
    assert Expert.objects.count() >= 30
    review_round = ReviewRound.objects.get(call__code="invest-first-3")
    assert review_round.state == RoundState.PUBLISHED
    assert review_round.assignments.count() == review_round.reviewers_per_declaration
    assert not review_round.result["shortfalls"]
    submitted = review_round.assignments.filter(sheet__state=SheetState.SUBMITTED)
    assert submitted.count() >= 2
    lines = expert_selectors.ranking(review_round)
    assert len(lines) == 1 and lines[0].row.mean is not None


def test_the_demo_expert_accepted_the_commitment_and_has_work_on_the_desk(demo):
    user = User.objects.get(username="expert")
    desk = list(expert_selectors.desk_assignments(user))
    assert desk
    assert desk[0].round.commitments.filter(expert__user=user).exists()


def test_a_draft_notice_proposes_the_passed_batch_three_declaration(demo):
    notice = PublicNotice.objects.get(call__code="invest-first-3")
    assert notice.state == "draft"
    assert [i.declaration.state for i in notice.items.all()] == [State.PASSED]


def test_every_pilot_project_is_followed_with_two_or_three_assessments(demo):
    portfolio = Project.objects.filter(kind=Project.Kind.PORTFOLIO)
    assert portfolio.count() == 16
    assert set(portfolio.values_list("manager__username", flat=True)) == {"officer"}
    for project in portfolio:
        dates = list(
            project.assessments.filter(kind=Assessment.Kind.MANAGER).values_list(
                "assessed_on", flat=True
            )
        )
        assert len(dates) in (2, 3), project
        assert len(set(dates)) == len(dates)
    paired = Assessment.objects.filter(kind=Assessment.Kind.MANAGER, self_assessment__isnull=False)
    assert paired.exists()


def test_a_weak_link_was_closed_by_the_mentors_service_plan(demo):
    threshold = weak_threshold()
    item = PlanItem.objects.get(owner_user__username="mentor", state="done")
    assert item.score_then < threshold
    assert item.project.service_logs.filter(plan_item=item).count() == len(
        data_care.WEAK_LINK["logs"]
    )
    later = (
        item.project.assessments.filter(
            kind=Assessment.Kind.MANAGER, assessed_on__gt=item.source.assessed_on
        )
        .order_by("assessed_on")
        .first()
    )
    assert later.scores()[item.dimension] >= threshold
    assert PlanItem.objects.filter(owner_user__username="broker", state="in_progress").exists()


def test_company_reports_raise_a_runway_alert_and_one_is_chased(demo):
    runway = Alert.objects.get(kind=Alert.Kind.RUNWAY)
    assert runway.project.organisation.name == "上海纳递生物科技有限公司"
    missing = reports_missing(today=TODAY)
    assert [m["project"].organisation.name for m in missing] == ["上海钢数智联信息科技有限公司"]
    assert Alert.objects.filter(kind=Alert.Kind.REPORT_MISSING).count() == 1


def test_candidates_are_followed_and_one_is_invited_into_batch_three(demo):
    candidates = Project.objects.filter(kind=Project.Kind.CANDIDATE)
    assert candidates.count() >= 5
    assert all(p.contacts.exists() and p.follow_ups.exists() for p in candidates)
    invitation = CandidateInvitation.objects.get()
    assert invitation.call.code == "invest-first-3"
    assert invitation.declaration.state == State.DRAFT


def test_batch_one_was_discussed_in_13_closed_meetings_that_agree_with_the_selection(demo):
    from wusong.experts.models import ExpertFee
    from wusong.review.models_meetings import AgendaItem, Meeting

    meetings = Meeting.objects.filter(call__code="invest-first-1", purpose="selection")
    assert meetings.count() == 13
    assert set(meetings.values_list("state", flat=True)) == {"closed"}
    expected = {
        State.APPROVED: "approve",
        State.CANDIDATE: "candidate",
        State.NOT_SELECTED: "reject",
    }
    items = AgendaItem.objects.filter(meeting__in=meetings).select_related("declaration")
    assert (
        items.count()
        == 7
        + 4
        + Declaration.objects.filter(call__code="invest-first-1", state=State.NOT_SELECTED).count()
    )
    for item in items:
        assert item.outcome == expected[item.declaration.state], item.declaration.reference
    assert ExpertFee.objects.filter(occasion__in=meetings.values("title")).count() >= 13 * 3


def test_tongxingou_and_tianyu_converted_their_positions_in_a_qualifying_round(demo):
    from wusong.funding.models import Conversion, ConvertiblePosition, Holding
    from wusong.funding.ocf import ocf_export, ocf_validate, schema_dir

    assert ConvertiblePosition.objects.count() == 16
    converted = Conversion.objects.select_related("position__company")
    assert {c.position.company.name_en for c in converted} == {
        "Shanghai Tongxingou Technology Co., Ltd.",
        "Shanghai Tianyu Guanglian Communication Technology Co., Ltd.",
    }
    for conversion in converted:
        result = conversion.result
        assert result["qualifying"] is True
        assert Decimal(result["stake_after_percent"]) <= 25
        agreement = conversion.position.agreement
        assert Decimal(result["amount"]) == agreement.total_amount  # every tranche was paid
        holding = Holding.objects.get(conversion=conversion)
        assert holding.units == Decimal(result["units"]) > 0
        assert holding.holder.name == "上海宝山技术转移有限公司"
        if schema_dir().is_dir():
            assert ocf_validate(ocf_export(conversion.position.company)) == []
    assert ConvertiblePosition.objects.filter(state="open").count() == 14
