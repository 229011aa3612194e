"""The demo beyond declarations: funding, expert review, the draft notice and
post-investment care, as a visitor finds them after `make demo`, down to the handful of
things the manager's desk lists as needing attention."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.demo import data, data_care, data_checks, data_funding
from wusong.demo.clock import local, replay_clock
from wusong.demo.loader import counts, load_demo
from wusong.demo.tests.conftest import TODAY
from wusong.experts import selectors as expert_selectors
from wusong.experts.models import Expert, ReviewRound
from wusong.experts.states import RoundState, SheetState
from wusong.funding.models import (
    Agreement,
    AgreementMilestone,
    Disbursement,
    Instrument,
    Tranche,
)
from wusong.funding.workflow import AgreementState, DisbursementState
from wusong.notices.models import PublicNotice
from wusong.portfolio import selectors as portfolio_selectors
from wusong.portfolio.models import (
    AgreementCheck,
    Alert,
    Assessment,
    CandidateInvitation,
    PlanItem,
    Project,
)
from wusong.portfolio.selectors import reports_missing, weak_threshold
from wusong.portfolio.selectors.attention import ASSESS_EVERY_DAYS, needs_attention
from wusong.registry.models import User

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
    assert released.count() == 2 * 16 - 2
    assert not released.filter(milestone__verified_at=None).exists()
    assert not released.exclude(disbursements__state=DisbursementState.PAID).exists()
    locked_paid = Disbursement.objects.filter(tranche__state="locked")
    assert not locked_paid.exists()
    # One amendment by hand; the approved extension request amends another agreement.
    amended = Agreement.objects.filter(amendments__isnull=False, extension_request__isnull=True)
    assert amended.count() == 1
    assert amended.get().amendments.get().reason


def org_name(key: str) -> str:
    specs = data.ORGANISATIONS + data.NAMED_FICTIONAL_ORGANISATIONS
    return next(s["name"] for s in specs if s["key"] == key)


def test_every_milestone_reached_is_verified_with_evidence_and_two_are_overdue(demo):
    milestones = AgreementMilestone.objects.filter(
        agreement__declaration__call__code__in=PILOT_CALLS
    ).select_related("agreement__recipient", "verified_by")
    assert milestones.count() == 2 * 16
    assert all(m.due < TODAY for m in milestones)
    overdue = {(m.agreement.recipient.name, m.title) for m in milestones if not m.verified_at}
    assert overdue == {(org_name(k), t) for k, t in data_funding.OVERDUE_MILESTONES.items()}
    for milestone in milestones.exclude(verified_at=None):
        verified = timezone.localdate(milestone.verified_at)
        assert milestone.due < verified < TODAY
        assert (verified - milestone.due).days <= 240, milestone  # near its due date
        assert milestone.verified_by.username == "officer"
        assert "确认里程碑" in milestone.evidence
        assert milestone.tranches.get().state == "released"


def test_small_batch_supply_was_verified_as_the_mid_term_checks_found_it(demo):
    def small_batch(key):
        return AgreementMilestone.objects.get(
            agreement__recipient__name=org_name(key), title="实现小批量供货"
        )

    def midterm(key):
        return AgreementCheck.objects.get(
            agreement__recipient__name=org_name(key), kind=AgreementCheck.Kind.MIDTERM
        )

    # Tianyu's mid-term check found small-batch supply achieved: verified before it.
    tianyu = small_batch("tianyu")
    assert (
        tianyu.verified_at and timezone.localdate(tianyu.verified_at) < midterm("tianyu").decided_on
    )
    assert "小批量供货" in midterm("tianyu").findings
    # Bianxin's found it still in customer onboarding: verified after it, with evidence.
    bianxin = small_batch("bianxin")
    assert timezone.localdate(bianxin.verified_at) > midterm("bianxin").decided_on
    assert "客户导入" in midterm("bianxin").findings and "小批量订单" in bianxin.evidence


def test_the_officers_desk_lists_a_handful_of_things_needing_attention(demo, client):
    officer = User.objects.get(username="officer")
    rows = needs_attention(portfolio_selectors.desk(officer)["managed"], TODAY)
    assert 5 <= len(rows) <= 12
    found: dict[str, set] = {}
    for row in rows:
        found.setdefault(row["kind"], set()).add(row["project"].organisation.name)
    assert len(found) >= 3
    assert found == {
        "milestone_overdue": {org_name(k) for k in data_funding.OVERDUE_MILESTONES},
        "assessment_due": {org_name(k) for k in data_care.ASSESSMENT_DUE},
        "midterm_unscheduled": {org_name(k) for k in data_checks.MIDTERM_TWO_UNSCHEDULED},
        "ending_soon": {org_name(data_checks.ACCEPTANCE_UNSCHEDULED)},
    }
    overdue = [r for r in rows if r["kind"] == "milestone_overdue"]
    assert {r["detail"] for r in overdue} == set(data_funding.OVERDUE_MILESTONES.values())
    # The desk shows the same list, on the day of loading.
    client.force_login(officer)
    with replay_clock(local(TODAY, 12)):
        html = client.get(reverse("portfolio:desk")).content.decode()
    assert html.count('class="attention-') == len(rows)


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
        # Assessed within the half year, but for the few due now: within five months.
        days = (TODAY - max(dates)).days
        if project.organisation.name in {org_name(k) for k in data_care.ASSESSMENT_DUE}:
            assert ASSESS_EVERY_DAYS < days < ASSESS_EVERY_DAYS + 60, project
        else:
            assert 0 < days <= 150, project
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
    from wusong.meetings.models import AgendaItem, Meeting

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
    from wusong.equity.models import Conversion, ConvertiblePosition, Holding
    from wusong.equity.ocf import ocf_export, ocf_validate

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
        assert ocf_validate(ocf_export(conversion.position.company)) == []
    assert ConvertiblePosition.objects.filter(state="open").count() == 14
