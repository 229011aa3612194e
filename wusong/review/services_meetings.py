"""Every write of a review meeting: scheduling, the panel (chosen or drawn at random),
the agenda, recusals, attendance, notes, votes, opening, closing with each item's
outcome, and cancelling. One function per thing a user does, each in one transaction
with its audit entry on the meeting; a refused action changes nothing.

Recusal is automatic: whenever the panel or the agenda changes, when the meeting opens
and before each vote, the conflicts of interest found by the expert-review conflict
rules (same or related organisation, team member, recent collaborator, a conflict the
expert declared) recuse the member on that item. A recused member's vote is refused.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import audited_update, fields_apply, transition_fire
from wusong.calls.models import Call, Declaration
from wusong.calls.workflow import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.experts.models import Expert
from wusong.experts.services import conflicts_detect, panel_draw
from wusong.notifications.services import office_language

from . import permissions_meetings as permissions
from .meeting_rules import item_decide
from .models_meetings import AgendaItem, Meeting, MeetingMember, Purpose, Recusal, Vote
from .workflow_meetings import MeetingState

MEETING_FIELDS = (
    "title",
    "starts_at",
    "place",
    "review_round",
    "chair",
    "quorum_numerator",
    "quorum_denominator",
    "quorum_min_votes",
    "members_vote_themselves",
)

# ---------------------------------------------------------------- shared checks


def _locked(meeting: Meeting) -> Meeting:
    """The meeting, re-read and locked for the rest of the transaction: votes, attendance
    and closing are serialised, so nothing is recorded after the meeting closes."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("call__programme", "review_round", "chair")
        .get(pk=meeting.pk)
    )


def _require_runs(user, meeting: Meeting) -> None:
    if not permissions.runs_meeting(user, meeting):
        raise NotAllowed(_("Only an officer of this programme can run its review meetings."))


def _require_state(meeting: Meeting, *states, doing: str) -> None:
    if meeting.state not in states:
        raise ActionRefused(
            _("%(doing)s is not possible while the meeting is %(state)s.")
            % {"doing": doing, "state": meeting.get_state_display()}
        )


def _display(value) -> str:
    return "" if value is None else str(value)


def _expert_label(expert) -> str:
    return f"{expert.name} ({expert.organisation})" if expert.organisation_id else expert.name


# ---------------------------------------------------------------- scheduling


def _shown(meeting: Meeting) -> dict:
    """The meeting's details as its history records them."""
    return {k: _display(getattr(meeting, k)) for k in MEETING_FIELDS}


def _details_check(meeting: Meeting) -> None:
    errors = {}
    if meeting.review_round_id and meeting.review_round.call_id != meeting.call_id:
        errors["review_round"] = _("The review round must belong to the meeting's call.")
    if (meeting.quorum_numerator or 0) > (meeting.quorum_denominator or 0) > 0:
        errors["quorum_numerator"] = _("The quorum cannot be more than all the members.")
    if (
        meeting.chair_id
        and meeting.pk
        and not meeting.members.filter(expert=meeting.chair).exists()
    ):
        errors["chair"] = _("The chair must be a member of the panel.")
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["call", "created_by", "state", "draw"])


def _details_apply(meeting: Meeting, data: dict) -> None:
    fields_apply(
        meeting, data, MEETING_FIELDS, strip=True, refused=_("%(field)s cannot be set here.")
    )
    _details_check(meeting)


def _details_update(user, meeting: Meeting, data: dict) -> dict:
    return audited_update(
        user,
        meeting,
        data,
        fields=MEETING_FIELDS,
        snapshot=_shown,
        validate=_details_check,
        strip=True,
        refused=_("%(field)s cannot be set here."),
    )


