"""Reads of company reports: the periods a project owes a report for, and a company's
report for one period."""

import datetime as dt

from django.utils import timezone

from wusong.kernels import periods

from ..models import CompanyReport, Project
from ..workflow import FILED_REPORT_STATES

GRACE_DAYS = 15  # a report is due this many days after its period ends


def reports_missing(
    today: dt.date | None = None, projects=None, *, within_grace: bool = False
) -> list[dict]:
    """Every portfolio project's periods that ended before the grace days ran out (with
    `within_grace`, every period that has ended) and have no submitted or accepted
    report, by due date."""
    today = today or timezone.localdate()
    projects = (
        projects if projects is not None else Project.objects.filter(kind=Project.Kind.PORTFOLIO)
    )
    filed = set(
        CompanyReport.objects.filter(
            project__in=projects.order_by().values("pk"), state__in=FILED_REPORT_STATES
        ).values_list("project_id", "months", "year", "period")
    )
    missing = []
    cutoff = today if within_grace else today - dt.timedelta(days=GRACE_DAYS)
    for project in projects.select_related("declaration", "organisation", "manager"):
        every = project.report_every
        for year, period in periods.ended_periods(project.reporting_from, cutoff, every):
            if (project.pk, every, year, period) not in filed:
                _start, end = periods.period_bounds(year, period, project.report_every)
                missing.append(
                    {
                        "project": project,
                        "year": year,
                        "period": period,
                        "label": periods.period_label(year, period, project.report_every),
                        "due": end + dt.timedelta(days=GRACE_DAYS),
                    }
                )
    missing.sort(key=lambda row: row["due"])  # stable: projects keep their order on a day
    return missing


def report_of(project: Project, year: int, period: int) -> CompanyReport | None:
    """The company's report for the period, as the project reports now (or None)."""
    return CompanyReport.objects.filter(
        project=project, year=year, period=period, months=project.report_every
    ).first()
