"""Every write of a review meeting: scheduling, the panel (chosen or drawn at random),
the agenda, recusals, attendance, notes, votes, opening, closing with each item's
outcome, and cancelling. One function per thing a user does, each in one transaction
with its audit entry on the meeting; a refused action changes nothing.

Recusal is automatic (`recusals`): whenever the panel or the agenda changes, when the
meeting opens and before each vote, a member conflicted with an item is recused on it.
Apps whose kind of item a meeting hears put their items on it with `agenda_item_add`.
"""

from .agenda import agenda_item_add, agenda_order, agenda_set
from .guards import meeting_to_change
from .panel import members_set, panel_draw_for_meeting
from .recusals import recusal_declare
from .schedule import meeting_schedule, meeting_update
from .sitting import (
    attendance_record,
    item_notes_save,
    meeting_cancel,
    meeting_close,
    meeting_open,
    vote_record,
)

__all__ = [
    "agenda_item_add",
    "agenda_order",
    "agenda_set",
    "attendance_record",
    "item_notes_save",
    "meeting_cancel",
    "meeting_close",
    "meeting_open",
    "meeting_schedule",
    "meeting_to_change",
    "meeting_update",
    "members_set",
    "panel_draw_for_meeting",
    "recusal_declare",
    "vote_record",
]
