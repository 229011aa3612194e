"""The review meeting's state machine, declared in one place.

A meeting is scheduled by an officer (panel, agenda, quorum rule), opened when it sits
(in session: attendance, notes and votes are recorded), and closed, which computes each
item's outcome and freezes the record. A scheduled meeting may be cancelled. Services
fire the transitions and write the audit; nothing else sets `state`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may

from . import permissions


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    IN_SESSION = "in_session", _("In session")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


def _has_panel_and_agenda(meeting) -> bool:
    return meeting.members.exists() and meeting.items.exists()


class MeetingWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"),
        default=MeetingState.SCHEDULED,
        choices=MeetingState.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=MeetingState.SCHEDULED,
        target=MeetingState.IN_SESSION,
        permission=may(permissions.runs_meeting),
        conditions=[_has_panel_and_agenda],
        custom={"label": _("Open the meeting"), "actor": "officer"},
    )
    def open(self):
        pass

    @transition(
        field=state,
        source=MeetingState.IN_SESSION,
        target=MeetingState.CLOSED,
        permission=may(permissions.runs_meeting),
        custom={"label": _("Close the meeting"), "actor": "officer"},
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=MeetingState.SCHEDULED,
        target=MeetingState.CANCELLED,
        permission=may(permissions.runs_meeting),
        custom={"label": _("Cancel the meeting"), "actor": "officer", "reason": True},
    )
    def cancel(self):
        pass