@transaction.atomic
def meeting_schedule(
    user,
    call: Call,
    data: dict,
    *,
    experts: Sequence[Expert] = (),
    declarations: Sequence[Declaration] = (),
    purpose: str = Purpose.SELECTION,
) -> Meeting:
    """Schedule a meeting of `call`: title, date and time, place, optional review round,
    chair and quorum rule; optionally its panel and agenda at once. A check meeting
    (`purpose` "check") gets its agenda through `services_check_meetings`."""
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choose the purpose of the meeting.")})
    meeting = Meeting(call=call, created_by=user, purpose=purpose)
    _require_runs(user, meeting)
    data = dict(data)
    chair = data.pop("chair", None)
    if meeting.hears_checks and (declarations or data.get("review_round")):
        raise ValidationError(
            _("A check meeting hears checks, not declarations or a review round.")
        )
    if not data.get("title"):
        with office_language():  # the title heads the minutes
            data["title"] = _("Review meeting of %(call)s") % {"call": call.name}
    _details_apply(meeting, data)
    meeting.save()
    audit_record(
        meeting,
        actor=user,
        action="scheduled",
        changes={k: [None, v] for k, v in _shown(meeting).items()}
        | {"purpose": [None, meeting.purpose]},
    )
    if experts:
        _members_set(user, meeting, experts)
    if declarations:
        _agenda_set(user, meeting, declarations)
    if chair is not None:
        _details_update(user, meeting, {"chair": chair})
    return meeting


@transaction.atomic
def meeting_update(user, meeting: Meeting, data: dict) -> Meeting:
    """Change the details of a scheduled meeting."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Changing the meeting"))
    _details_update(user, meeting, data)
    return meeting


# ---------------------------------------------------------------- panel and agenda


def _members_set(user, meeting: Meeting, experts: Iterable[Expert]) -> list[str]:
    experts = list(dict.fromkeys(experts))
    inactive = [e.name for e in experts if not e.active]
    if inactive:
        raise ValidationError(
            _("%(names)s are no longer in the expert pool.") % {"names": "、".join(inactive)}
        )
    before = [
        _expert_label(m.expert) for m in meeting.members.select_related("expert__organisation")
    ]
    wanted = {e.pk for e in experts}
    if meeting.chair_id and meeting.chair_id not in wanted:
        meeting.chair = None
        meeting.save(update_fields=["chair", "updated_at"])
    meeting.members.exclude(expert_id__in=wanted).delete()
    have = set(meeting.members.values_list("expert_id", flat=True))
    for sort, expert in enumerate(experts):
        if expert.pk in have:
            meeting.members.filter(expert=expert).update(sort=sort)
        else:
            MeetingMember.objects.create(meeting=meeting, expert=expert, sort=sort)
    after = [_expert_label(e) for e in experts]
    if before != after:
        audit_record(meeting, actor=user, action="panel_set", changes={"panel": [before, after]})
    _recusals_sync(user, meeting)
    return after


@transaction.atomic
def members_set(user, meeting: Meeting, experts: Iterable[Expert]) -> Meeting:
    """Set the panel (in this order); members taken off lose their recusals with them."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Changing the panel"))
    _members_set(user, meeting, experts)
    return meeting


@transaction.atomic
def panel_draw_for_meeting(user, meeting: Meeting, size: int, *, seed=None):
    """Draw the panel at random (随机抽取) among the experts eligible for the meeting's
    review round, with a recorded seed; the drawn experts replace the panel. Returns the
    experts' `PanelDraw` (members, recusals by reference, how many short)."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Drawing the panel"))
    if meeting.review_round_id is None:
        raise ActionRefused(
            _("Link the meeting to a review round first: the panel is drawn from its experts.")
        )
    drawn = panel_draw(user, meeting.review_round, size, seed=seed)
    meeting.draw = drawn.draw
    meeting.save(update_fields=["draw", "updated_at"])
    audit_record(
        meeting,
        actor=user,
        action="panel_drawn",
        changes={"draw": [None, drawn.draw.seed]},
        note=drawn.draw.seed,
    )
    _members_set(user, meeting, drawn.members)
    return drawn


def _agenda_check(meeting: Meeting, declarations: Sequence[Declaration]) -> None:
    errors, seen = [], set()
    for decl in declarations:
        if decl.pk in seen:
            errors.append(_("%(ref)s is on the agenda twice.") % {"ref": decl.reference})
        seen.add(decl.pk)
        if decl.call_id != meeting.call_id:
            errors.append(_("%(ref)s was not declared to this call.") % {"ref": decl.reference})
        elif decl.state != State.PASSED:
            errors.append(
                _(
                    "%(ref)s is %(state)s; only declarations that passed formal review go on the agenda."
                )
                % {"ref": decl.reference, "state": decl.get_state_display()}
            )
    if errors:
        raise ValidationError(errors)


def _agenda_set(user, meeting: Meeting, declarations: Sequence[Declaration]) -> None:
    declarations = list(declarations)
    if meeting.hears_checks:
        raise ActionRefused(
            _("A check meeting's agenda holds checks: put a check on it from its panel page.")
        )
    _agenda_check(meeting, declarations)
    before = list(meeting.items.values_list("declaration__reference", flat=True))
    wanted = {d.pk for d in declarations}
    meeting.items.exclude(declaration_id__in=wanted).delete()
    have = set(meeting.items.values_list("declaration_id", flat=True))
    for order, decl in enumerate(declarations, start=1):
        if decl.pk in have:
            meeting.items.filter(declaration=decl).update(order=order)
        else:
            AgendaItem.objects.create(meeting=meeting, declaration=decl, order=order)
    after = [d.reference for d in declarations]
    if before != after:
        audit_record(meeting, actor=user, action="agenda_set", changes={"agenda": [before, after]})
    _recusals_sync(user, meeting)


@transaction.atomic
def agenda_set(user, meeting: Meeting, declarations: Sequence[Declaration]) -> Meeting:
    """Set the agenda: these declarations, discussed in this order."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda"))
    _agenda_set(user, meeting, declarations)
    return meeting


