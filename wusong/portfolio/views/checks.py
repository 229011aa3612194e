"""Extension of the task period, mid-term check and acceptance, from the project page."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import report_refusal

from .. import services_checks as checks
from .. import services_panel as panels
from ..models import ExtensionRequest
from .common import REFUSALS, back_to_project, visible_project


def _agreement_of(request, pk):
    project = visible_project(request, pk)
    agreement = getattr(project.declaration, "agreement", None)
    if agreement is None:
        raise Http404
    return project, agreement


@login_required
@require_POST
def extension_request(request, pk):
    _project_, agreement = _agreement_of(request, pk)
    try:
        new_end = dt.date.fromisoformat(request.POST.get("new_end", ""))
        checks.extension_request(request.user, agreement, new_end, request.POST.get("reason", ""))
    except ValueError:
        messages.error(request, _("Give the new end date as YYYY-MM-DD."))
    except REFUSALS as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("Extension requested."))
    return back_to_project(pk, "checks")


@login_required
@require_POST
def extension_decide(request, pk):
    _project_, agreement = _agreement_of(request, pk)
    req = get_object_or_404(ExtensionRequest, agreement=agreement)
    try:
        checks.extension_decide(
            request.user,
            req,
            request.POST.get("decision") == "approve",
            request.POST.get("note", ""),
        )
    except REFUSALS as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("Recorded."))
    return back_to_project(pk, "checks")


@login_required
@require_POST
def check_schedule(request, pk):
    _project_, agreement = _agreement_of(request, pk)
    try:
        day = dt.date.fromisoformat(request.POST.get("scheduled_on", ""))
        checks.check_schedule(request.user, agreement, request.POST.get("kind", ""), day)
    except ValueError:
        messages.error(request, _("Give the date as YYYY-MM-DD."))
    except REFUSALS as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("Check scheduled."))
    return back_to_project(pk, "checks")


@login_required
@require_POST
def check_outcome(request, pk, check_pk):
    _project_, agreement = _agreement_of(request, pk)
    check = get_object_or_404(agreement.checks, pk=check_pk)
    try:
        panels.panel_decide(  # the checks' own rules, after the panel's scores if any
            request.user,
            check,
            request.POST.get("outcome", ""),
            request.POST.get("findings", ""),
            consequence=request.POST.get("consequence", ""),
        )
    except REFUSALS as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("Outcome recorded."))
    return back_to_project(pk, "checks")


@login_required
@require_POST
def rectification(request, pk, check_pk):
    _project_, agreement = _agreement_of(request, pk)
    check = get_object_or_404(agreement.checks, pk=check_pk)
    try:
        checks.rectification_file(request.user, check, request.POST.get("rectification", ""))
    except REFUSALS as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("Rectification filed."))
    return back_to_project(pk, "checks")
