"""What every write of a meeting checks first: the meeting locked for the transaction,
run by the user, and in a state that allows the change."""

from django.utils.translation import gettext as _

from wusong.errors import ActionRefused, NotAllowed

from .. import permissions
from ..models import Meeting


def meeting_locked(meeting: Meeting) -> Meeting:
    """The meeting, re-read and locked for the rest of the transaction: votes, attendance
    and closing are serialised, so nothing is recorded after the meeting closes."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("call__programme", "review_round", "chair")
        .get(pk=meeting.pk)
    )


def runs_required(user, meeting: Meeting) -> None:
    if not permissions.runs_meeting(user, meeting):
        raise NotAllowed(_("Only an officer of this programme can run its review meetings."))


def state_required(meeting: Meeting, *states, doing: str) -> None:
    if meeting.state not in states:
        raise ActionRefused(
            _("%(doing)s is not possible while the meeting is %(state)s.")
            % {"doing": doing, "state": meeting.get_state_display()}
        )


def meeting_to_change(user, meeting: Meeting, *states, doing: str) -> Meeting:
    """The meeting, locked, once `user` runs it and it is in one of `states`; refused
    (with `doing` named) otherwise. Call inside the service's transaction."""
    meeting = meeting_locked(meeting)
    runs_required(user, meeting)
    state_required(meeting, *states, doing=doing)
    return meeting


def shown(value) -> str:
    """A value as the meeting's history records it."""
    return "" if value is None else str(value)
