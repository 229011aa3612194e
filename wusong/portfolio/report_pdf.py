"""The project report as a PDF: the five-dimension radar (now against the last
assessment) and each dimension's history as inline SVG, the dimension table, the service
plan and the services logged, the latest company report's figures and the mid-term check
and acceptance of the agreement, through the office's document template
`portfolio_report`. Everything is prepared in the office's language, as the document is."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from wusong.documents.rendering import FONT_FAMILY
from wusong.documents.services import render_pdf
from wusong.kernels.money import plain

from . import selectors
from .workflow import FILED_REPORT_STATES

DOCUMENT_KEY = "portfolio_report"


def _chart(svg: str | None):
    """A chart of the kernel's, its labels in the embedded Chinese font; the kernel
    escapes every text it draws."""
    if not svg:
        return ""
    svg = svg.replace('font-family="sans-serif"', f'font-family="{FONT_FAMILY}, sans-serif"')
    return mark_safe(svg)  # noqa: S308


def _person(user) -> str:
    """A person as the office names them: the display name, never the login name unless
    nothing else is known."""
    if user is None:
        return ""
    return user.display_name or user.get_full_name() or user.get_username()


def _row_state(row: dict, threshold) -> str | None:
    """What the dimension table's state column says: weak (and whether it improved on
    the last assessment), a weak link closed since the last one, or above the line."""
    now, before = row["now"], row["before"]
    if now is None:
        return None
    was_weak = before is not None and before < threshold
    if row["weak"]:
        return "weak_improved" if was_weak and now > before else "weak"
    return "closed" if was_weak else "ok"


def _checks(agreement) -> list[dict]:
    return [
        {
            "kind": c.get_kind_display(),
            "scheduled_on": c.scheduled_on,
            "state": c.state,
            "state_label": c.get_state_display(),
            "decided_on": c.decided_on,
            "findings": c.findings,
            "rectify_by": c.rectify_by,
            "rectification": c.rectification,
            "rectified_on": c.rectified_on,
            "consequence": c.consequence,
        }
        for c in agreement.checks.order_by("scheduled_on", "id")
    ]


def _service_logs(project) -> list[dict]:
    logs = project.service_logs.select_related("server__user", "server__agency", "logged_by")
    return [
        {
            "on": log.on,
            "kind": log.get_kind_display(),
            "by": str(log.server) if log.server_id else _person(log.logged_by),
            "hours": plain(log.hours),
            "outcome": log.outcome,
        }
        for log in logs.order_by("on", "id")
    ]


def report_context(project, *, today=None) -> dict:
    with translation.override(settings.LANGUAGE_CODE):  # charts and labels as printed
        return _context(project, today=today)


def _context(project, *, today=None) -> dict:
    prof = selectors.profile(project)
    radar = selectors.radar_for(project, prof["current"], prof["previous"])
    history = (
        [
            {"label": str(h["label"]), "svg": _chart(h["svg"])}
            for h in selectors.dimension_history(project)
            if h["svg"]
        ]
        if prof["current"]
        else []
    )
    latest = (
        project.reports.filter(state__in=FILED_REPORT_STATES)
        .prefetch_related("tasks")
        .order_by("-year", "-period")
        .first()
    )
    agreement = getattr(project.declaration, "agreement", None)
    hours = selectors.service_hours(project)
    return {
        "project": {
            "title": project.title,
            "reference": project.declaration.reference,
            "organisation": project.organisation.name,
            "manager": _person(project.manager),
            "kind": project.get_kind_display(),
            "candidate": project.kind == project.Kind.CANDIDATE,
            "profile": project.profile,
        },
        "current": prof["current"],
        "previous": prof["previous"],
        "threshold": prof["threshold"],
        "rows": [{**row, "state": _row_state(row, prof["threshold"])} for row in prof["rows"]],
        "weak_links": prof["weak_links"],
        "radar": _chart(radar),
        "history": history,
        "plan_items": list(
            project.plan_items.select_related("owner_user", "owner_agency").order_by("due", "id")
        ),
        "service_hours": plain(hours) if hours else "",
        "service_logs": _service_logs(project) if hours else [],
        "report": latest,
        "tasks": list(latest.tasks.all()) if latest else [],
        "agreement": (
            {
                "reference": agreement.reference,
                "start_date": agreement.start_date,
                "end_date": agreement.end_date,
            }
            if agreement is not None
            else None
        ),
        "checks": _checks(agreement) if agreement is not None else [],
        "date": today or timezone.localdate(),
    }


def project_report_pdf(project, *, today=None) -> bytes:
    return render_pdf(DOCUMENT_KEY, report_context(project, today=today))
