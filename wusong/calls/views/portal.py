"""The applicant's portal: open calls, one's own declarations, declaring and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import page_action, report_refusal
from wusong.errors import ActionRefused

from .. import permissions, selectors, services
from ..forms import (
    AttachmentForm,
    DeclarationForm,
    ExtraFieldsForm,
    MilestoneFormSet,
    TeamFormSet,
    milestone_initial,
    team_initial,
)
from ..models import Attachment, Call
from .common import visible_declaration


@login_required
def portal(request):
    return render(
        request,
        "calls/portal.html",
        {
            "calls": selectors.call_list(open_only=True).order_by("closes_at"),
            "declarations": selectors.organisation_declarations(request.user.organisation),
            "can_declare": permissions.can_declare(request.user),
        },
    )


@login_required
def call_detail(request, code):
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "fields": call.fields.all(),
            "can_declare": permissions.can_declare(request.user) and call.is_open(),
        },
    )


def _declaration_forms(request, call, decl=None):
    data = request.POST if request.method == "POST" else None
    return (
        DeclarationForm(data, instance=decl),
        TeamFormSet(data, prefix="team", initial=team_initial(decl) if decl else None),
        MilestoneFormSet(data, prefix="ms", initial=milestone_initial(decl) if decl else None),
        ExtraFieldsForm(call, data, declaration=decl, prefix="extra"),
    )


def _save(request, call, forms, decl=None):
    """Validate the four forms and call the service; on refusal, return None (errors shown)."""
    form, team, milestones, extra = forms
    if not all(f.is_valid() for f in forms):
        return None
    try:
        with transaction.atomic():
            args = (form.service_data(),)
            kwargs = {
                "team": team.rows(),
                "milestones": milestones.rows(),
                "answers": extra.answers(),
            }
            if decl is None:
                return services.declaration_create(request.user, call, *args, **kwargs)
            return services.declaration_update(request.user, decl, *args, **kwargs)
    except (ValidationError, ActionRefused) as exc:
        report_refusal(request, exc, form)
        return None


def _render_form(request, call, forms, decl=None):
    form, team, milestones, extra = forms
    return render(
        request,
        "calls/declaration_form.html",
        {
            "call": call,
            "form": form,
            "team": team,
            "milestones": milestones,
            "extra": extra,
            "declaration": decl,
        },
    )


@login_required
def declaration_create(request, code):
    call = get_object_or_404(Call, code=code)
    if not permissions.can_declare(request.user):
        raise Http404
    if call.has_closed():
        messages.error(request, _("This call has closed; it takes no new declarations."))
        return redirect("calls:call", code=call.code)
    forms = _declaration_forms(request, call)
    if request.method == "POST":
        decl = _save(request, call, forms)
        if decl is not None:
            messages.success(request, _("Draft saved. Upload the business plan, then submit."))
            return redirect("calls:declaration", pk=decl.pk)
    return _render_form(request, call, forms)


@login_required
def declaration_edit(request, pk):
    decl = visible_declaration(request, pk)
    if not permissions.can_edit_declaration(request.user, decl):
        messages.error(
            request, _("Only a draft or a returned declaration can be edited, by its applicant.")
        )
        return redirect("calls:declaration", pk=decl.pk)
    forms = _declaration_forms(request, decl.call, decl)
    if request.method == "POST":
        saved = _save(request, decl.call, forms, decl)
        if saved is not None:
            messages.success(request, _("Changes saved."))
            return redirect("calls:declaration", pk=decl.pk)
    return _render_form(request, decl.call, forms, decl)


@login_required
@require_POST
def attachment_upload(request, pk):
    decl = visible_declaration(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("calls:declaration", pk=decl.pk)
    try:
        attachment = services.attachment_add(
            request.user, decl, form.cleaned_data["kind"], form.cleaned_data["file"]
        )
    except (ValidationError, ActionRefused) as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("%(name)s uploaded.") % {"name": attachment.original_name})
    return redirect("calls:declaration", pk=decl.pk)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    decl = visible_declaration(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, declaration=decl)
    return page_action(
        request,
        lambda: services.attachment_remove(request.user, attachment),
        then=redirect("calls:declaration", pk=decl.pk),
        success=_("%(name)s removed.") % {"name": attachment.original_name},
    )


@login_required
@require_POST
def declaration_submit(request, pk):
    decl = visible_declaration(request, pk)
    try:
        decl, changed = services.declaration_submit(request.user, decl)
    except (ActionRefused, ValidationError) as exc:
        report_refusal(request, exc)
    else:
        if changed:
            messages.success(request, _("Submitted. The programme office will run formal review."))
        else:
            messages.info(request, _("This declaration was already submitted; nothing changed."))
    return redirect("calls:declaration", pk=decl.pk)


@login_required
@require_POST
def declaration_withdraw(request, pk):
    decl = visible_declaration(request, pk)
    return page_action(
        request,
        lambda: services.declaration_withdraw(request.user, decl),
        then=redirect("calls:declaration", pk=decl.pk),
        success=_("The declaration was withdrawn."),
    )
