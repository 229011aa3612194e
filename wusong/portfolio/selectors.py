"""Reads and aggregates for post-investment care: profiles, charts, desks, the pool."""

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.calls.permissions import declarations_visible_to, reads_everything
from wusong.calls.workflow import State as DeclarationState
from wusong.kernels import assessment as scoring
from wusong.kernels.radar import Series, bars_svg, history_svg, radar_svg
from wusong.meetings.models import AgendaItem
from wusong.meetings.workflow import MeetingState

from . import permissions
from .models import (
    DIMENSIONS,
    AgreementCheck,
    Alert,
    Assessment,
    CheckHearing,
    CompanyReport,
    Dimension,
    PlanItem,
    Project,
    ServiceLog,
)
from .services import weak_threshold
from .services_panel import SITTING_STATES
from .workflow import LIVE_PLAN_STATES, CheckState, ReportState


def dimension_labels() -> list[str]:
    return [str(Dimension(d).label) for d in DIMENSIONS]


def manager_assessments(project: Project) -> QuerySet:
    return project.assessments.filter(kind=Assessment.Kind.MANAGER).order_by("assessed_on", "id")


def latest_pair(project: Project) -> tuple[Assessment | None, Assessment | None]:
    """The latest manager's assessment and the one before it."""
    rows = list(manager_assessments(project).order_by("-assessed_on", "-id")[:2])
    return (rows[0] if rows else None, rows[1] if len(rows) > 1 else None)


def radar_for(project: Project, current=None, previous=None) -> str | None:
    """Now against the last assessment, with the company's own view beside it."""
    if current is None:
        current, previous = latest_pair(project)
    if current is None:
        return None
    series = [
        Series(_("Now (%(date)s)") % {"date": current.assessed_on}, list(current.scores().values()))
    ]
    if previous is not None:
        series.append(
            Series(
                _("Last (%(date)s)") % {"date": previous.assessed_on},
                list(previous.scores().values()),
                dashed=True,
            )
        )
    if current.self_assessment_id:
        mine = current.self_assessment
        series.append(
            Series(
                _("Company's own view (%(date)s)") % {"date": mine.assessed_on},
                list(mine.scores().values()),
                dashed=True,
            )
        )
    return radar_svg(
        dimension_labels(),
        series,
        title=_("Five dimensions of %(title)s") % {"title": project.title},
    )


def dimension_history(project: Project) -> list[dict]:
    """Per dimension: the scores over time and a small line chart."""
    rows = list(manager_assessments(project))
    threshold = weak_threshold()
    out = []
    for code, label in zip(DIMENSIONS, dimension_labels(), strict=True):
        points = [(a.assessed_on.strftime("%Y-%m"), getattr(a, code)) for a in rows]
        out.append(
            {
                "dimension": code,
                "label": label,
                "points": points,
                "svg": history_svg(points, threshold=threshold, title=label) if points else None,
            }
        )
    return out


def weak_link_moves(current: Assessment, previous: Assessment | None) -> list[dict]:
    """For each weak link of the previous assessment: its score then and now, whether it
    rose above the threshold, and the plan items aimed at it."""
    if previous is None:
        return []
    threshold = weak_threshold()
    before, after = previous.scores(), current.scores()
    moves = []
    for d in scoring.weak_links(before, threshold, DIMENSIONS):
        b, a = before[d], after[d]
        moves.append(
            {
                "dimension": d,
                "label": Dimension(d).label,
                "before": b,
                "after": a,
                "delta": (a - b) if a is not None and b is not None else None,
                "closed": a is not None and a >= threshold,
                "items": list(previous.plan_items.all()),
            }
        )
    return moves


def timeline(project: Project) -> list[dict]:
    """Assessments and services, newest first; each manager's assessment carries the
    hours of service given since the one before — the service log feeding the history."""
    entries = []
    previous_date = None
    for a in manager_assessments(project):
        logs = project.service_logs.filter(on__lte=a.assessed_on)
        if previous_date:
            logs = logs.filter(on__gt=previous_date)
        hours = logs.aggregate(h=Sum("hours"))["h"] or Decimal(0)
        entries.append(
            {"on": a.assessed_on, "kind": "assessment", "assessment": a, "hours_since": hours}
        )
        previous_date = a.assessed_on
    for log in project.service_logs.select_related("server", "logged_by"):
        entries.append({"on": log.on, "kind": "service", "log": log})
    entries.sort(key=lambda e: (e["on"], e["kind"] == "assessment"), reverse=True)
    return entries


