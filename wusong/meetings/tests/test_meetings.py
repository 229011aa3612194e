"""Review meetings: conflicted members are recused automatically, a recused member's
vote is refused, and each item is decided by the quorum rule and the majority of valid
votes when the meeting closes."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from wusong.audit.services import audit_history
from wusong.errors import ActionRefused, NotAllowed
from wusong.experts.models import ConflictDeclaration
from wusong.experts.tests.factories import ExpertFactory, round_for
from wusong.factories import applicant, officer
from wusong.meetings import selectors, services
from wusong.meetings.models import Recusal, Vote
from wusong.meetings.workflow import MeetingState

from .helpers import item, meeting_world, member, sit, votes

pytestmark = pytest.mark.django_db


def test_members_conflicted_with_an_item_are_recused_on_it_automatically():
    w = meeting_world()
    [recusal] = Recusal.objects.filter(item__meeting=w.meeting)
    assert recusal.member.expert == w.insider
    assert recusal.item.declaration == w.decls[0]
    with translation.override(settings.LANGUAGE_CODE):  # kept in the office's language
        assert recusal.reasons == [gettext("same organisation as the applicant")]
    assert recusal.source == Recusal.Source.DETECTED
    assert "recused" in [e.action for e in audit_history(w.meeting)]


def test_a_conflict_declared_after_scheduling_recuses_the_member_when_the_meeting_opens():
    w = meeting_world()
    ConflictDeclaration.objects.create(
        expert=w.free[0], declaration=w.decls[1], reason="曾为该公司提供咨询"
    )
    sit(w)
    recusal = Recusal.objects.get(member__expert=w.free[0])
    assert recusal.item.declaration == w.decls[1]
    assert "曾为该公司提供咨询" in recusal.reasons[0]


def test_taking_a_member_off_the_panel_takes_their_recusals_with_them():
    w = meeting_world()
    services.members_set(w.officer, w.meeting, w.free)
    assert not Recusal.objects.filter(item__meeting=w.meeting).exists()


def test_a_vote_by_a_recused_member_is_refused_and_changes_nothing():
    w = meeting_world()
    sit(w)
    before = list(audit_history(w.meeting).values_list("pk", flat=True))
    with pytest.raises(ActionRefused, match="recused"):
        services.vote_record(
            w.officer, item(w.meeting, w.decls[0]), member(w.meeting, w.insider), "approve"
        )
    assert not Vote.objects.exists()
    assert list(audit_history(w.meeting).values_list("pk", flat=True)) == before
    # The same member votes on the item they are not conflicted on.
    services.vote_record(
        w.officer, item(w.meeting, w.decls[1]), member(w.meeting, w.insider), "approve"
    )
    assert Vote.objects.count() == 1


def test_a_conflict_declared_during_the_meeting_refuses_the_vote_and_strikes_out_earlier_ones():
    w = meeting_world()
    sit(w)
    late = w.free[1]
    services.vote_record(w.officer, item(w.meeting, w.decls[1]), member(w.meeting, late), "reject")
    ConflictDeclaration.objects.create(expert=late, declaration=w.decls[1], reason="合作者")
    with pytest.raises(ActionRefused, match="recused"):
        services.vote_record(
            w.officer, item(w.meeting, w.decls[1]), member(w.meeting, late), "approve"
        )
    assert Recusal.objects.filter(member__expert=late).exists()
    assert not Vote.objects.filter(member__expert=late).exists()


def test_a_declared_recusal_strikes_out_the_members_vote():
    w = meeting_world()
    sit(w)
    seat = member(w.meeting, w.free[2])
    services.vote_record(w.officer, item(w.meeting, w.decls[1]), seat, "approve")
    services.recusal_declare(w.officer, item(w.meeting, w.decls[1]), seat, "近亲属在申报单位任职")
    assert not Vote.objects.filter(member=seat).exists()
    with pytest.raises(ActionRefused, match="recused"):
        services.vote_record(w.officer, item(w.meeting, w.decls[1]), seat, "approve")


def test_votes_need_the_meeting_in_session_and_the_member_present():
    w = meeting_world()
    seat = member(w.meeting, w.free[0])
    with pytest.raises(ActionRefused, match="Scheduled"):
        services.vote_record(w.officer, item(w.meeting, w.decls[1]), seat, "approve")
    sit(w, present=w.free[1:])
    with pytest.raises(ActionRefused, match="not recorded as present"):
        services.vote_record(w.officer, item(w.meeting, w.decls[1]), seat, "approve")
    with pytest.raises(ValidationError):
        services.vote_record(
            w.officer, item(w.meeting, w.decls[1]), member(w.meeting, w.free[1]), "maybe"
        )
    assert not Vote.objects.exists()


def test_outcomes_by_majority_of_valid_votes_when_the_meeting_closes():
    w = meeting_world(n_free=5)
    sit(w)
    a, b, c, d, e = w.free
    # Item 1: the insider is recused; 5 count, 4 vote: 3 approve of 4 -> approve.
    votes(w, w.decls[0], {a: "approve", b: "approve", c: "approve", d: "reject"})
    # Item 2: 6 count, 5 vote: 2 approve + 1 candidate of 5 -> at least a candidate.
    votes(
        w,
        w.decls[1],
        {w.insider: "approve", a: "approve", b: "candidate", c: "reject", d: "reject"},
    )
    services.meeting_close(w.officer, w.meeting)
    w.meeting.refresh_from_db()
    assert w.meeting.state == MeetingState.CLOSED and w.meeting.closed_at
    first, second = item(w.meeting, w.decls[0]), item(w.meeting, w.decls[1])
    assert (first.outcome, first.flag, first.quorum_met) == ("approve", "", True)
    assert first.tally == {
        "eligible": 5,
        "voting": 4,
        "needed": 4,
        "approve": 3,
        "candidate": 0,
        "reject": 1,
    }
    assert (second.outcome, second.tally["eligible"]) == ("candidate", 6)
    with pytest.raises(ActionRefused):
        services.vote_record(w.officer, first, member(w.meeting, e), "reject")


def test_quorum_not_met_gives_no_outcome_and_is_flagged():
    w = meeting_world(n_free=5)
    sit(w)
    a, b, c, _d, _e = w.free
    # 6 members count on item 2; 2/3 of 6 = 4 votes needed; only 3 vote, all approve.
    votes(w, w.decls[1], {a: "approve", b: "approve", c: "approve"})
    services.meeting_close(w.officer, w.meeting)
    second = item(w.meeting, w.decls[1])
    assert second.outcome == "" and second.flag == "quorum_not_met"
    assert second.quorum_met is False and second.tally["needed"] == 4
    untouched = item(w.meeting, w.decls[0])
    assert untouched.flag == "quorum_not_met" and untouched.tally["voting"] == 0


def test_the_quorum_rule_is_configurable():
    w = meeting_world(n_free=4, quorum_numerator=1, quorum_denominator=2, quorum_min_votes=2)
    sit(w)
    a, b, _c, _d = w.free
    votes(w, w.decls[1], {a: "reject", b: "reject"})  # 5 count; half is 2.5 -> 3 needed
    votes(w, w.decls[0], {a: "reject", b: "approve"})  # 4 count; 2 needed; 1-1: split
    services.meeting_close(w.officer, w.meeting)
    assert item(w.meeting, w.decls[1]).flag == "quorum_not_met"
    assert item(w.meeting, w.decls[0]).flag == "no_majority"


def test_only_officers_of_the_programme_run_the_meeting():
    w = meeting_world()
    stranger = officer()
    with pytest.raises(NotAllowed):
        services.meeting_open(stranger, w.meeting)
    with pytest.raises(NotAllowed):
        services.members_set(applicant(), w.meeting, w.free)
    sit(w)
    with pytest.raises(NotAllowed):
        services.vote_record(
            w.free[0].user, item(w.meeting, w.decls[1]), member(w.meeting, w.free[0]), "approve"
        )


def test_members_vote_themselves_only_where_the_office_lets_them():
    w = meeting_world(members_vote_themselves=True)
    sit(w)
    own = member(w.meeting, w.free[0])
    services.vote_record(w.free[0].user, item(w.meeting, w.decls[1]), own, "approve", "技术领先")
    vote = Vote.objects.get()
    assert vote.recorded_by == w.free[0].user and vote.comment == "技术领先"
    with pytest.raises(NotAllowed):
        services.vote_record(
            w.free[0].user, item(w.meeting, w.decls[1]), member(w.meeting, w.free[1]), "reject"
        )


def test_agenda_takes_only_passed_declarations_of_the_call_and_the_chair_sits_on_the_panel():
    w = meeting_world()
    other = meeting_world()
    with pytest.raises(ValidationError, match="not declared to this call"):
        services.agenda_set(w.officer, w.meeting, [*w.decls, other.decls[0]])
    with pytest.raises(ValidationError):
        services.meeting_update(w.officer, w.meeting, {"chair": ExpertFactory()})
    services.meeting_update(w.officer, w.meeting, {"chair": w.free[0]})
    w.meeting.refresh_from_db()
    assert w.meeting.chair == w.free[0]


def test_a_closed_meeting_is_frozen_and_a_scheduled_one_can_be_cancelled():
    w = meeting_world()
    with pytest.raises(ActionRefused, match="panel"):
        services.meeting_open(
            w.officer,
            meeting_world(n_decls=1).meeting.__class__.objects.create(
                call=w.call,
                title="空会",
                starts_at=w.meeting.starts_at,
                place="x",
                created_by=w.officer,
            ),
        )
    services.meeting_cancel(w.officer, w.meeting, "专家时间冲突，改期")
    w.meeting.refresh_from_db()
    assert w.meeting.state == MeetingState.CANCELLED
    with pytest.raises(ActionRefused):
        services.meeting_open(w.officer, w.meeting)


def test_the_panel_is_drawn_from_the_review_round_and_drawn_members_are_recused_where_conflicted():
    w = meeting_world()
    review_round = round_for(w.call, w.officer)
    services.meeting_update(w.officer, w.meeting, {"review_round": review_round})
    drawn = services.panel_draw_for_meeting(w.officer, w.meeting, 4, seed=7)
    w.meeting.refresh_from_db()
    assert w.meeting.draw == drawn.draw and drawn.draw.seed == "7:panel:1"
    seated = set(w.meeting.members.values_list("expert", flat=True))
    assert seated == {e.pk for e in drawn.members} and len(seated) == 4
    for expert in drawn.members:
        recused_on = Recusal.objects.filter(member__expert=expert, item__meeting=w.meeting)
        assert [r.item.declaration.reference for r in recused_on] == drawn.recusals[expert.pk]
    assert {d.pk for d in selectors.agenda_proposal(w.meeting)} == {d.pk for d in w.decls}


def test_a_member_who_has_voted_cannot_be_marked_absent():
    w = meeting_world()
    sit(w)
    seat = member(w.meeting, w.free[0])
    services.vote_record(w.officer, item(w.meeting, w.decls[1]), seat, "approve")
    with pytest.raises(ActionRefused, match="has voted"):
        services.attendance_record(w.officer, w.meeting, {seat.pk: False})
    seat.refresh_from_db()
    assert seat.present is True
