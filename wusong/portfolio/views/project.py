"""The desk, a project's assessment page with its radar, the assessment form and the
project's profile."""

import datetime as dt
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.calls.permissions import reads_everything
from wusong.funding.permissions import agreements_visible_to, is_recipient, runs_agreement

from .. import permissions, selectors, services
from ..attention import needs_attention
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
from ..models import Assessment, PlanItem
from ..services import care
from ..services import panel as panels
from ..services.reports import RUNWAY_MONTHS
from ..workflow import LIVE_PLAN_STATES
from .common import back_to_project, visible_project
from .report_pdf import may_download_report

ATTENTION_SHOWN = 50  # the most pressing; the rest are counted


@login_required
def desk(request):
    data = selectors.desk(request.user)
    managed = data["managed"]
    own = selectors.own_projects(request.user, data["today"])
    latest = selectors.latest_assessments(managed)
    live_items = Counter(
        PlanItem.objects.filter(
            project__in=managed.order_by().values("pk"), state__in=LIVE_PLAN_STATES
        ).values_list("project_id", flat=True)
    )
    rows = [
        {"project": p, "current": latest.get(p.pk), "open_items": live_items[p.pk]} for p in managed
    ]
    attention = needs_attention(managed, data["today"], latest) if rows else []
    return render(
        request,
        "portfolio/desk.html",
        {
            **data,
            "rows": rows,
            "own": own,
            "attention": attention[:ATTENTION_SHOWN],
            "attention_more": max(0, len(attention) - ATTENTION_SHOWN),
            "weakest_chart": mark_safe(selectors.weakest_chart(managed, latest)) if rows else None,  # noqa: S308  the kernel escapes all text
        },
    )


@login_required
def project_detail(request, pk):
    return project_page(request, visible_project(request, pk))


def project_page(request, project, *, plan_form=None, log_form=None):
    """The project page; a form sent back with its errors (`plan_form`, `log_form`) is
    shown as typed, and the page opens at it."""
    user = request.user
    prof = selectors.profile(project)
    manages = permissions.manages(user, project)
    radar = selectors.radar_for(project)
    context = {
        "project": project,
        "profile": prof,
        "radar": mark_safe(radar) if radar else None,  # noqa: S308  the kernel escapes all text
        "history": [
            {**h, "svg": mark_safe(h["svg"]) if h["svg"] else None}  # noqa: S308
            for h in selectors.dimension_history(project)
        ],
        "timeline": selectors.timeline(project),
        "contacts": project.contacts.all(),
        **_internal_notes(user, project, manages),
        "plan_items": project.plan_items.select_related("owner_user", "owner_agency", "source"),
        "servers": project.servers.select_related("user", "agency").prefetch_related("ratings"),
        "reports": project.reports.prefetch_related("tasks")
        if permissions.can_see_reports(user, project)
        else None,
        "alerts": project.alerts.filter(resolved_at__isnull=True) if manages else [],
        "assessments": project.assessments.select_related("assessed_by").order_by(
            "-assessed_on", "-id"
        ),
        "manages": manages,
        "report_pdf": may_download_report(user, project),
        "is_company": permissions.is_company(user, project),
        "can_log": permissions.can_log_service(user, project),
        "today": timezone.localdate(),
        "service_hours": selectors.service_hours(project),
        "runway_alert": RUNWAY_MONTHS,
    }
    if manages:
        context["project_form"] = ProjectForm(
            initial={"profile": project.profile, "report_every": project.report_every}
        )
        context["contact_form"] = ContactForm()
        context["server_form"] = ServerForm()
        context["follow_up_form"] = FollowUpForm(initial={"on": timezone.localdate()})
        context["plan_form"] = plan_form or PlanItemForm(
            initial={"due": timezone.localdate() + dt.timedelta(days=90)}
        )
        context["plan_from_form"] = PlanFromAssessmentForm(
            initial={"due": timezone.localdate() + dt.timedelta(days=90)}
        )
        context["proposal"] = care.plan_proposal(prof["current"]) if prof["current"] else []
        context["threshold"] = services.weak_threshold()
    agreement = getattr(project.declaration, "agreement", None)
    if agreement is not None:
        context |= {
            "agreement": agreement,
            "agreement_link": agreements_visible_to(user).filter(pk=agreement.pk).exists(),
            "extension": getattr(agreement, "extension_request", None),
            "checks": [(c, panels.open_hearing(c)) for c in agreement.checks.all()],
            "runs_agreement": runs_agreement(user, agreement),
            "is_recipient": is_recipient(user, agreement),
            "stop_reason": selectors.tranche_stop_reason(agreement),
        }
    if context["can_log"]:
        context["log_form"] = log_form or ServiceLogForm(
            project=project, initial={"on": timezone.localdate()}
        )
    for form in (plan_form, log_form):
        _focus_first_error(form)
    return render(request, "portfolio/project.html", context)


def _focus_first_error(form) -> None:
    """The browser opens a sent-back page at the first field in error (autofocus), so a
    person on a phone sees the message, not the top of a long page."""
    if form is None:
        return
    for name in form.fields:
        if name in form.errors:
            form.fields[name].widget.attrs["autofocus"] = True
            return


def _internal_notes(user, project, manages: bool) -> dict:
    """The office's own follow-up notes and invitations: for its managers and leaders,
    never for the company or those who serve it. An invited declaration links to its page
    only for one who may open it (a draft is its applicant's until submitted)."""
    if not (manages or reads_everything(user)):
        return {"follow_ups": [], "invitations": [], "internal": False}
    invitations = list(project.invitations.select_related("call", "declaration"))
    selectors.mark_openable(user, invitations)
    return {
        "follow_ups": project.follow_ups.select_related("by"),
        "invitations": invitations,
        "internal": True,
    }


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