def profile(project: Project) -> dict:
    current, previous = latest_pair(project)
    threshold = weak_threshold()
    scores = current.scores() if current else {}
    return {
        "current": current,
        "previous": previous,
        "self": current.self_assessment if current else latest_self(project),
        "threshold": threshold,
        "rows": [
            {
                "dimension": d,
                "label": Dimension(d).label,
                "now": scores.get(d),
                "before": previous.scores().get(d) if previous else None,
                "mine": (
                    current.self_assessment.scores().get(d)
                    if current and current.self_assessment
                    else None
                ),
                "weak": scores.get(d) is not None and scores[d] < threshold,
            }
            for d in DIMENSIONS
        ],
        "weak_links": scoring.weak_links(scores, threshold, DIMENSIONS) if current else [],
        "moves": weak_link_moves(current, previous) if current else [],
    }


def latest_self(project: Project) -> Assessment | None:
    return (
        project.assessments.filter(kind=Assessment.Kind.SELF)
        .order_by("-assessed_on", "-id")
        .first()
    )


def latest_assessments(projects: QuerySet) -> dict[int, Assessment]:
    """Each project's latest manager's assessment, by project id, in one query."""
    latest: dict[int, Assessment] = {}
    rows = Assessment.objects.filter(
        project__in=projects.order_by().values("pk"), kind=Assessment.Kind.MANAGER
    ).order_by("project_id", "-assessed_on", "-id")
    for assessment in rows:
        latest.setdefault(assessment.project_id, assessment)
    return latest


def weakest_most_often(
    projects: QuerySet, latest: dict[int, Assessment] | None = None
) -> list[tuple[str, str, int]]:
    """(dimension, label, count) over each project's latest manager's assessment, most
    often weakest first (ties in the dimensions' order)."""
    if latest is None:
        latest = latest_assessments(projects)
    counts: Counter = Counter(a.weakest for a in latest.values() if a.weakest)
    ordered = sorted(DIMENSIONS, key=lambda d: (-counts[d], DIMENSIONS.index(d)))
    return [(d, str(Dimension(d).label), counts[d]) for d in ordered]


def weakest_chart(projects: QuerySet, latest: dict[int, Assessment] | None = None) -> str:
    rows = weakest_most_often(projects, latest)
    return bars_svg([(label, n) for _d, label, n in rows], title=_("Weakest dimension, by project"))


