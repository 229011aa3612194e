"""Reads of a check's expert panel: which sitting it is at, the meeting that hears it,
the experts it may be formed from, the members' sheets as the officer sees them, what a
member judges the check by, and the pages of the officer and of a member."""

from decimal import Decimal

from django.db.models import QuerySet, Sum

from wusong.experts.models import Expert
from wusong.experts.selectors import conflicts_detect
from wusong.funding.models import Disbursement
from wusong.funding.workflow import DisbursementState
from wusong.meetings.models import AgendaItem, Meeting, Purpose
from wusong.meetings.workflow import MeetingState

from .. import permissions
from ..models import (
    AgreementCheck,
    CheckHearing,
    CheckPanel,
    CompanyReport,
    PanelMember,
    PanelSheet,
)
from ..workflow import FILED_REPORT_STATES, SITTING_STATES


def sitting_of(check: AgreementCheck) -> int:
    """1 for the first hearing, 2 once a rectification is filed."""
    return 2 if check.rectified_on else 1


def open_hearing(check: AgreementCheck):
    """The agenda item of a meeting not yet closed (scheduled or in session) that hears
    the check, or None."""
    return (
        AgendaItem.objects.filter(
            check_hearing__check_record=check,
            meeting__state__in=(MeetingState.SCHEDULED, MeetingState.IN_SESSION),
        )
        .select_related("meeting")
        .first()
    )


