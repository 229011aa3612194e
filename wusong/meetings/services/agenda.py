"""The meeting's agenda: the declarations a selection meeting hears, in order, and the
items an app of another kind puts on a meeting (`agenda_item_add`)."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.errors import ActionRefused
from wusong.experts.models import Expert

from ..models import AgendaItem, Meeting
from ..workflow import MeetingState
from .guards import meeting_to_change
from .panel import members_replace
from .recusals import recusals_sync


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


def agenda_replace(user, meeting: Meeting, declarations: Sequence[Declaration]) -> None:
    """Make `declarations` the agenda, in this order, with the audit entry and the
    recusals that follow; for a meeting already locked and checked."""
    declarations = list(declarations)
    refusal = meeting.agenda_kind.declarations_refusal(scheduling=False)
    if refusal:
        raise ActionRefused(refusal)
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
    recusals_sync(user, meeting)


@transaction.atomic
def agenda_set(user, meeting: Meeting, declarations: Sequence[Declaration]) -> Meeting:
    """Set the agenda: these declarations, discussed in this order."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda")
    )
    agenda_replace(user, meeting, declarations)
    return meeting


def item_label(item: AgendaItem) -> str:
    """The item as the meeting's history names it: its declaration, and what else it hears."""
    if item.heard is not None:
        return f"{item.declaration.reference} {item.heard.label}"
    return item.declaration.reference


@transaction.atomic
def agenda_order(user, meeting: Meeting, items: Sequence[AgendaItem]) -> Meeting:
    """Keep these items of the agenda, in this order; the others are taken off. Works for
    every kind of meeting, since it adds nothing."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda")
    )
    current = list(meeting.items.select_related("declaration", "meeting"))
    by_pk = {i.pk: i for i in current}
    wanted = [by_pk.get(getattr(i, "pk", i)) for i in items]
    if None in wanted or len({i.pk for i in wanted}) != len(wanted):
        raise ValidationError(_("Order only the items on this meeting's agenda, each once."))
    before = [item_label(i) for i in current]
    meeting.items.exclude(pk__in=[i.pk for i in wanted]).delete()
    for order, item in enumerate(wanted, start=1):
        if item.order != order:
            AgendaItem.objects.filter(pk=item.pk).update(order=order)
    after = [item_label(i) for i in wanted]
    if before != after:
        audit_record(meeting, actor=user, action="agenda_set", changes={"agenda": [before, after]})
    return meeting


@transaction.atomic
def agenda_item_add(
    user,
    meeting: Meeting,
    declaration: Declaration,
    *,
    label: str,
    sitting: int | None = None,
    panel: Iterable[Expert] = (),
    chair: Expert | None = None,
) -> AgendaItem:
    """Put one more item on a scheduled meeting's agenda, for an app whose kind of item
    hears another record (`agenda`): `declaration` is the one that record is about
    (conflicts of interest are found against it), `label` names the item in the history,
    `sitting` is the hearing's sitting. The experts of `panel` not yet on the meeting's
    panel join it, and `chair` chairs the meeting if it has no chair yet."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda")
    )
    seated = [m.expert for m in meeting.members.select_related("expert")]
    have = {e.pk for e in seated}
    members_replace(user, meeting, seated + [e for e in panel if e.pk not in have])
    if meeting.chair_id is None and chair is not None:
        meeting.chair = chair
        meeting.save(update_fields=["chair", "updated_at"])
    before = [i.declaration.reference for i in meeting.items.select_related("declaration")]
    item = AgendaItem.objects.create(
        meeting=meeting, declaration=declaration, sitting=sitting, order=len(before) + 1
    )
    audit_record(
        meeting,
        actor=user,
        action="agenda_set",
        changes={"agenda": [before, [*before, label]]},
        note=_("Sitting %(n)s") % {"n": sitting} if sitting else "",
    )
    recusals_sync(user, meeting)
    return item
