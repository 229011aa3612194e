"""The project report as a PDF: the five-dimension radar (now against the last
assessment) as inline SVG, the dimension table, the service plan and the latest company
report's figures, through the office's document template `portfolio_report`."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from wusong.documents.rendering import FONT_FAMILY
from wusong.documents.services import render_pdf

from . import selectors
from .workflow import FILED_REPORT_STATES

DOCUMENT_KEY = "portfolio_report"


def report_context(project, *, today=None) -> dict:
    prof = selectors.profile(project)
    with translation.override(settings.LANGUAGE_CODE):  # the chart in the office's language
        radar = selectors.radar_for(project, prof["current"], prof["previous"])
    if radar:  # the chart's labels in the embedded Chinese font
        radar = radar.replace(
            'font-family="sans-serif"', f'font-family="{FONT_FAMILY}, sans-serif"'
        )
    latest = (
        project.reports.filter(state__in=FILED_REPORT_STATES)
        .prefetch_related("tasks")
        .order_by("-year", "-period")
        .first()
    )
    return {
        "project": {
            "title": project.title,
            "reference": project.declaration.reference,
            "organisation": project.organisation.name,
            "manager": project.manager.get_full_name() or project.manager.get_username(),
            "kind": project.get_kind_display(),
            "profile": project.profile,
        },
        "current": prof["current"],
        "previous": prof["previous"],
        "threshold": prof["threshold"],
        "rows": prof["rows"],
        "weak_links": prof["weak_links"],
        # the kernel escapes every text it draws
        "radar": mark_safe(radar) if radar else "",  # noqa: S308
        "plan_items": list(
            project.plan_items.select_related("owner_user", "owner_agency").order_by("due", "id")
        ),
        "report": latest,
        "tasks": list(latest.tasks.all()) if latest else [],
        "date": today or timezone.localdate(),
    }


def project_report_pdf(project, *, today=None) -> bytes:
    return render_pdf(DOCUMENT_KEY, report_context(project, today=today))
