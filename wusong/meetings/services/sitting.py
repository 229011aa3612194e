"""The sitting: attendance, opening, the notes and votes on each item, closing with each
item's outcome under the quorum rule, and cancelling a meeting that will not sit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import audited_update, transition_fire
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.votes import item_decide

from .. import permissions
from ..models import AgendaItem, Meeting, MeetingMember, Recusal, Vote
from ..workflow import MeetingState
from .agenda import item_label
from .guards import meeting_locked, meeting_to_change, state_required
from .recusals import recusals_sync


@transaction.atomic
def attendance_record(user, meeting: Meeting, present: dict) -> Meeting:
    """Record who is present: {member id or member: True/False}. A member who has voted
    cannot be marked absent."""
    meeting = meeting_to_change(
        user,
        meeting,
        MeetingState.SCHEDULED,
        MeetingState.IN_SESSION,
        doing=_("Recording attendance"),
    )
    members = {m.pk: m for m in meeting.members.select_related("expert")}
    changes = {}
    for key, value in present.items():
        member = members.get(getattr(key, "pk", key))
        if member is None:
            raise ValidationError(_("Mark only members of this meeting's panel."))
        value = bool(value)
        if member.present == value:
            continue
        if not value and member.votes.exists():
            raise ActionRefused(
                _("%(name)s has voted and cannot be marked absent.") % {"name": member.expert.name}
            )
        changes[member.expert.name] = [member.present, value]
        member.present = value
        member.save(update_fields=["present"])
    if changes:
        audit_record(meeting, actor=user, action="attendance", changes=changes)
    return meeting


@transaction.atomic
def meeting_open(user, meeting: Meeting, *, now=None) -> Meeting:
    """The meeting sits: conflicts are checked again (an expert may have declared one
    since), and attendance, notes and votes can be recorded."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Opening the meeting")
    )
    if not meeting.members.exists() or not meeting.items.exists():
        raise ActionRefused(_("A meeting needs a panel and at least one item on its agenda."))
    recusals_sync(user, meeting)
    meeting.opened_at = now or timezone.now()
    transition_fire(user, meeting, "open", what=_("meeting"))
    return meeting


def _item_of(meeting: Meeting, item: AgendaItem) -> AgendaItem:
    found = meeting.items.select_related("declaration", "meeting").filter(pk=item.pk).first()
    if found is None:
        raise ValidationError(_("This item is not on the meeting's agenda."))
    return found


@transaction.atomic
def item_notes_save(
    user, item: AgendaItem, notes: str, conclusion: str | None = None
) -> AgendaItem:
    """Record the discussion of an item and, optionally, the opinion the minutes give."""
    meeting = meeting_to_change(
        user, item.meeting, MeetingState.IN_SESSION, doing=_("Recording notes")
    )
    item = _item_of(meeting, item)
    data = {"notes": notes or ""}
    if conclusion is not None:
        data["conclusion"] = conclusion
    ref = item.declaration.reference
    audited_update(
        user,
        item,
        data,
        fields=("notes", "conclusion"),
        snapshot=lambda i: {f"{ref}:notes": i.notes, f"{ref}:conclusion": i.conclusion},
        strip=True,
        action="notes",
        audit_on=meeting,
    )
    return item


def vote_record(
    user, item: AgendaItem, member: MeetingMember, choice: str, comment: str = ""
) -> Vote:
    """Record `member`'s vote on `item` (approve / candidate / reject at a selection
    meeting, pass / rectify / fail at a check meeting; optional comment).
    Refused, with nothing recorded, unless the meeting is in session, the user may record
    it, the member is present, and the member is not recused on the item. A conflict
    found now (declared since the meeting opened, say) recuses the member first."""
    with transaction.atomic():
        meeting = meeting_locked(item.meeting)
        if meeting.state == MeetingState.IN_SESSION:
            recusals_sync(
                user,
                meeting,
                items=meeting.items.filter(pk=item.pk).select_related("declaration", "meeting"),
                members=meeting.members.filter(pk=member.pk).select_related("expert__organisation"),
            )
    return _vote_record(user, item, member, choice, comment)


@transaction.atomic
def _vote_record(user, item, member, choice, comment) -> Vote:
    meeting = meeting_locked(item.meeting)
    member = MeetingMember.objects.select_related("expert", "meeting").get(pk=member.pk)
    if member.meeting_id != meeting.pk:
        raise ValidationError(_("This expert is not on the meeting's panel."))
    if not permissions.may_record_vote(user, member):
        raise NotAllowed(_("You may not record this member's vote."))
    state_required(meeting, MeetingState.IN_SESSION, doing=_("Voting"))
    item = _item_of(meeting, item)
    recusal = Recusal.objects.filter(item=item, member=member).first()
    if recusal is not None:
        raise ActionRefused(
            _("%(name)s is recused on %(ref)s (%(reasons)s) and cannot vote on it.")
            % {
                "name": member.expert.name,
                "ref": item.declaration.reference,
                "reasons": "; ".join(recusal.reasons),
            }
        )
    if member.present is not True:
        raise ActionRefused(
            _("%(name)s is not recorded as present; record the attendance first.")
            % {"name": member.expert.name}
        )
    if choice not in meeting.agenda_kind.vote_choices(item.sitting):
        raise ValidationError({"choice": meeting.agenda_kind.vote_refusal(item.sitting)})
    comment = (comment or "").strip()
    vote = Vote.objects.filter(item=item, member=member).first()
    before = vote.choice if vote else None
    if vote is None:
        vote = Vote(item=item, member=member)
    elif vote.choice == choice and vote.comment == comment:
        return vote
    vote.choice, vote.comment, vote.recorded_by = choice, comment, user
    vote.save()
    audit_record(
        meeting,
        actor=user,
        action="vote",
        changes={f"{item.declaration.reference}:{member.expert.name}": [before, choice]},
        note=comment,
    )
    return vote


@transaction.atomic
def meeting_close(user, meeting: Meeting, *, now=None) -> Meeting:
    """Close the meeting and decide each item under the quorum rule and the majority of
    valid votes (`kernels.votes`). An item short of its quorum, or with the votes split
    evenly, gets no outcome and is flagged. The record is frozen from then on. The kind of
    item the meeting hears then records what was decided on the records heard (a check's
    outcome, say); nothing closes if it refuses."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.IN_SESSION, doing=_("Closing the meeting")
    )
    recusals_sync(user, meeting)
    n_members = meeting.members.count()
    summary = {}
    items = list(meeting.items.select_related("declaration", "meeting"))
    for item in items:
        eligible = n_members - item.recusals.count()
        decision = item_decide(
            eligible, item.votes.values_list("choice", flat=True), meeting.quorum, meeting.scale
        )
        item.outcome = decision.outcome
        item.flag = decision.flag
        item.quorum_met = decision.quorum_met
        item.tally = decision.tally()
        item.save(update_fields=["outcome", "flag", "quorum_met", "tally"])
        summary[item_label(item)] = [None, decision.outcome or decision.flag]
    meeting.closed_at = now or timezone.now()
    transition_fire(
        user, meeting, "close", what=_("meeting"), changes={"outcomes": [None, summary]}
    )
    meeting.agenda_kind.meeting_closed(user, meeting, items)
    return meeting


@transaction.atomic
def meeting_cancel(user, meeting: Meeting, reason: str) -> Meeting:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Cancelling the meeting")
    )
    meeting.closing_note = reason
    transition_fire(user, meeting, "cancel", note=reason, what=_("meeting"))
    return meeting
