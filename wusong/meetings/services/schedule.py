"""Scheduling a meeting and changing its details while it is scheduled."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import audited_update, fields_apply
from wusong.calls.models import Call, Declaration
from wusong.experts.models import Expert
from wusong.notifications.services import office_language

from ..models import MEETING_DETAILS, Meeting, Purpose
from ..workflow import MeetingState
from .agenda import agenda_replace
from .guards import meeting_to_change, runs_required, shown
from .panel import members_replace


def _details(meeting: Meeting) -> dict:
    """The meeting's details as its history records them."""
    return {k: shown(getattr(meeting, k)) for k in MEETING_DETAILS}


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


def _details_update(user, meeting: Meeting, data: dict) -> dict:
    return audited_update(
        user,
        meeting,
        data,
        fields=MEETING_DETAILS,
        snapshot=_details,
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
    chair and quorum rule; optionally its panel and agenda at once. A meeting of another
    purpose gets its agenda through the app whose kind of item it hears (`agenda`)."""
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choose the purpose of the meeting.")})
    meeting = Meeting(call=call, created_by=user, purpose=purpose)
    runs_required(user, meeting)
    data = dict(data)
    chair = data.pop("chair", None)
    refusal = meeting.agenda_kind.declarations_refusal(scheduling=True)
    if refusal and (declarations or data.get("review_round")):
        raise ValidationError(refusal)
    if not data.get("title"):
        with office_language():  # the title heads the minutes
            data["title"] = _("Review meeting of %(call)s") % {"call": call.name}
    fields_apply(
        meeting, data, MEETING_DETAILS, strip=True, refused=_("%(field)s cannot be set here.")
    )
    _details_check(meeting)
    meeting.save()
    audit_record(
        meeting,
        actor=user,
        action="scheduled",
        changes={k: [None, v] for k, v in _details(meeting).items()}
        | {"purpose": [None, meeting.purpose]},
    )
    if experts:
        members_replace(user, meeting, experts)
    if declarations:
        agenda_replace(user, meeting, declarations)
    if chair is not None:
        _details_update(user, meeting, {"chair": chair})
    return meeting


@transaction.atomic
def meeting_update(user, meeting: Meeting, data: dict) -> Meeting:
    """Change the details of a scheduled meeting."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Changing the meeting")
    )
    _details_update(user, meeting, data)
    return meeting
