"""Agreement pages: draft from an approved project, sign, verify milestones, request,
approve and pay disbursements, amend, record service fees and change a lease's rent.
Thin: parse, authorise, call a service, render. The apps above funding add their parts
to the agreement page through `hooks.agreement_parts`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.calls.permissions import declarations_visible_to, runs_programme
from wusong.calls.states import State
from wusong.documents.responses import pdf_response
from wusong.kernels.money import wan_to_yuan

from . import hooks, permissions, selectors, services
from .documents import agreement_pdf as agreement_document
from .forms import (
    AgreementForm,
    AmendmentForm,
    DisbursementRequestForm,
    EvidenceForm,
    KeyTaskFormSet,
    MilestoneFormSet,
    PaymentForm,
    ReasonForm,
    RentChangeForm,
    ServiceFeeForm,
    TrancheFormSet,
)
from .history import agreement_history
from .models import (
    ACCRUING_INSTRUMENTS,
    CONVERTIBLE_INSTRUMENTS,
    AgreementMilestone,
    Disbursement,
    Instrument,
    Tranche,
)
from .workflow import AgreementState, DisbursementState


def _agreement(request, pk):
    return get_object_or_404(
        permissions.agreements_visible_to(request.user).select_related(
            "declaration__call__programme", "funder", "recipient"
        ),
        pk=pk,
    )


@login_required
def agreement_list(request):
    agreements = permissions.agreements_visible_to(request.user).select_related(
        "declaration", "recipient"
    )
    return render(request, "funding/agreement_list.html", {"agreements": agreements})


@login_required
def agreement_new(request, declaration_pk):
    decl = get_object_or_404(declarations_visible_to(request.user), pk=declaration_pk)
    if not runs_programme(request.user, decl.call.programme) or decl.state != State.APPROVED:
        raise Http404
    if hasattr(decl, "agreement"):
        return redirect("funding:agreement", pk=decl.agreement.pk)
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(
        data,
        initial={"funder": decl.call.programme.funder_id, "instrument": "investment_first"},
    )
    tasks = KeyTaskFormSet(data, prefix="task")
    milestones = MilestoneFormSet(data, prefix="ms")
    tranches = TrancheFormSet(data, prefix="tr")
    parts = (form, tasks, milestones, tranches)
    if request.method == "POST" and all(p.is_valid() for p in parts):
        try:
            with transaction.atomic():
                agreement = services.agreement_draft(
                    request.user,
                    decl,
                    **form.service_kwargs(),
                    key_tasks=tasks.rows(),
                    milestones=milestones.rows(),
                    tranches=tranches.rows(),
                )
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("Agreement drafted. Both sides sign it next."))
            return redirect("funding:agreement", pk=agreement.pk)
    return render(
        request,
        "funding/agreement_form.html",
        {
            "declaration": decl,
            "form": form,
            "tasks": tasks,
            "milestones": milestones,
            "tranches": tranches,
        },
    )


@login_required
def agreement_detail(request, pk):
    return _agreement_page(request, _agreement(request, pk))


def _agreement_page(request, agreement, *, fee_form=None, rent_form=None):
    """The agreement page; for an officer of the programme, the forms that write to it
    (bound ones carry their errors)."""
    user = request.user
    runs = permissions.runs_agreement(user, agreement)
    tranches = list(
        agreement.tranches.select_related("milestone").prefetch_related("disbursements")
    )
    for tranche in tranches:
        tranche.committed = selectors.committed(tranche.disbursements.all())
        tranche.remaining = tranche.amount - tranche.committed
    disbursements = Disbursement.objects.filter(tranche__agreement=agreement).select_related(
        "tranche", "requested_by", "approved_by", "confirmed_by"
    )
    amendments = list(agreement.amendments.select_related("made_by"))
    for amendment in amendments:
        amendment.rent_changes = selectors.amendment_rent_changes(amendment)
    context = {
        "agreement": agreement,
        "tranches": tranches,
        "milestones": agreement.milestones.all(),
        "key_tasks": agreement.key_tasks.all(),
        "disbursements": disbursements,
        "amendments": amendments,
        "history": agreement_history(agreement),
        "runs": runs,
        "convertible": agreement.instrument in CONVERTIBLE_INSTRUMENTS,
        "accrues_instead": agreement.instrument in ACCRUING_INSTRUMENTS,
        "fallback": dict(AgreementForm.base_fields["fallback"].choices).get(
            (agreement.terms or {}).get("fallback"), ""
        ),
        "parts": hooks.agreement_page_parts(user, agreement),
        "is_recipient": permissions.is_recipient(user, agreement),
        "signed": agreement.state == AgreementState.SIGNED,
        "two_levels": len(permissions.approval_roles()) > 1,
        "States": DisbursementState,
        "request_form": DisbursementRequestForm(),
        "payment_form": PaymentForm(),
        "reason_form": ReasonForm(),
        "evidence_form": EvidenceForm(),
        "amendment_form": AmendmentForm(),
        "paid": sum(
            (d.amount for d in disbursements if d.state == DisbursementState.PAID), start=0
        ),
    }
    if agreement.instrument == Instrument.SERVICES_FIRST:
        context["fees"] = selectors.service_fees(agreement)
        context["fee_form"] = fee_form or ServiceFeeForm(prefix="fee")
    if agreement.instrument == Instrument.LEASE_FIRST:
        context["lease"] = selectors.lease_schedule(agreement)
        context["rent_form"] = rent_form or RentChangeForm(prefix="rent")
    return render(request, "funding/agreement_detail.html", context)


@login_required
@require_POST
def agreement_sign(request, pk, side):
    agreement = _agreement(request, pk)
    return page_action(
        request,
        lambda: services.agreement_sign(request.user, agreement, side),
        then=reverse("funding:agreement", args=[agreement.pk]),
        success=_("Signature recorded."),
    )


@login_required
@require_POST
def milestone_verify(request, pk, milestone_pk):
    agreement = _agreement(request, pk)
    milestone = get_object_or_404(AgreementMilestone, pk=milestone_pk, agreement=agreement)
    evidence = request.POST.get("evidence", "")
    return page_action(
        request,
        lambda: services.milestone_verify(request.user, milestone, evidence),
        then=reverse("funding:agreement", args=[agreement.pk]),
        success=_("Milestone verified; its tranches are released."),
    )


@login_required
@require_POST
def disbursement_request(request, pk, tranche_pk):
    agreement = _agreement(request, pk)
    tranche = get_object_or_404(Tranche, pk=tranche_pk, agreement=agreement)
    form = DisbursementRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("funding:agreement", pk=agreement.pk)
    amount = wan_to_yuan(form.cleaned_data["amount_wan"])
    return page_action(
        request,
        lambda: services.disbursement_request(
            request.user, tranche, amount, form.cleaned_data["purpose"]
        ),
        then=reverse("funding:agreement", args=[agreement.pk]),
        success=_("Disbursement requested."),
    )


@login_required
@require_POST
def disbursement_act(request, pk, disbursement_pk, act):
    agreement = _agreement(request, pk)
    disbursement = get_object_or_404(Disbursement, pk=disbursement_pk, tranche__agreement=agreement)
    user = request.user
    actions = {
        "approve": (lambda: services.disbursement_approve(user, disbursement), _("Approved.")),
        "pay": (
            lambda: services.disbursement_pay(
                user, disbursement, request.POST.get("payment_reference", "")
            ),
            _("Payment recorded."),
        ),
        "reject": (
            lambda: services.disbursement_reject(
                user, disbursement, request.POST.get("reason", "")
            ),
            _("Request rejected."),
        ),
    }
    if act not in actions:
        raise Http404
    action, success = actions[act]
    return page_action(
        request,
        action,
        then=reverse("funding:agreement", args=[agreement.pk]),
        success=success,
    )


@login_required
@require_POST
def agreement_amend(request, pk):
    agreement = _agreement(request, pk)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("funding:agreement", pk=agreement.pk)
    return page_action(
        request,
        lambda: services.agreement_amend(
            request.user,
            agreement,
            form.cleaned_data["reason"],
            end_date=form.cleaned_data["end_date"],
        ),
        then=reverse("funding:agreement", args=[agreement.pk]),
        success=_("Amendment recorded."),
    )


def _officer_agreement(request, pk):
    """The agreement, for an officer of its programme only: to anyone else it is not
    there, as its forms are not."""
    agreement = _agreement(request, pk)
    if not permissions.runs_agreement(request.user, agreement):
        raise Http404
    return agreement


@login_required
@require_POST
def service_fee_new(request, pk):
    agreement = _officer_agreement(request, pk)
    form = ServiceFeeForm(request.POST, prefix="fee")
    if form.is_valid():
        try:
            services.service_fee_record(request.user, agreement, **form.service_kwargs())
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("Service fee recorded; it accrues under the agreement."))
            return redirect(reverse("funding:agreement", args=[agreement.pk]) + "#fees")
    return _agreement_page(request, agreement, fee_form=form)


@login_required
@require_POST
def lease_rent_change_view(request, pk):
    agreement = _officer_agreement(request, pk)
    form = RentChangeForm(request.POST, prefix="rent")
    if form.is_valid():
        try:
            services.lease_rent_change(request.user, agreement, **form.service_kwargs())
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("Rent changed; the amendment is recorded."))
            return redirect(reverse("funding:agreement", args=[agreement.pk]) + "#lease")
    return _agreement_page(request, agreement, rent_form=form)


@login_required
def agreement_pdf(request, pk):
    """The agreement (项目建设合作协议) as a PDF, for whoever may see the agreement."""
    agreement = get_object_or_404(permissions.agreements_visible_to(request.user), pk=pk)
    return pdf_response(agreement_document(agreement), f"{agreement.reference}.pdf")
