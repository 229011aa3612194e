"""The desk, a project's assessment page with its radar, the assessment form and the
project's profile."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal

from .. import permissions, selectors, services
from ..forms import (
    AssessmentForm,
    ContactForm,
    FollowUpForm,
    PlanFromAssessmentForm,
    PlanItemForm,
    ProjectForm,
    ServerForm,
    ServiceLogForm,
)
from ..models import Assessment
from ..services.care import DEFAULT_PLAN_DAYS
from .common import back_to_project, visible_project

ATTENTION_SHOWN = 50  # the most pressing; the rest are counted
PLAN_DUE = dt.timedelta(days=DEFAULT_PLAN_DAYS)


@login_required
def desk(request):
    data = selectors.desk(request.user)
    attention = data["attention"]
    return render(
        request,
        "portfolio/desk.html",
        {
            **data,
            "attention": attention[:ATTENTION_SHOWN],
            "attention_more": max(0, len(attention) - ATTENTION_SHOWN),
        },
    )


@login_required
def project_detail(request, pk):
    return project_page(request, visible_project(request, pk))


def project_page(request, project, *, plan_form=None, log_form=None):
    """The project page; a form sent back with its errors (`plan_form`, `log_form`) is
    shown as typed, and the page opens at it."""
    page = selectors.project_page(request.user, project)
    context = vars(page) | _forms(page, plan_form, log_form)
    for form in (plan_form, log_form):
        _focus_first_error(form)
    return render(request, "portfolio/project.html", context)


def _forms(page, plan_form, log_form) -> dict:
    """The forms the page offers the user: the manager's, and the service log's."""
    project, today = page.project, page.today
    forms = {}
    if page.manages:
        forms = {
            "project_form": ProjectForm(
                initial={"profile": project.profile, "report_every": project.report_every}
            ),
            "contact_form": ContactForm(),
            "server_form": ServerForm(),
            "follow_up_form": FollowUpForm(initial={"on": today}),
            "plan_form": plan_form or PlanItemForm(initial={"due": today + PLAN_DUE}),
            "plan_from_form": PlanFromAssessmentForm(initial={"due": today + PLAN_DUE}),
        }
    if page.can_log:
        forms["log_form"] = log_form or ServiceLogForm(project=project, initial={"on": today})
    return forms


def _focus_first_error(form) -> None:
    """The browser opens a sent-back page at the first field in error (autofocus), so a
    person on a phone sees the message, not the top of a long page."""
    if form is None:
        return
    for name in form.fields:
        if name in form.errors:
            form.fields[name].widget.attrs["autofocus"] = True
            return


@login_required
def assess(request, pk):
    project = visible_project(request, pk)
    if permissions.manages(request.user, project):
        kind = Assessment.Kind.MANAGER
    elif permissions.is_company(request.user, project):
        kind = Assessment.Kind.SELF
    else:
        raise Http404
    form = AssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                request.user,
                project,
                kind,
                form.scores(),
                assessed_on=form.cleaned_data["assessed_on"],
                summary=form.cleaned_data["summary"],
            )
        except REFUSALS as exc:
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for key, errors in exc.message_dict.items():
                    field = (
                        f"i_{key}"
                        if f"i_{key}" in form.fields
                        else (key if key in form.fields else None)
                    )
                    for error in errors:
                        form.add_error(field, error)
            else:
                report_refusal(request, exc, form)
        else:
            messages.success(request, _("Assessment recorded."))
            return back_to_project(project.pk)
    return render(
        request, "portfolio/assess.html", {"project": project, "form": form, "kind": kind}
    )


@login_required
@require_POST
def project_edit(request, pk):
    project = visible_project(request, pk)
    form = ProjectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the profile form."))
        return back_to_project(pk, "profile")
    return page_action(
        request,
        lambda: services.project_update(request.user, project, **form.cleaned_data),
        then=back_to_project(pk, "profile"),
        success=_("Profile saved."),
    )
