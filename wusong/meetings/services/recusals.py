"""Recusal: whenever the panel or the agenda changes, when the meeting opens and before
each vote, the conflicts of interest found by the expert-review conflict rules (same or
related organisation, team member, recent collaborator, a conflict the expert declared)
recuse the member on that item; a member may also declare one at the meeting. A recused
member's vote is struck out and refused."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused
from wusong.experts.selectors import conflicts_detect
from wusong.notifications.services import office_language

from ..models import AgendaItem, Meeting, MeetingMember, Recusal, Vote
from ..workflow import MeetingState
from .guards import meeting_to_change


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


def recusals_sync(user, meeting: Meeting, *, items=None, members=None) -> list[Recusal]:
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
    meeting = meeting_to_change(
        user,
        item.meeting,
        MeetingState.SCHEDULED,
        MeetingState.IN_SESSION,
        doing=_("Recording a recusal"),
    )
    if item.meeting_id != meeting.pk or member.meeting_id != meeting.pk:
        raise ValidationError(_("The item and the member must belong to this meeting."))
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ActionRefused(
            _("%(name)s is already recused on %(ref)s.")
            % {"name": member.expert.name, "ref": item.declaration.reference}
        )
    return _recusal_add(user, item, member, [reason], Recusal.Source.DECLARED)