def overdue_items(today: dt.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return PlanItem.objects.filter(state__in=LIVE_PLAN_STATES, due__lt=today).select_related(
        "project__declaration", "owner_user", "owner_agency"
    )


def items_owned_by(user) -> QuerySet:
    cond = Q(owner_user=user)
    if user.organisation_id:
        cond |= Q(owner_agency_id=user.organisation_id)
    return PlanItem.objects.filter(cond, state__in=LIVE_PLAN_STATES).select_related(
        "project__declaration", "owner_user", "owner_agency"
    )


def desk(user, today: dt.date | None = None) -> dict:
    """What needs the person's attention: their own plan items (overdue first); for a
    manager also the overdue items, open alerts and reports to accept of their projects."""
    from .services_reports import reports_missing

    today = today or timezone.localdate()
    managed = (
        Project.objects.all() if reads_everything(user) else permissions.projects_managed_by(user)
    )
    mine = list(items_owned_by(user).order_by("due"))
    return {
        "today": today,
        "my_items": mine,
        "my_overdue": [i for i in mine if i.due < today],
        "managed": managed.select_related("declaration", "organisation"),
        "team_overdue": overdue_items(today).filter(project__in=managed).order_by("due"),
        "alerts": Alert.objects.filter(
            project__in=managed, resolved_at__isnull=True
        ).select_related("project__declaration"),
        "to_accept": CompanyReport.objects.filter(
            project__in=managed, state=ReportState.SUBMITTED
        ).select_related("project__declaration"),
        "missing": reports_missing(today, managed.filter(kind=Project.Kind.PORTFOLIO)),
        "panels": permissions.checks_on_panel_of(user).count(),
        "served": permissions.projects_served_by(user).select_related(
            "declaration", "organisation"
        ),
        "to_follow": approved_not_followed(user),
    }


def approved_not_followed(user) -> QuerySet:
    """Approved declarations of the programmes the officer runs that nobody follows yet."""
    from wusong.calls.models import Declaration
    from wusong.calls.permissions import programmes_run_by

    if not permissions.is_manager_role(user):
        return Declaration.objects.none()
    qs = Declaration.objects.filter(state=DeclarationState.APPROVED, portfolio_project__isnull=True)
    if not user.has_role("administrator"):
        qs = qs.filter(call__programme__in=programmes_run_by(user))
    return qs.select_related("call", "organisation").order_by("call__code", "reference")


def candidate_pool(user) -> list[dict]:
    """Shortlisted declarations this user may see, with the follow-up record if any."""
    decls = (
        declarations_visible_to(user)
        .filter(state=DeclarationState.CANDIDATE)
        .select_related("call", "organisation", "industry")
        .order_by("call__code", "reference")
    )
    projects = {
        p.declaration_id: p
        for p in Project.objects.filter(declaration__in=decls).prefetch_related(
            "follow_ups", "invitations__call", "contacts"
        )
    }
    return [{"declaration": d, "project": projects.get(d.pk)} for d in decls]


def service_hours(project: Project) -> Decimal:
    return ServiceLog.objects.filter(project=project).aggregate(h=Sum("hours"))["h"] or Decimal(0)


def tranche_stop_reason(agreement) -> str | None:
    """Why no further tranche of this agreement may be released or drawn, or None.

    The hook for `funding.services`: a failed mid-term check or final acceptance stops
    further tranches."""
    failed = AgreementCheck.objects.filter(agreement=agreement, state=CheckState.FAILED).first()
    if failed is None:
        return None
    return _("%(check)s failed on %(date)s; further tranches are stopped. %(consequence)s") % {
        "check": failed.get_kind_display(),
        "date": failed.decided_on,
        "consequence": failed.consequence,
    }


def panel_materials(check: AgreementCheck, reports: int = 4) -> dict:
    """What a panel member judges the check by, read-only: what the agreement committed
    to (task period, total, milestones, key tasks), the money paid out under it so far,
    the company's latest filed reports (submitted or accepted, newest first, with their
    key-task progress) and, at the second sitting, the findings and the rectification the
    company filed. Never the office's own follow-up notes nor other members' scores."""
    from wusong.funding.models import Disbursement
    from wusong.funding.workflow import DisbursementState

    from .workflow import FILED_REPORT_STATES

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


def mark_openable(user, invitations) -> None:
    """Each invitation learns whether the user may open its declaration (`openable`): it
    links to its page only then, since a draft is its applicant's until submitted."""
    openable = set(
        declarations_visible_to(user)
        .filter(pk__in=[i.declaration_id for i in invitations])
        .values_list("pk", flat=True)
    )
    for invitation in invitations:
        invitation.openable = invitation.declaration_id in openable


def own_projects(user, today: dt.date) -> list[Project]:
    """The projects of the user's organisation, each with `owed`: the reports it owes
    (every ended period not filed, with its due date), so the company sees them before
    they are late."""
    from .services_reports import reports_missing

    if not user.organisation_id:
        return []
    own = list(
        Project.objects.filter(organisation_id=user.organisation_id).select_related("declaration")
    )
    owed = reports_missing(
        today,
        Project.objects.filter(pk__in=[p.pk for p in own], kind=Project.Kind.PORTFOLIO),
        within_grace=True,
    )
    for project in own:
        project.owed = [row for row in owed if row["project"].pk == project.pk]
    return own


def check_hearings(check: AgreementCheck) -> QuerySet:
    """The agenda items that heard or will hear the check, earliest meeting first."""
    return (
        AgendaItem.objects.filter(check_hearing__check_record=check)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


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
