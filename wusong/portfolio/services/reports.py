"""Writes for company reports: filing (the company's own only, never for a period not
yet ended), submission with threshold alerts to the manager, the manager's acceptance or
return, and the chasing of missing reports."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.audit.transitions import fields_apply, transition_fire
from wusong.errors import ActionRefused, require
from wusong.kernels import periods
from wusong.notifications.services import notify, office_language

from .. import permissions
from ..models import Alert, CompanyReport, KeyTaskProgress, Project, ReportReminder
from ..models.reports import RUNWAY_MONTHS
from ..selectors import reports_missing
from ..workflow import EDITABLE_REPORT_STATES, FILED_REPORT_STATES

REPORT_FIELDS = (
    "revenue",
    "rd_spend",
    "headcount",
    "patents_filed",
    "patents_granted",
    "financing_raised",
    "cash_balance",
    "monthly_burn",
    "risks",
)
HEADCOUNT_DROP = Decimal(1) / Decimal(3)
REMIND_EVERY_DAYS = 7


def _today() -> dt.date:
    return timezone.localdate()


def _snapshot(report: CompanyReport) -> dict:
    snap = {k: str(getattr(report, k)) for k in REPORT_FIELDS}
    snap["tasks"] = [f"{t.kind} {t.percent}% {t.note}".strip() for t in report.tasks.all()]
    return snap


def period_check(project: Project, year: int, period: int, today: dt.date) -> None:
    """Refuse a period that does not exist or has not ended yet: its report cannot be
    filed (ValidationError or ActionRefused, with the date it can)."""
    try:
        start, end = periods.period_bounds(year, period, project.report_every)
    except ValueError as exc:
        raise ValidationError(
            {
                "period": _("There is no period %(period)s in %(year)s for %(every)s reports.")
                % {"period": period, "year": year, "every": project.get_report_every_display()}
            }
        ) from exc
    if end >= today:
        label = periods.period_label(year, period, project.report_every)
        if start > today:
            raise ActionRefused(
                _("%(period)s has not begun; a report for a future period is refused.")
                % {"period": label}
            )
        raise ActionRefused(
            _("%(period)s ends on %(end)s; file its report after it ends.")
            % {"period": label, "end": end.isoformat()}
        )


def _apply(report: CompanyReport, data: dict) -> None:
    fields_apply(report, data, REPORT_FIELDS)
    for key in ("revenue", "rd_spend", "financing_raised", "cash_balance", "monthly_burn"):
        value = getattr(report, key)
        if value is not None and value < 0:
            raise ValidationError({key: _("An amount cannot be negative.")})
    if (report.patents_granted or 0) > (report.patents_filed or 0):
        raise ValidationError(
            {"patents_granted": _("More patents granted than filed: check the figures.")}
        )


def _save_tasks(report: CompanyReport, tasks) -> None:
    if tasks is None:
        return
    report.tasks.all().delete()
    for task in tasks:
        percent = int(task.get("percent", 0))
        if not 0 <= percent <= 100:
            raise ValidationError({"tasks": _("Progress is a percentage from 0 to 100.")})
        if task.get("kind") not in KeyTaskProgress.Kind.values:
            raise ValidationError({"tasks": _("Choose the kind of key task.")})
        KeyTaskProgress.objects.create(
            report=report, kind=task["kind"], percent=percent, note=task.get("note", "")[:300]
        )


@transaction.atomic
def report_save(
    user, project: Project, year: int, period: int, data: dict, tasks=None, *, today=None
) -> CompanyReport:
    """Create or change the company's report for an ended period (draft or returned)."""
    today = today or _today()
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(
        permissions.is_company(user, project),
        _("Only the company itself files and edits its reports."),
    )
    period_check(project, year, period, today)
    report = (
        CompanyReport.objects.select_for_update()
        .filter(project=project, year=year, period=period, months=project.report_every)
        .first()
    )
    if report is None:
        report = CompanyReport(
            project=project, year=year, period=period, months=project.report_every, filed_by=user
        )
        before = {}
    else:
        if report.state not in EDITABLE_REPORT_STATES:
            raise ActionRefused(
                _("The report for %(period)s is %(state)s and can no longer be changed.")
                % {"period": report.label, "state": report.get_state_display()}
            )
        before = _snapshot(report)
    _apply(report, data)
    report.full_clean(exclude=["project", "filed_by", "state"])
    report.save()
    _save_tasks(report, tasks)
    audit_record(
        report,
        actor=user,
        action="edited" if before else "created",
        changes=field_changes(before, _snapshot(report)),
    )
    return report


def _previous_filed(report: CompanyReport) -> CompanyReport | None:
    year, period = periods.previous_period(report.year, report.period, report.months)
    return CompanyReport.objects.filter(
        project=report.project,
        year=year,
        period=period,
        months=report.months,
        state__in=FILED_REPORT_STATES,
    ).first()


