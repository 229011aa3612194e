"""Reads of a followed project as its page shows it, and of the candidate pool."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.safestring import mark_safe

from wusong.calls.permissions import declarations_visible_to, reads_everything
from wusong.calls.states import State as DeclarationState
from wusong.funding.permissions import agreements_visible_to, is_recipient, runs_agreement

from .. import permissions
from ..models import Project
from ..models.reports import RUNWAY_MONTHS
from .assessments import dimension_history, profile, radar_for, weak_threshold
from .care import plan_proposal, service_hours, timeline
from .checks import tranche_stop_reason
from .panel import open_hearing


@dataclass
class ProjectPage:
    """What the project page shows the user: the profile and its charts, the service
    plan and log, reports, contacts and the office's own notes, and the agreement's task
    period and checks. Who the user is to the project decides what is filled in
    (`manages`, `is_company`, `can_log`, `internal`, `runs_agreement`, `is_recipient`)."""

    project: Project
    profile: dict
    radar: str | None
    history: list[dict]
    timeline: list[dict]
    contacts: QuerySet
    follow_ups: QuerySet | list
    invitations: list
    internal: bool
    plan_items: QuerySet
    servers: QuerySet
    reports: QuerySet | None
    alerts: QuerySet | list
    assessments: QuerySet
    manages: bool
    report_pdf: bool
    is_company: bool
    can_log: bool
    today: dt.date
    service_hours: Decimal
    runway_alert: Decimal
    proposal: list[dict] = field(default_factory=list)
    threshold: Decimal | None = None
    agreement: object | None = None
    agreement_link: bool = False
    extension: object | None = None
    checks: list[tuple] = field(default_factory=list)
    runs_agreement: bool = False
    is_recipient: bool = False
    stop_reason: str | None = None


def project_page(user, project: Project) -> ProjectPage:
    """The project page as `user` may see it. The charts are inline SVG the kernel
    drew, every text in them escaped."""
    prof = profile(project)
    manages = permissions.manages(user, project)
    radar = radar_for(project)
    page = ProjectPage(
        project=project,
        profile=prof,
        radar=mark_safe(radar) if radar else None,  # noqa: S308  the kernel escapes all text
        history=[
            {**h, "svg": mark_safe(h["svg"]) if h["svg"] else None}  # noqa: S308
            for h in dimension_history(project)
        ],
        timeline=timeline(project),
        contacts=project.contacts.all(),
        **_internal_notes(user, project, manages),
        plan_items=project.plan_items.select_related("owner_user", "owner_agency", "source"),
        servers=project.servers.select_related("user", "agency").prefetch_related("ratings"),
        reports=project.reports.prefetch_related("tasks")
        if permissions.can_see_reports(user, project)
        else None,
        alerts=project.alerts.filter(resolved_at__isnull=True) if manages else [],
        assessments=project.assessments.select_related("assessed_by").order_by(
            "-assessed_on", "-id"
        ),
        manages=manages,
        report_pdf=permissions.may_download_report(user, project),
        is_company=permissions.is_company(user, project),
        can_log=permissions.can_log_service(user, project),
        today=timezone.localdate(),
        service_hours=service_hours(project),
        runway_alert=RUNWAY_MONTHS,
    )
    if manages:
        page.proposal = plan_proposal(prof["current"]) if prof["current"] else []
        page.threshold = weak_threshold()
    agreement = getattr(project.declaration, "agreement", None)
    if agreement is not None:
        page.agreement = agreement
        page.agreement_link = agreements_visible_to(user).filter(pk=agreement.pk).exists()
        page.extension = getattr(agreement, "extension_request", None)
        page.checks = [(c, open_hearing(c)) for c in agreement.checks.all()]
        page.runs_agreement = runs_agreement(user, agreement)
        page.is_recipient = is_recipient(user, agreement)
        page.stop_reason = tranche_stop_reason(agreement)
    return page


def _internal_notes(user, project, manages: bool) -> dict:
    """The office's own follow-up notes and invitations: for its managers and leaders,
    never for the company or those who serve it. An invited declaration links to its page
    only for one who may open it (a draft is its applicant's until submitted)."""
    if not (manages or reads_everything(user)):
        return {"follow_ups": [], "invitations": [], "internal": False}
    invitations = list(project.invitations.select_related("call", "declaration"))
    mark_openable(user, invitations)
    return {
        "follow_ups": project.follow_ups.select_related("by"),
        "invitations": invitations,
        "internal": True,
    }


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


def pool_rows(user) -> list[dict]:
    """The candidate pool as its page lists it: each invitation of a followed candidate
    knows whether the user may open its declaration."""
    rows = candidate_pool(user)
    projects = [row["project"] for row in rows if row["project"]]
    prefetch_related_objects(projects, "invitations__declaration")
    mark_openable(user, [i for p in projects for i in p.invitations.all()])
    return rows


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
