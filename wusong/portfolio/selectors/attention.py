"""What a manager following many projects should not let slip, read for the desk: an
assessment that is due, a milestone past its date and not verified, a mid-term check not
scheduled past the middle of the task period, a task period ending with no acceptance
scheduled. Each kind is one query, whatever the number of projects."""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wusong.funding.models import Agreement, AgreementMilestone
from wusong.funding.workflow import AgreementState

from ..models import AgreementCheck, Assessment, Project
from .assessments import latest_assessments

ASSESS_EVERY_DAYS = 183  # a portfolio project is assessed at least every half year
ENDING_SOON_DAYS = 90  # a task period ending within this is shown, if no acceptance is set

KINDS = {
    "assessment_due": _("Assessment due"),
    "milestone_overdue": _("Milestone overdue"),
    "midterm_unscheduled": _("Mid-term check not scheduled"),
    "ending_soon": _("Task period ending, no acceptance scheduled"),
}


def needs_attention(
    projects: QuerySet, today: dt.date, latest: dict[int, Assessment] | None = None
) -> list[dict]:
    """Rows of {kind, label, project, date, detail}, the most pressing date first.
    `latest` is each project's latest manager's assessment by id, when already read."""
    ids = projects.order_by().values("pk")
    portfolio = list(
        Project.objects.filter(pk__in=ids, kind=Project.Kind.PORTFOLIO).select_related(
            "declaration"
        )
    )
    if latest is None:
        latest = latest_assessments(projects)
    rows = []
    for project in portfolio:
        last = latest.get(project.pk)
        if last is None or (today - last.assessed_on).days > ASSESS_EVERY_DAYS:
            rows.append(
                _row(
                    "assessment_due",
                    project,
                    last.assessed_on + dt.timedelta(days=ASSESS_EVERY_DAYS) if last else today,
                    _("last assessed %(date)s") % {"date": last.assessed_on}
                    if last
                    else _("never assessed"),
                )
            )
    by_declaration = {p.declaration_id: p for p in portfolio}
    agreements = Agreement.objects.filter(
        declaration_id__in=by_declaration, state=AgreementState.SIGNED
    ).prefetch_related("checks")
    for agreement in agreements:
        project = by_declaration[agreement.declaration_id]
        kinds = {c.kind for c in agreement.checks.all()}
        middle = agreement.start_date + (agreement.end_date - agreement.start_date) / 2
        if AgreementCheck.Kind.MIDTERM not in kinds and middle <= today <= agreement.end_date:
            rows.append(
                _row(
                    "midterm_unscheduled",
                    project,
                    middle,
                    _("task period %(start)s – %(end)s")
                    % {"start": agreement.start_date, "end": agreement.end_date},
                )
            )
        if AgreementCheck.Kind.ACCEPTANCE not in kinds and (
            agreement.end_date <= today + dt.timedelta(days=ENDING_SOON_DAYS)
        ):
            rows.append(
                _row(
                    "ending_soon",
                    project,
                    agreement.end_date,
                    _("ends %(date)s") % {"date": agreement.end_date},
                )
            )
    overdue = AgreementMilestone.objects.filter(
        agreement__declaration_id__in=by_declaration,
        agreement__state=AgreementState.SIGNED,
        verified_at__isnull=True,
        due__lt=today,
    ).select_related("agreement")
    for milestone in overdue:
        project = by_declaration[milestone.agreement.declaration_id]
        rows.append(_row("milestone_overdue", project, milestone.due, milestone.title))
    rows.sort(key=lambda row: (row["date"], row["project"].pk))
    return rows


def _row(kind: str, project: Project, date: dt.date, detail) -> dict:
    return {
        "kind": kind,
        "label": KINDS[kind],
        "project": project,
        "date": date,
        "detail": str(detail),
    }
