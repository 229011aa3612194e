"""The programme officer's back office: calls, the declaration list, formal review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import report_refusal
from wusong.errors import ActionRefused
from wusong.kernels.money import wan_to_yuan

from .. import permissions, selectors, services
from ..exports import declarations_workbook
from ..forms import DeclarationFilterForm, FormalReviewForm
from ..models import Call
from ..states import State
from .common import visible_declaration


@login_required
def office(request):
    calls = selectors.office_calls(request.user)
    if not calls.exists() and not permissions.works_in_office(request.user):
        raise Http404
    return render(request, "calls/office.html", {"calls": calls})


def _filtered(request, call):
    form = DeclarationFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "state": data.get("state") or None,
            "industry": data.get("industry"),
            "amount_min": wan_to_yuan(data["amount_min"])
            if data.get("amount_min") is not None
            else None,
            "amount_max": wan_to_yuan(data["amount_max"])
            if data.get("amount_max") is not None
            else None,
            "submitted_from": data.get("submitted_from"),
            "submitted_to": data.get("submitted_to"),
            "ordering": data.get("ordering") or None,
        }
    qs = selectors.declaration_list(request.user, call=call, **filters).exclude(state=State.DRAFT)
    return form, qs.select_related("organisation", "industry")


def _call_for_office(request, code):
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    if not permissions.can_see_call_declarations(request.user, call):
        raise Http404
    return call


@login_required
def call_declarations(request, code):
    call = _call_for_office(request, code)
    form, declarations = _filtered(request, call)
    totals = selectors.declaration_totals(declarations)
    return render(
        request,
        "calls/call_declarations.html",
        {
            "call": call,
            "form": form,
            "declarations": declarations,
            "totals": totals,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def call_declarations_export(request, code):
    call = _call_for_office(request, code)
    _form, declarations = _filtered(request, call)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return declarations_workbook(declarations, filename=f"{call.code}-{stamp}.xlsx")


@login_required
@require_POST
def formal_review(request, pk):
    decl = visible_declaration(request, pk)
    form = FormalReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("calls:declaration", pk=decl.pk)
    data = form.cleaned_data
    try:
        decl = services.formal_review_decide(
            request.user, decl, data["decision"], data["reason"], data.get("resubmit_by")
        )
    except (ActionRefused, ValidationError) as exc:
        report_refusal(request, exc)
    else:
        messages.success(
            request,
            _("Recorded: %(reference)s is now %(state)s.")
            % {"reference": decl.reference, "state": decl.get_state_display()},
        )
    return redirect("calls:declaration", pk=decl.pk)
