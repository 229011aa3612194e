"""The meeting's panel: chosen by the officer or drawn at random from the review round."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused
from wusong.experts.models import Expert
from wusong.experts.services import panel_draw

from ..models import Meeting, MeetingMember
from ..workflow import MeetingState
from .guards import meeting_to_change
from .recusals import recusals_sync


def _expert_label(expert) -> str:
    return f"{expert.name} ({expert.organisation})" if expert.organisation_id else expert.name


def members_replace(user, meeting: Meeting, experts: Iterable[Expert]) -> list[str]:
    """Make `experts` the panel, in this order, with the audit entry and the recusals
    that follow; for a meeting already locked and checked."""
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
    recusals_sync(user, meeting)
    return after


@transaction.atomic
def members_set(user, meeting: Meeting, experts: Iterable[Expert]) -> Meeting:
    """Set the panel (in this order); members taken off lose their recusals with them."""
    meeting = meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Changing the panel")
    )
    members_replace(user, meeting, experts)
    return meeting


@transaction.atomic
def panel_draw_for_meeting(user, meeting: Meeting, size: int, *, seed=None):
    """Draw the panel at random (随机抽取) among the experts eligible for the meeting's
    review round, with a recorded seed; the drawn experts replace the panel. Returns the
    experts' `PanelDraw` (members, recusals by reference, how many short)."""
    meeting = meeting_to_change(user, meeting, MeetingState.SCHEDULED, doing=_("Drawing the panel"))
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
    members_replace(user, meeting, drawn.members)
    return drawn
