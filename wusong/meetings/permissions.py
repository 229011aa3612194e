"""Who may see and do what with review meetings: the one place.

Officers of the call's programme (and administrators) schedule and run a meeting, see
its panel, recusals, notes and every vote, and print the minutes. Leaders read meetings
and minutes. A panel member sees the meeting and only the agenda items they are not
recused on, sees only their own votes, and records them only where the office lets
members vote themselves. Applicants and everyone else see nothing of meetings: not the
panel, not the votes. A meeting a user may not see is "not found", never "forbidden".
"""

from django.db.models import QuerySet

from wusong.calls.permissions import programmes_run_by, reads_everything, runs_programme
from wusong.experts.permissions import expert_of
from wusong.registry.roles import Role


def works_on_meetings(user) -> bool:
    """Officers, leaders and administrators: the office's list of meetings."""
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR)


def runs_meeting(user, meeting) -> bool:
    """Officers of the meeting's programme and administrators (also a transition permission)."""
    return runs_programme(user, meeting.call.programme)


def reads_meeting(user, meeting) -> bool:
    """The whole meeting, every vote and the minutes."""
    return reads_everything(user) or runs_meeting(user, meeting)


def meetings_run_or_read_by(user) -> QuerySet:
    from .models import Meeting

    qs = Meeting.objects.select_related("call__programme", "review_round", "chair")
    if not user.is_authenticated:
        return qs.none()
    if reads_everything(user):
        return qs
    return qs.filter(call__programme__in=programmes_run_by(user))


def has_desk(user) -> bool:
    """Experts, who see the meetings on whose panel they sit."""
    return expert_of(user) is not None


def membership_of(user, meeting):
    """The user's seat on the meeting's panel, or None."""
    expert = expert_of(user)
    if expert is None:
        return None
    return meeting.members.filter(expert=expert).select_related("expert").first()


def meetings_of_member(user) -> QuerySet:
    """Meetings on whose panel the user sits (cancelled ones left out)."""
    from .models import Meeting
    from .workflow import MeetingState

    expert = expert_of(user)
    if expert is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(members__expert=expert)
        .exclude(state=MeetingState.CANCELLED)
        .select_related("call__programme", "chair")
        .distinct()
    )


def items_for_member(member) -> QuerySet:
    """The agenda items a panel member may see and vote on: those they are not recused on."""
    return member.meeting.items.exclude(recusals__member=member).select_related(
        "declaration__organisation"
    )


def may_record_vote(user, member) -> bool:
    """Officers running the meeting record any member's vote; a member records their own
    only when the meeting lets members vote themselves."""
    meeting = member.meeting
    if runs_meeting(user, meeting):
        return True
    return (
        meeting.members_vote_themselves
        and user.is_authenticated
        and user.has_role(Role.EXPERT)
        and member.expert.user_id == user.pk
    )
