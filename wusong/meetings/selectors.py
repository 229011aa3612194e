"""Reads of review meetings, shared by the pages, the API and the minutes."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from wusong.audit.services import audit_history
from wusong.calls.models import Call, Declaration
from wusong.calls.permissions import programmes_run_by
from wusong.calls.states import State
from wusong.experts.models import ReviewRound
from wusong.experts.selectors import ranking

from . import permissions
from .models import AgendaItem, Meeting, MeetingMember, Purpose, Recusal, Vote
from .workflow import MeetingState


def meetings_for_office(user) -> QuerySet:
    return permissions.meetings_run_or_read_by(user)


def calls_for_meetings(user) -> QuerySet:
    """Calls the user runs that have declarations that passed formal review."""
    return (
        Call.objects.filter(programme__in=programmes_run_by(user), declarations__state="passed")
        .distinct()
        .select_related("programme")
    )


def agenda_proposal(meeting: Meeting) -> list[Declaration]:
    """The passed declarations of the meeting's call for the agenda: with a review round,
    its declarations in ranking order (best weighted mean first, unscored last); without,
    by reference."""
    if not meeting.selects:
        return []
    passed = Declaration.objects.filter(call=meeting.call, state=State.PASSED)
    if meeting.review_round_id is None:
        return list(passed.order_by("reference"))
    in_round = {d.pk: d for d in passed.filter(pk__in=meeting.review_round.declarations.all())}
    ranked = [
        in_round[line.row.declaration]
        for line in ranking(meeting.review_round)
        if line.row.declaration in in_round
    ]
    rest = sorted((d for pk, d in in_round.items() if d not in ranked), key=lambda d: d.reference)
    return ranked + rest


def round_of_call(call: Call, pk) -> ReviewRound | None:
    """The call's review round `pk`, for forms and the API."""
    if pk in (None, ""):
        return None
    return ReviewRound.objects.filter(call=call, pk=getattr(pk, "pk", pk)).first()


@dataclass
class ItemLine:
    """One agenda item as the office sees it: its votes and recusals by member."""

    item: AgendaItem
    votes: list[Vote] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    eligible: list[MeetingMember] = field(default_factory=list)
    panel: dict | None = None  # the scores of the record heard by its own panel, if any

    @property
    def recused_ids(self) -> set[int]:
        return {r.member_id for r in self.recusals}

    @property
    def vote_by_member(self) -> dict[int, Vote]:
        return {v.member_id: v for v in self.votes}

    @property
    def seats(self) -> list[tuple]:
        """(member, vote or None) for each member who may vote on the item."""
        votes = self.vote_by_member
        return [(m, votes.get(m.pk)) for m in self.eligible]


def meeting_members(meeting: Meeting) -> list[MeetingMember]:
    return list(meeting.members.select_related("expert__organisation", "expert__user"))


def meeting_lines(meeting: Meeting) -> list[ItemLine]:
    """Every agenda item with its votes, recusals and the members who count on it."""
    members = meeting_members(meeting)
    kind = meeting.agenda_kind
    items = meeting.items.select_related("declaration__organisation").prefetch_related(
        Prefetch("votes", queryset=Vote.objects.select_related("member__expert", "recorded_by")),
        Prefetch("recusals", queryset=Recusal.objects.select_related("member__expert")),
    )
    lines = []
    for item in items:
        recusals = list(item.recusals.all())
        recused = {r.member_id for r in recusals}
        lines.append(
            ItemLine(
                item=item,
                votes=list(item.votes.all()),
                recusals=recusals,
                eligible=[m for m in members if m.pk not in recused],
                panel=kind.panel_summary(item),
            )
        )
    return lines


@dataclass
class MemberItem:
    item: AgendaItem
    vote: Vote | None


def member_items(member: MeetingMember) -> list[MemberItem]:
    """The items a panel member sees (not those they are recused on), with their own vote."""
    own = {v.item_id: v for v in member.votes.all()}
    return [MemberItem(item, own.get(item.pk)) for item in permissions.items_for_member(member)]


def meeting_outcomes(call: Call) -> dict[int, dict]:
    """The outcome of each declaration of the call at its latest closed meeting:
    {declaration id: {"outcome", "flag", "tally", "meeting"}}, for selection."""
    out = {}
    items = (
        AgendaItem.objects.filter(
            meeting__call=call,
            meeting__state=MeetingState.CLOSED,
            meeting__purpose=Purpose.SELECTION,
        )
        .select_related("meeting")
        .order_by("meeting__closed_at", "pk")
    )
    for item in items:
        out[item.declaration_id] = {
            "outcome": item.outcome,
            "flag": item.flag,
            "tally": item.tally,
            "meeting": item.meeting_id,
        }
    return out


HISTORY_LABELS = {
    "scheduled": _("Scheduled"),
    "edited": _("Details changed"),
    "panel_set": _("Panel set"),
    "panel_drawn": _("Panel drawn at random"),
    "agenda_set": _("Agenda set"),
    "recused": _("Member recused"),
    "recusal_lifted": _("Recusal lifted"),
    "attendance": _("Attendance recorded"),
    "open": _("Opened"),
    "notes": _("Notes recorded"),
    "vote": _("Vote recorded"),
    "close": _("Closed"),
    "cancel": _("Cancelled"),
}


def meeting_history(meeting: Meeting) -> list:
    entries = list(audit_history(meeting))
    for entry in entries:
        entry.label = HISTORY_LABELS.get(entry.action, entry.action)
    return entries
