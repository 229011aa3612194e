"""Extension of the task period, mid-term check and acceptance, from the project page."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import page_action

from ..models import ExtensionRequest
from ..services import checks
from ..services import panel as panels
from .common import back_to_project, visible_project


def _agreement_of(request, pk):
    project = visible_project(request, pk)
    agreement = getattr(project.declaration, "agreement", None)
    if agreement is None:
        raise Http404
    return project, agreement


def _date(request, key: str, message: str):
    """The ISO date posted under `key`, or None with `message` shown."""
    try:
        return dt.date.fromisoformat(request.POST.get(key, ""))
    except ValueError:
        messages.error(request, message)
        return None


@login_required
@require_POST
def extension_request(request, pk):
    _project_, agreement = _agreement_of(request, pk)
    new_end = _date(request, "new_end", _("Give the new end date as YYYY-MM-DD."))
    if new_end is None:
        return back_to_project(pk, "checks")
    return page_action(
        request,
        lambda: checks.extension_request(
            request.user, agreement, new_end, request.POST.get("reason", "")
        ),
        then=back_to_project(pk, "checks"),
        success=_("Extension requested."),
    )


@login_required
@require_POST
def extension_decide(request, pk):
    _project_, agreement = _agreement_of(request, pk)
    req = get_object_or_404(ExtensionRequest, agreement=agreement)
    return page_action(
        request,
        lambda: checks.extension_decide(
            request.user,
            req,
            request.POST.get("decision") == "approve",
            request.POST.get("note", ""),
        ),
        then=back_to_project(pk, "checks"),
        success=_("Recorded."),
    )


@login_required
@require_POST
def check_schedule(request, pk):
    _project_, agreement = _agreement_of(request, pk)
    day = _date(request, "scheduled_on", _("Give the date as YYYY-MM-DD."))
    if day is None:
        return back_to_project(pk, "checks")
    return page_action(
        request,
        lambda: checks.check_schedule(request.user, agreement, request.POST.get("kind", ""), day),
        then=back_to_project(pk, "checks"),
        success=_("Check scheduled."),
    )


@login_required
@require_POST
def check_outcome(request, pk, check_pk):
    _project_, agreement = _agreement_of(request, pk)
    check = get_object_or_404(agreement.checks, pk=check_pk)
    return page_action(
        request,
        lambda: panels.panel_decide(  # the checks' own rules, after the panel's scores if any
            request.user,
            check,
            request.POST.get("outcome", ""),
            request.POST.get("findings", ""),
            consequence=request.POST.get("consequence", ""),
        ),
        then=back_to_project(pk, "checks"),
        success=_("Outcome recorded."),
    )


@login_required
@require_POST
def rectification(request, pk, check_pk):
    _project_, agreement = _agreement_of(request, pk)
    check = get_object_or_404(agreement.checks, pk=check_pk)
    return page_action(
        request,
        lambda: checks.rectification_file(
            request.user, check, request.POST.get("rectification", "")
        ),
        then=back_to_project(pk, "checks"),
        success=_("Rectification filed."),
    )
