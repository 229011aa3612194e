"""The minutes (会议纪要) of a review meeting as a PDF, from the office's template: the
meeting's kind of agenda item names the template (one for selection meetings, another
for the meetings where the expert panel of a mid-term check or final acceptance sits,
验收评审), and `documents` renders it.

The template is given plain values, not model instances, so that an edited template can
show only what is meant to be printed: the meeting, who attended, and for each item the
project, the discussion, the opinion of the meeting, each member's vote, the recusals,
the quorum and the outcome. Words of the document (同意, 回避 …) are in the template, so
the office words them as it likes; the context carries codes (``approve``, ``pass``,
``quorum_not_met``) beside names and numbers.
"""

from django.conf import settings
from django.utils import timezone

from wusong.documents.services import render_pdf

from .selectors import meeting_lines, meeting_members
from .workflow import MeetingState


def _fraction(numerator: int, denominator: int) -> str:
    return "全部" if numerator == denominator else f"{numerator}/{denominator}"


def minutes_context(meeting) -> dict:
    """What the minutes template is given; an item of another kind brings its `check`
    entry from its kind of agenda item (`agenda`)."""
    kind = meeting.agenda_kind
    members = meeting_members(meeting)
    chair = meeting.chair.name if meeting.chair_id else ""
    recorder = getattr(meeting.created_by, "display_name", "") or meeting.created_by.get_username()
    items = []
    for number, line in enumerate(meeting_lines(meeting), start=1):
        item = line.item
        decl = item.declaration
        tally = dict(item.tally or {})
        items.append(
            {
                "number": number,
                "title": decl.title,
                "reference": decl.reference,
                "organisation": decl.organisation.name,
                "requested": decl.requested_amount,
                "discussion": item.notes,
                "decision": item.conclusion,
                "outcome": item.outcome,
                "flag": item.flag,
                "quorum_met": item.quorum_met,
                "tally": {
                    "eligible": tally.get("eligible", len(line.eligible)),
                    "voting": tally.get("voting", len(line.votes)),
                    "needed": tally.get("needed", meeting.quorum.needed(len(line.eligible))),
                    **{choice: tally.get(choice, 0) for choice in meeting.scale.choices},
                },
                "check": kind.minutes_entry(item, line.panel),
                "votes": [
                    {"member": v.member.expert.name, "choice": v.choice, "comment": v.comment}
                    for v in line.votes
                ],
                "recusals": [
                    {
                        "member": r.member.expert.name,
                        "reasons": list(r.reasons),
                        "source": r.source,
                    }
                    for r in line.recusals
                ],
            }
        )
    return {
        "meeting": {
            "title": meeting.title,
            "date": timezone.localtime(meeting.starts_at),
            "time": timezone.localtime(meeting.starts_at).strftime("%H:%M"),
            "place": meeting.place,
            "chair": chair,
            "recorder": recorder,
            "programme": meeting.call.programme.name,
            "call": meeting.call.name,
            "purpose": meeting.purpose,
            "state": meeting.state,
            "final": meeting.state == MeetingState.CLOSED,
            "opened_at": meeting.opened_at,
            "closed_at": meeting.closed_at,
            "quorum": {
                "share": _fraction(meeting.quorum_numerator, meeting.quorum_denominator),
                "numerator": meeting.quorum_numerator,
                "denominator": meeting.quorum_denominator,
                "min_votes": meeting.quorum_min_votes,
            },
        },
        "members": [
            {
                "name": m.expert.name,
                "organisation": m.expert.organisation.name,
                "title": m.expert.title,
                "present": m.present,
                "chair": m.expert_id == meeting.chair_id,
            }
            for m in members
        ],
        "attendees": [m.expert.name for m in members if m.present],
        "absentees": [m.expert.name for m in members if m.present is False],
        "items": items,
        "issuer": settings.WUSONG_OFFICE_NAME,
    }


def meeting_minutes_pdf(meeting) -> bytes:
    """The minutes of `meeting` as a PDF; marked as a draft until the meeting closes."""
    return render_pdf(meeting.agenda_kind.minutes_document, minutes_context(meeting))