def report_alerts(report: CompanyReport) -> list[Alert]:
    """Raise the alerts the report's figures call for (inside the caller's transaction)."""
    raised = []
    runway = report.runway_months
    if runway is not None and runway < RUNWAY_MONTHS:
        raised.append(
            Alert(
                project=report.project,
                report=report,
                kind=Alert.Kind.RUNWAY,
                message=_("%(period)s: cash lasts %(months)s months at the current spend.")
                % {"period": report.label, "months": runway},
            )
        )
    previous = _previous_filed(report)
    if previous and previous.headcount:
        drop = Decimal(previous.headcount - report.headcount) / Decimal(previous.headcount)
        if drop >= HEADCOUNT_DROP:
            raised.append(
                Alert(
                    project=report.project,
                    report=report,
                    kind=Alert.Kind.HEADCOUNT,
                    message=_("%(period)s: headcount fell from %(before)s to %(after)s.")
                    % {
                        "period": report.label,
                        "before": previous.headcount,
                        "after": report.headcount,
                    },
                )
            )
    for alert in raised:
        alert.save()
        audit_record(
            report.project,
            actor=None,
            action="alert_raised",
            changes={"alert": [None, alert.kind]},
            note=alert.message,
        )
        with office_language():
            notify(
                user=report.project.manager,
                text=f"{report.project.declaration.reference} {alert.message}",
            )
    return raised


def _locked_report(report: CompanyReport) -> CompanyReport:
    return CompanyReport.objects.select_for_update().select_related("project").get(pk=report.pk)


@transaction.atomic
def report_submit(user, report: CompanyReport, *, now=None) -> CompanyReport:
    report = _locked_report(report)
    transition_fire(user, report, "submit")
    report.submitted_at = now or timezone.now()
    report.return_reason = ""
    report.save(update_fields=["submitted_at", "return_reason", "updated_at"])
    ReportReminder.objects.filter(
        project=report.project, year=report.year, period=report.period, months=report.months
    ).delete()
    Alert.objects.filter(
        project=report.project,
        kind=Alert.Kind.REPORT_MISSING,
        resolved_at__isnull=True,
        period=report.label,
    ).update(resolved_at=report.submitted_at, resolution=_("Report filed."))
    report_alerts(report)
    return report


@transaction.atomic
def report_accept(user, report: CompanyReport) -> CompanyReport:
    report = _locked_report(report)
    transition_fire(user, report, "accept")
    return report


@transaction.atomic
def report_return(user, report: CompanyReport, reason: str) -> CompanyReport:
    report = _locked_report(report)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what is to be corrected.")})
    transition_fire(user, report, "return_for_correction", note=reason)
    report.return_reason = reason.strip()
    report.save(update_fields=["return_reason", "updated_at"])
    return report


@transaction.atomic
def alert_resolve(user, alert: Alert, resolution: str) -> Alert:
    alert = Alert.objects.select_for_update().select_related("project").get(pk=alert.pk)
    require(permissions.manages(user, alert.project), _("Only the project's manager does this."))
    if alert.resolved_at:
        raise ActionRefused(_("This alert was already dealt with."))
    if not (resolution or "").strip():
        raise ValidationError({"resolution": _("Say what was done about it.")})
    alert.resolved_at, alert.resolved_by, alert.resolution = timezone.now(), user, resolution
    alert.save()
    audit_record(
        alert.project,
        actor=user,
        action="alert_resolved",
        changes={"alert": [alert.kind, None]},
        note=resolution,
    )
    return alert


@transaction.atomic
def reports_chase(today: dt.date | None = None, *, dry_run: bool = False) -> list[dict]:
    """Remind each company of each missing report (at most once a week per report) and
    put a "report missing" alert on the manager's desk once. Returns what is missing,
    each with `reminded` True when a reminder went out on this run."""
    today = today or _today()
    now = timezone.now()
    missing = reports_missing(today)
    for row in missing:
        row["reminded"] = False
        if dry_run:
            continue
        project = row["project"]
        reminder, created = ReportReminder.objects.select_for_update().get_or_create(
            project=project,
            year=row["year"],
            period=row["period"],
            months=project.report_every,
            defaults={"first_sent_at": now, "last_sent_at": now},
        )
        if not created:
            if (now - reminder.last_sent_at).days < REMIND_EVERY_DAYS:
                continue
            reminder.last_sent_at = now
            reminder.times += 1
            reminder.save(update_fields=["last_sent_at", "times"])
        row["reminded"] = True
        with office_language():
            notify(
                organisation=project.organisation,
                text=_(
                    "Your report for %(period)s on “%(title)s” was due on %(due)s; please file it."
                )
                % {"period": row["label"], "title": project.title, "due": row["due"].isoformat()},
            )
            if created:
                Alert.objects.create(
                    project=project,
                    kind=Alert.Kind.REPORT_MISSING,
                    period=row["label"],
                    message=_("%(period)s report missing (due %(due)s).")
                    % {"period": row["label"], "due": row["due"].isoformat()},
                )
        audit_record(
            project,
            actor=None,
            action="report_chased",
            changes={"report": [None, row["label"]]},
            note=f"reminder {reminder.times}",
        )
    return missing
