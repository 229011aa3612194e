"""The desk: what needs a person's attention, by who they are (the items they own; for a
manager the projects managed and what should not slip; for a company the reports its
projects owe)."""

import datetime as dt
from collections import Counter

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe

from wusong.calls.models import Declaration
from wusong.calls.permissions import programmes_run_by, reads_everything
from wusong.calls.states import State as DeclarationState

from .. import permissions
from ..models import Alert, CompanyReport, PlanItem, Project
from ..workflow import LIVE_PLAN_STATES, ReportState
from .assessments import latest_assessments, weakest_chart
from .attention import needs_attention
from .care import items_owned_by, overdue_items
from .reports import reports_missing


def desk(user, today: dt.date | None = None) -> dict:
    """What needs the person's attention: their own plan items (overdue first); for a
    manager also the projects managed with their latest assessment and live plan items,
    what should not slip, the overdue items, open alerts and reports to accept of their
    projects; for a company its own projects and the reports they owe."""
    today = today or timezone.localdate()
    managed = (
        Project.objects.all() if reads_everything(user) else permissions.projects_managed_by(user)
    ).select_related("declaration", "organisation")
    mine = list(items_owned_by(user).order_by("due"))
    latest = latest_assessments(managed)
    live_items = Counter(
        PlanItem.objects.filter(
            project__in=managed.order_by().values("pk"), state__in=LIVE_PLAN_STATES
        ).values_list("project_id", flat=True)
    )
    rows = [
        {"project": p, "current": latest.get(p.pk), "open_items": live_items[p.pk]} for p in managed
    ]
    return {
        "today": today,
        "my_items": mine,
        "my_overdue": [i for i in mine if i.due < today],
        "managed": managed,
        "rows": rows,
        "attention": needs_attention(managed, today, latest) if rows else [],
        "weakest_chart": mark_safe(weakest_chart(managed, latest)) if rows else None,  # noqa: S308  the kernel escapes all text
        "own": own_projects(user, today),
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
    if not permissions.is_manager_role(user):
        return Declaration.objects.none()
    qs = Declaration.objects.filter(
        state=DeclarationState.APPROVED,
        portfolio_project__isnull=True,
        call__programme__in=programmes_run_by(user),
    )
    return qs.select_related("call", "organisation").order_by("call__code", "reference")


def own_projects(user, today: dt.date) -> list[Project]:
    """The projects of the user's organisation, each with `owed`: the reports it owes
    (every ended period not filed, with its due date), so the company sees them before
    they are late."""
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