def _item_label(item: AgendaItem) -> str:
    if item.check_record_id:
        return f"{item.declaration.reference} {item.check_record.get_kind_display()}"
    return item.declaration.reference


@transaction.atomic
def agenda_order(user, meeting: Meeting, items: Sequence[AgendaItem]) -> Meeting:
    """Keep these items of the agenda, in this order; the others are taken off. Works for
    both kinds of meeting, since it adds nothing."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda"))
    current = list(meeting.items.select_related("declaration", "check_record"))
    by_pk = {i.pk: i for i in current}
    wanted = [by_pk.get(getattr(i, "pk", i)) for i in items]
    if None in wanted or len({i.pk for i in wanted}) != len(wanted):
        raise ValidationError(_("Order only the items on this meeting's agenda, each once."))
    before = [_item_label(i) for i in current]
    meeting.items.exclude(pk__in=[i.pk for i in wanted]).delete()
    for order, item in enumerate(wanted, start=1):
        if item.order != order:
            AgendaItem.objects.filter(pk=item.pk).update(order=order)
    after = [_item_label(i) for i in wanted]
    if before != after:
        audit_record(meeting, actor=user, action="agenda_set", changes={"agenda": [before, after]})
    return meeting


# ---------------------------------------------------------------- recusals


def _recusal_add(user, item: AgendaItem, member: MeetingMember, reasons, source) -> Recusal:
    recusal = Recusal.objects.create(item=item, member=member, reasons=list(reasons), source=source)
    voided = Vote.objects.filter(item=item, member=member).first()
    changes = {
        "recusals": [None, f"{item.declaration.reference}: {member.expert.name}"],
    }
    if voided is not None:
        changes["vote"] = [voided.choice, None]
        voided.delete()
    audit_record(
        item.meeting, actor=user, action="recused", changes=changes, note="; ".join(reasons)
    )
    return recusal


def _recusals_sync(user, meeting: Meeting, *, items=None, members=None) -> list[Recusal]:
    """Recuse every member on every item they are conflicted on. While the meeting is
    scheduled, detected recusals whose conflict has gone are lifted; once it sits, they
    stay. Returns the recusals added."""
    items = list(
        items if items is not None else meeting.items.select_related("declaration", "meeting")
    )
    members = list(
        members if members is not None else meeting.members.select_related("expert__organisation")
    )
    if not items or not members:
        return []
    with office_language():  # the reasons are read later, in the minutes
        found = conflicts_detect([i.declaration for i in items], [m.expert for m in members])
    existing = {
        (r.item_id, r.member_id): r
        for r in Recusal.objects.filter(item__in=items, member__in=members)
    }
    added = []
    for item in items:
        for member in members:
            reasons = found.get((item.declaration_id, member.expert_id))
            current = existing.get((item.pk, member.pk))
            if reasons and current is None:
                added.append(_recusal_add(user, item, member, reasons, Recusal.Source.DETECTED))
            elif (
                reasons and current.source == Recusal.Source.DETECTED and current.reasons != reasons
            ):
                current.reasons = reasons
                current.save(update_fields=["reasons"])
            elif (
                not reasons
                and current is not None
                and current.source == Recusal.Source.DETECTED
                and meeting.state == MeetingState.SCHEDULED
            ):
                current.delete()
                audit_record(
                    meeting,
                    actor=user,
                    action="recusal_lifted",
                    changes={
                        "recusals": [f"{item.declaration.reference}: {member.expert.name}", None]
                    },
                )
    return added


@transaction.atomic
def recusal_declare(user, item: AgendaItem, member: MeetingMember, reason: str) -> Recusal:
    """Record a recusal a member declares at the meeting (or before it); any vote they
    cast on the item is struck out."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the member is recused.")})
    meeting = _locked(item.meeting)
    _require_runs(user, meeting)
    _require_state(
        meeting, MeetingState.SCHEDULED, MeetingState.IN_SESSION, doing=_("Recording a recusal")
    )
    if item.meeting_id != meeting.pk or member.meeting_id != meeting.pk:
        raise ValidationError(_("The item and the member must belong to this meeting."))
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ActionRefused(
            _("%(name)s is already recused on %(ref)s.")
            % {"name": member.expert.name, "ref": item.declaration.reference}
        )
    return _recusal_add(user, item, member, [reason], Recusal.Source.DECLARED)


