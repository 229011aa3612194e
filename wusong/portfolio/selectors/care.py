"""Reads of the service plan and the services given: what an assessment's weak links
call for, a project's history of assessments and services, and the plan items overdue
or owned by someone."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from wusong.kernels import assessment as scoring

from ..dimensions import DIMENSIONS, Dimension
from ..models import Assessment, PlanItem, Project, ServiceLog
from ..workflow import LIVE_PLAN_STATES
from .assessments import manager_assessments, weak_threshold

DEFAULT_SERVICE = {
    Dimension.BUSINESS: PlanItem.Kind.BUSINESS_PLAN,
    Dimension.TEAM: PlanItem.Kind.TEAM_BUILDING,
    Dimension.COMPLIANCE: PlanItem.Kind.COMPLIANCE_COACHING,
    Dimension.MARKETING: PlanItem.Kind.MARKET_CHANNELS,
    Dimension.CAPITAL: PlanItem.Kind.FINANCING_MATCH,
}


def plan_proposal(assessment: Assessment, threshold: Decimal | None = None) -> list[dict]:
    """The weak links of an assessment and the service each calls for (nothing is saved):
    dimensions below the threshold, weakest first, or the weakest one if none is."""
    threshold = weak_threshold() if threshold is None else threshold
    scores = assessment.scores()
    return [
        {
            "dimension": d,
            "label": Dimension(d).label,
            "score": scores[d],
            "kind": DEFAULT_SERVICE[d],
            "title": str(DEFAULT_SERVICE[d].label),
            "below_threshold": scores[d] < threshold,
        }
        for d in scoring.weak_links(scores, threshold, DIMENSIONS)
    ]


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


def service_hours(project: Project) -> Decimal:
    return ServiceLog.objects.filter(project=project).aggregate(h=Sum("hours"))["h"] or Decimal(0)


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