def hearings_of(check: AgreementCheck):
    """The agenda items of every meeting that hears or heard the check, by date."""
    return (
        AgendaItem.objects.filter(check_hearing__check_record=check)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


def expert_pool():
    """The experts a panel is formed from: active, with an active account."""
    return Expert.objects.filter(active=True, user__is_active=True).select_related("organisation")


def panel_conflicts(check: AgreementCheck, experts=None) -> dict[int, list[str]]:
    """{expert id: reasons} for the experts conflicted with the check's declaration."""
    declaration = check.agreement.declaration
    experts = list(experts if experts is not None else expert_pool())
    found = conflicts_detect([declaration], experts)
    return {e: [str(r) for r in reasons] for (_d, e), reasons in found.items()}


def panel_summary(check: AgreementCheck, sitting: int | None = None) -> dict | None:
    """The panel of the current sitting (or of `sitting`) as the officer sees it: each
    member's total and recommendation, the mean of the submitted totals and the count
    per recommendation."""
    panel = (
        CheckPanel.objects.filter(check_record=check)
        .select_related("rubric")
        .prefetch_related("members__expert__organisation")
        .first()
    )
    if panel is None:
        return None
    sitting = sitting or sitting_of(check)
    sheets = {
        s.member_id: s
        for s in PanelSheet.objects.filter(member__panel=panel, sitting=sitting).prefetch_related(
            "scores__criterion"
        )
    }
    rows, totals = [], []
    counts = dict.fromkeys(PanelSheet.Recommendation.values, 0)
    for member in panel.members.all():
        sheet = sheets.get(member.pk)
        submitted = sheet is not None and sheet.submitted
        if submitted:
            if sheet.total is not None:
                totals.append(sheet.total)
            counts[sheet.recommendation] += 1
        rows.append(
            {
                "member": member,
                "sheet": sheet,
                "submitted": submitted,
                "total": sheet.total if submitted else None,
                "recommendation": sheet.get_recommendation_display() if submitted else "",
                "recommendation_code": sheet.recommendation if submitted else "",
                "comment": sheet.comment if submitted else "",
            }
        )
    mean = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
    return {
        "panel": panel,
        "sitting": sitting,
        "rows": rows,
        "mean": mean,
        "submitted": len(totals),
        "size": len(rows),
        "complete": bool(rows) and len(totals) == len(rows),
        "quorate": 2 * len(totals) > len(rows),  # more than half have submitted
        "counts": [(label, counts[code]) for code, label in PanelSheet.Recommendation.choices],
        "excluded": panel.excluded,
    }


def panel_materials(check: AgreementCheck, reports: int = 4) -> dict:
    """What a panel member judges the check by, read-only: what the agreement committed
    to (task period, total, milestones, key tasks), the money paid out under it so far,
    the company's latest filed reports (submitted or accepted, newest first, with their
    key-task progress) and, at the second sitting, the findings and the rectification the
    company filed. Never the office's own follow-up notes nor other members' scores."""
    agreement = check.agreement
    project = getattr(agreement.declaration, "portfolio_project", None)
    filed = []
    if project is not None:
        filed = sorted(
            CompanyReport.objects.filter(
                project=project, state__in=FILED_REPORT_STATES
            ).prefetch_related("tasks"),
            key=lambda r: (r.bounds[1], r.months),
            reverse=True,
        )[:reports]
    paid = Disbursement.objects.filter(
        tranche__agreement=agreement, state=DisbursementState.PAID
    ).aggregate(s=Sum("amount"))["s"]
    return {
        "agreement": agreement,
        "milestones": list(agreement.milestones.all()),
        "key_tasks": list(agreement.key_tasks.all()),
        "paid": paid or Decimal(0),
        "reports": filed,
        "rectification": (
            {
                "findings": check.findings,
                "rectify_by": check.rectify_by,
                "filed_on": check.rectified_on,
                "text": check.rectification,
            }
            if check.rectified_on
            else None
        ),
    }


def panel_sheet(member: PanelMember, sitting: int) -> PanelSheet | None:
    """The member's sheet for the sitting, with its scores, or None before they score."""
    return (
        PanelSheet.objects.filter(member=member, sitting=sitting).prefetch_related("scores").first()
    )


def panels_of(user) -> list[dict]:
    """The checks the expert sits on, each with their sheet for the current sitting."""
    rows = []
    for check in permissions.checks_on_panel_of(user).select_related("agreement__declaration"):
        member = permissions.panel_member_of(user, check)
        sheet = PanelSheet.objects.filter(member=member, sitting=sitting_of(check)).first()
        rows.append({"check": check, "sheet": sheet})
    return rows


def panel_page(check: AgreementCheck, *, officer: bool, member: PanelMember | None) -> dict:
    """What the panel page shows: to the officer running the agreement, the panel's
    sheets, the meetings that hear the check and the pool to form the panel from; to a
    member, the materials they judge the check by. `hear_at_meeting` says whether the
    check can be put on a meeting now."""
    page = {
        "check": check,
        "agreement": check.agreement,
        "project": getattr(check.agreement.declaration, "portfolio_project", None),
        "officer": officer,
        "member": member,
        "sitting": sitting_of(check),
        "open": check.state in SITTING_STATES,
        "hear_at_meeting": False,
    }
    if officer:
        summary = panel_summary(check)
        hearing = open_hearing(check)
        page |= {"hearing": hearing, "hearings": hearings_of(check)}
        if summary and page["open"] and hearing is None:
            page |= {
                "hear_at_meeting": True,
                "meetings_to_join": Meeting.objects.filter(
                    purpose=Purpose.CHECK,
                    state=MeetingState.SCHEDULED,
                    call=check.agreement.declaration.call,
                ).order_by("starts_at"),
            }
        pool = list(expert_pool())
        conflicts = panel_conflicts(check, pool)
        chosen = {r["member"].expert_id for r in summary["rows"]} if summary else set()
        page |= {
            "summary": summary,
            "pool": [
                {"expert": e, "conflicts": conflicts.get(e.pk, []), "chosen": e.pk in chosen}
                for e in pool
            ],
        }
    if member is not None:
        page["materials"] = panel_materials(check)
    return page


def checks_to_hear(meeting) -> QuerySet:
    """The checks of the meeting's call that could go on its agenda: waiting for their
    panel, with a panel formed, and on no meeting not yet closed."""
    open_hearings = CheckHearing.objects.filter(
        agenda_item__meeting__state__in=(MeetingState.SCHEDULED, MeetingState.IN_SESSION)
    ).values("check_record")
    return (
        AgreementCheck.objects.filter(
            agreement__declaration__call=meeting.call,
            state__in=SITTING_STATES,
            panel__members__isnull=False,
        )
        .exclude(pk__in=open_hearings)
        .exclude(agreement__declaration__meeting_items__meeting=meeting)
        .select_related("agreement__declaration")
        .distinct()
        .order_by("scheduled_on", "pk")
    )