# ---------------------------------------------------------------- the sitting


@transaction.atomic
def attendance_record(user, meeting: Meeting, present: dict) -> Meeting:
    """Record who is present: {member id or member: True/False}. A member who has voted
    cannot be marked absent."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(
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
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Opening the meeting"))
    if not meeting.members.exists() or not meeting.items.exists():
        raise ActionRefused(_("A meeting needs a panel and at least one item on its agenda."))
    _recusals_sync(user, meeting)
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
    meeting = _locked(item.meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.IN_SESSION, doing=_("Recording notes"))
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
        meeting = _locked(item.meeting)
        if meeting.state == MeetingState.IN_SESSION:
            _recusals_sync(
                user,
                meeting,
                items=meeting.items.filter(pk=item.pk).select_related("declaration", "meeting"),
                members=meeting.members.filter(pk=member.pk).select_related("expert__organisation"),
            )
    return _vote_record(user, item, member, choice, comment)


@transaction.atomic
def _vote_record(user, item, member, choice, comment) -> Vote:
    meeting = _locked(item.meeting)
    member = MeetingMember.objects.select_related("expert", "meeting").get(pk=member.pk)
    if member.meeting_id != meeting.pk:
        raise ValidationError(_("This expert is not on the meeting's panel."))
    if not permissions.may_record_vote(user, member):
        raise NotAllowed(_("You may not record this member's vote."))
    _require_state(meeting, MeetingState.IN_SESSION, doing=_("Voting"))
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
    allowed = meeting.vote_choices(sitting=item.sitting)
    if choice not in {value for value, _label in allowed}:
        if not meeting.hears_checks:
            message = _("Vote approve, candidate or reject.")
        elif (item.sitting or 1) > 1:
            message = _("At the second sitting vote pass or fail: a check is rectified only once.")
        else:
            message = _("Vote pass, pass after rectification or fail.")
        raise ValidationError({"choice": message})
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
    valid votes (`meeting_rules`). An item short of its quorum, or with the votes split
    evenly, gets no outcome and is flagged. The record is frozen from then on. At a
    check meeting each decided check's outcome is recorded too, with the opinion of the
    meeting as its findings; nothing closes if a rectification or failure has none."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.IN_SESSION, doing=_("Closing the meeting"))
    _recusals_sync(user, meeting)
    n_members = meeting.members.count()
    summary = {}
    items = list(meeting.items.select_related("declaration", "check_record"))
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
        summary[_item_label(item)] = [None, decision.outcome or decision.flag]
    meeting.closed_at = now or timezone.now()
    transition_fire(
        user, meeting, "close", what=_("meeting"), changes={"outcomes": [None, summary]}
    )
    if meeting.hears_checks:
        from .services_check_meetings import check_outcomes_record

        check_outcomes_record(user, meeting, items)
    return meeting


@transaction.atomic
def meeting_cancel(user, meeting: Meeting, reason: str) -> Meeting:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Cancelling the meeting"))
    meeting.closing_note = reason
    transition_fire(user, meeting, "cancel", note=reason, what=_("meeting"))
    return meeting
