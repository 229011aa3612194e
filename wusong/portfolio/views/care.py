"""The targeted service plan, the service log and ratings, from the project page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal

from .. import selectors
from ..forms import (
    PlanFromAssessmentForm,
    PlanItemForm,
    ServerForm,
    ServiceLogForm,
    owner_from,
)
from ..models import PlanItem
from ..services import care
from .common import back_to_project, next_url, visible_project
from .project import project_page


@login_required
@require_POST
def plan_from_assessment(request, pk):
    project = visible_project(request, pk)
    form = PlanFromAssessmentForm(request.POST)
    current, _previous = selectors.latest_pair(project)
    if current is None or not form.is_valid():
        messages.error(request, _("Record an assessment and give a due date first."))
        return back_to_project(pk, "plan")
    return page_action(
        request,
        lambda: care.plan_from_assessment(
            request.user,
            current,
            due=form.cleaned_data["due"],
            counterparts={"capital": form.cleaned_data["capital_investors"]},
            **form.owner_kwargs(),
        ),
        then=back_to_project(pk, "plan"),
        success=lambda items: _("%(n)s plan item(s) added.") % {"n": len(items)},
    )


@login_required
@require_POST
def plan_item_add(request, pk):
    project = visible_project(request, pk)
    form = PlanItemForm(request.POST)
    if not form.is_valid():
        return project_page(request, project, plan_form=form)
    data = form.cleaned_data
    current, _previous = selectors.latest_pair(project)
    try:
        care.plan_item_create(
            request.user,
            project,
            dimension=data["dimension"],
            kind=data["kind"],
            title=data["title"],
            counterparts=data["counterparts"],
            due=data["due"],
            source=current,
            **owner_from(data["owner"]),
        )
    except REFUSALS as exc:
        report_refusal(request, exc, form)
        if form.errors:
            return project_page(request, project, plan_form=form)
    else:
        messages.success(request, _("Plan item added."))
    return back_to_project(pk, "plan")


PLAN_ACTIONS = {
    "start": lambda user, item, text: care.plan_item_start(user, item),
    "complete": care.plan_item_complete,
    "cancel": care.plan_item_cancel,
}


@login_required
@require_POST
def plan_item_action(request, pk, item_pk, action):
    project = visible_project(request, pk)
    item = get_object_or_404(PlanItem, pk=item_pk, project=project)
    if action not in PLAN_ACTIONS:
        raise Http404
    return page_action(
        request,
        lambda: PLAN_ACTIONS[action](request.user, item, request.POST.get("text", "")),
        then=next_url(request, reverse("portfolio:project", args=[pk]) + "#plan"),
        success=_("Plan item updated."),
    )


@login_required
@require_POST
def service_log(request, pk):
    project = visible_project(request, pk)
    form = ServiceLogForm(request.POST, project=project)
    if not form.is_valid():
        return project_page(request, project, log_form=form)
    data = form.cleaned_data
    try:
        care.service_log_add(
            request.user,
            project,
            kind=data["kind"],
            on=data["on"],
            hours=data["hours"],
            outcome=data["outcome"],
            plan_item=data.get("plan_item"),
        )
    except REFUSALS as exc:
        report_refusal(request, exc, form)
        if form.errors:
            return project_page(request, project, log_form=form)
    else:
        messages.success(request, _("Service logged."))
    return back_to_project(pk, "services")


@login_required
@require_POST
def rate(request, pk, server_pk):
    project = visible_project(request, pk)
    server = get_object_or_404(project.servers, pk=server_pk)
    try:
        stars = int(request.POST.get("stars", 0))
    except ValueError:
        messages.error(request, _("Rate from 1 to 5."))
        return back_to_project(pk, "servers")
    return page_action(
        request,
        lambda: care.rating_add(request.user, server, stars, request.POST.get("comment", "")),
        then=back_to_project(pk, "servers"),
        success=_("Rating recorded."),
    )


@login_required
@require_POST
def server_assign(request, pk):
    project = visible_project(request, pk)
    form = ServerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who is to serve the project."))
        return back_to_project(pk, "servers")
    return page_action(
        request,
        lambda: care.server_assign(request.user, project, **form.assignee()),
        then=back_to_project(pk, "servers"),
        success=lambda server: _("%(who)s now serves this project.") % {"who": server},
    )


@login_required
@require_POST
def server_end(request, pk, server_pk):
    project = visible_project(request, pk)
    server = get_object_or_404(project.servers, pk=server_pk)
    return page_action(
        request,
        lambda: care.server_end(request.user, server),
        then=back_to_project(pk, "servers"),
        success=_("%(who)s no longer serves this project.") % {"who": server},
    )
