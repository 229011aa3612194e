"""The candidate pool: follow-up, contacts and invitation into a later call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.calls.permissions import declarations_visible_to

from .. import permissions, selectors, services
from ..forms import (
    ContactForm,
    FollowUpForm,
    InviteForm,
)
from .common import next_url, visible_project


@login_required
def pool(request):
    if not permissions.sees_pool(request.user):
        raise Http404
    rows = selectors.pool_rows(request.user)
    open_calls = InviteForm.open_calls_for(request.user)  # read once for every row
    for row in rows:
        if row["project"]:
            row["invite_form"] = InviteForm(
                exclude_call=row["declaration"].call_id, open_calls=open_calls, auto_id=False
            )
    # One follow-up form per row: no ids, or every row would repeat them.
    follow_up_form = FollowUpForm(initial={"on": timezone.localdate()}, auto_id=False)
    return render(request, "portfolio/pool.html", {"rows": rows, "follow_up_form": follow_up_form})


@login_required
@require_POST
def follow(request, declaration_pk):
    decl = get_object_or_404(declarations_visible_to(request.user), pk=declaration_pk)
    try:
        project = services.project_follow(request.user, decl)
    except REFUSALS as exc:
        report_refusal(request, exc)
        return redirect(next_url(request, reverse("portfolio:pool")))
    messages.success(request, _("You now follow %(project)s.") % {"project": project})
    if request.POST.get("open"):
        return redirect("portfolio:project", pk=project.pk)
    return redirect(next_url(request, reverse("portfolio:pool")))


@login_required
@require_POST
def contact_add(request, pk):
    project = visible_project(request, pk)
    form = ContactForm(request.POST)
    then = next_url(request, reverse("portfolio:project", args=[pk]))
    if not form.is_valid():
        messages.error(request, _("Give at least the contact's name."))
        return redirect(then)
    return page_action(
        request,
        lambda: services.contact_add(request.user, project, **form.cleaned_data),
        then=then,
        success=_("Contact added."),
    )


@login_required
@require_POST
def follow_up(request, pk):
    project = visible_project(request, pk)
    form = FollowUpForm(request.POST)
    then = next_url(request, reverse("portfolio:pool"))
    if not form.is_valid():
        messages.error(request, _("Give the kind, date and a note."))
        return redirect(then)
    return page_action(
        request,
        lambda: services.follow_up_add(request.user, project, **form.cleaned_data),
        then=then,
        success=_("Follow-up recorded."),
    )


@login_required
@require_POST
def invite(request, pk):
    project = visible_project(request, pk)
    form = InviteForm(request.POST, exclude_call=project.declaration.call_id, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose an open call."))
        return redirect("portfolio:pool")
    return page_action(
        request,
        lambda: services.candidate_invite(request.user, project, form.cleaned_data["call"]),
        then=redirect("portfolio:pool"),
        success=lambda invitation: (
            _("Invited: draft %(ref)s created in %(call)s.")
            % {"ref": invitation.declaration.reference, "call": invitation.call}
        ),
    )
