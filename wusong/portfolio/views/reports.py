"""The company's report form and the manager's decisions on reports and alerts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.errors import ActionRefused
from wusong.kernels import periods

from .. import permissions, selectors
from ..forms import (
    ReportForm,
)
from ..models import Alert
from ..services import reports
from .common import back_to_project, next_url, visible_project


@login_required
def report_form(request, pk, year, period):
    project = visible_project(request, pk)
    if not permissions.is_company(request.user, project):
        raise Http404
    report = selectors.report_of(project, year, period)
    try:
        label = periods.period_label(year, period, project.report_every)
        reports.period_check(project, year, period, timezone.localdate())
    except ValidationError as exc:  # no such period
        raise Http404 from exc
    except ActionRefused as exc:  # the period has not ended: say when, offer no form
        return render(
            request,
            "portfolio/report_form.html",
            {"project": project, "label": label, "not_yet": exc.message},
        )
    form = ReportForm(
        request.POST or None, initial=ReportForm.initial_from(report) if report else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            data, tasks = form.service_data()
            report = reports.report_save(request.user, project, year, period, data, tasks)
            if "submit" in request.POST:
                reports.report_submit(request.user, report)
                messages.success(request, _("Report submitted to your investment manager."))
            else:
                messages.success(request, _("Draft saved."))
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            return back_to_project(pk, "reports")
    return render(
        request,
        "portfolio/report_form.html",
        {
            "project": project,
            "form": form,
            "report": report,
            "label": label,
            "year": year,
            "period": period,
        },
    )


@login_required
def report_new(request, pk):
    """The company's next report: the latest ended period it has not filed."""
    project = visible_project(request, pk)
    if not permissions.is_company(request.user, project):
        raise Http404
    year, period = periods.previous_period(
        *periods.period_of(timezone.localdate(), project.report_every), project.report_every
    )
    return redirect("portfolio:report", pk=pk, year=year, period=period)


@login_required
@require_POST
def report_decide(request, pk, report_pk):
    project = visible_project(request, pk)
    report = get_object_or_404(project.reports, pk=report_pk)
    accept = request.POST.get("decision") == "accept"
    return page_action(
        request,
        lambda: (
            reports.report_accept(request.user, report)
            if accept
            else reports.report_return(request.user, report, request.POST.get("reason", ""))
        ),
        then=back_to_project(pk, "reports"),
        success=_("Recorded."),
    )


@login_required
@require_POST
def alert_resolve(request, pk, alert_pk):
    project = visible_project(request, pk)
    alert = get_object_or_404(Alert, pk=alert_pk, project=project)
    return page_action(
        request,
        lambda: reports.alert_resolve(request.user, alert, request.POST.get("resolution", "")),
        then=next_url(request, reverse("portfolio:project", args=[pk])),
        success=_("Alert closed."),
    )
