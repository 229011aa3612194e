"""Equity pages: the portfolio view, a company's cap table with our position, a
conversion shown with its arithmetic before the officer confirms it, and opening the
position of a signed convertible agreement. Thin: parse, authorise, call a service or a
selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, report_refusal
from wusong.calls.models import Programme
from wusong.funding.forms import AgreementForm
from wusong.funding.permissions import agreements_visible_to, runs_agreement
from wusong.kernels.money import AmountError
from wusong.registry.models import Organisation

from . import selectors, services
from .forms import (
    CapTableFormSet,
    EquityProfileForm,
    ExitForm,
    RoundForm,
    RoundInvestorFormSet,
)
from .models import ConvertiblePosition, EquityProfile, FinancingRound, Holding
from .permissions import runs_company
from .step_labels import labelled


def _upcoming_fallbacks(user) -> list[dict]:
    """Deadline fallbacks due within 90 days on positions this user may see, shown ahead
    so an officer can chase a round or prepare the write-off or repayment."""
    rules = dict(AgreementForm.base_fields["fallback"].choices)
    return [
        {**item, "rule_label": rules.get(item.get("rule"), item.get("rule", ""))}
        for item in selectors.fallbacks_upcoming(timezone.localdate(), user=user)
    ]


@login_required
def portfolio_view(request):
    """Per programme (or, with ?programme=, per batch): committed, disbursed, converted,
    written off, held at cost and at mark, exited, proceeds; and the holdings."""
    programme = None
    if request.GET.get("programme"):
        programme = get_object_or_404(Programme, code=request.GET["programme"])
    if not agreements_visible_to(request.user).exists():
        raise Http404
    return render(
        request,
        "equity/portfolio.html",
        {
            "programme": programme,
            "figures": selectors.portfolio(request.user, programme=programme),
            "holdings": selectors.holdings(request.user, include_exited=True),
            "fallbacks": _upcoming_fallbacks(request.user),
            "deadlines_unread": selectors.deadlines_unread(request.user),
            "programmes": Programme.objects.filter(
                calls__declarations__agreement__in=agreements_visible_to(request.user)
            ).distinct(),
        },
    )


def _company(request, pk):
    company = get_object_or_404(Organisation, pk=pk)
    if not agreements_visible_to(request.user).filter(recipient=company).exists():
        raise Http404
    return company


def _exit_form(holding, data=None):
    return ExitForm(data, prefix=f"exit{holding.pk}")


def _company_page(
    request,
    company,
    *,
    profile_form=None,
    lines=None,
    round_form=None,
    investors=None,
    exit_forms=None,
):
    """The company page: cap table, rounds, holdings, and for an officer who runs the
    company the forms that write to its ledger (bound ones carry their errors)."""
    table = selectors.cap_table(request.user, company)
    runs = runs_company(request.user, company)
    if table is None and not runs:
        raise Http404
    profile = EquityProfile.objects.filter(organisation=company).first()
    if profile_form is None:
        initial = {"form": profile.form, "units": profile.units} if profile else {}
        profile_form = EquityProfileForm(initial=initial, prefix="equity")
    if lines is None:
        initial = [
            {"name": line.name, "units": line.units}
            for line in (profile.lines.filter(organisation__isnull=True) if profile else [])
        ]
        lines = CapTableFormSet(initial=initial, prefix="line")
    holdings = selectors.holdings(request.user, company=company, include_exited=True)
    exit_forms = exit_forms or {}
    for row in holdings:
        holding = row["holding"]
        row["exit_form"] = exit_forms.get(holding.pk) or _exit_form(holding)
        row["runs"] = runs_agreement(request.user, holding.conversion.position.agreement)
    return render(
        request,
        "equity/company.html",
        {
            "table": table,
            "company": company,
            "holdings": holdings,
            "runs": runs,
            "profile": profile,
            "profile_form": profile_form,
            "lines": lines,
            "round_form": round_form or RoundForm(prefix="round"),
            "investors": investors or RoundInvestorFormSet(prefix="inv"),
        },
    )


@login_required
def company_view(request, pk):
    return _company_page(request, _company(request, pk))


@login_required
@require_POST
def equity_profile_view(request, pk):
    company = _company(request, pk)
    form = EquityProfileForm(request.POST, prefix="equity")
    lines = CapTableFormSet(request.POST, prefix="line")
    if form.is_valid() and lines.is_valid():
        try:
            services.equity_profile_set(
                request.user,
                company,
                form=form.cleaned_data["form"],
                units=form.cleaned_data["units"],
                lines=lines.rows(),
            )
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("The company's equity is recorded."))
            return redirect("equity:company", pk=company.pk)
    return _company_page(request, company, profile_form=form, lines=lines)


@login_required
@require_POST
def round_new(request, pk):
    company = _company(request, pk)
    form = RoundForm(request.POST, prefix="round")
    investors = RoundInvestorFormSet(request.POST, prefix="inv")
    if form.is_valid() and investors.is_valid():
        try:
            services.round_record(
                request.user, company, investors=investors.rows(), **form.service_kwargs()
            )
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        except AmountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Round recorded. Preview each open position's conversion below.")
            )
            return redirect("equity:company", pk=company.pk)
    return _company_page(request, company, round_form=form, investors=investors)


@login_required
@require_POST
def exit_new(request, holding_pk):
    holding = get_object_or_404(
        Holding.objects.filter(
            conversion__position__agreement__in=agreements_visible_to(request.user)
        ),
        pk=holding_pk,
    )
    company = holding.company
    form = _exit_form(holding, request.POST)
    if form.is_valid():
        try:
            services.exit_record(request.user, holding, **form.service_kwargs())
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        except AmountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Exit recorded; the proceeds return to the pool."))
            return redirect("equity:company", pk=company.pk)
    return _company_page(request, company, exit_forms={holding.pk: form})


@login_required
def conversion_view(request, position_pk, round_pk):
    position = get_object_or_404(
        ConvertiblePosition.objects.filter(agreement__in=agreements_visible_to(request.user)),
        pk=position_pk,
    )
    financing_round = get_object_or_404(
        FinancingRound, pk=round_pk, company__organisation=position.company
    )
    if not runs_agreement(request.user, position.agreement):
        raise Http404
    if request.method == "POST":
        try:
            services.conversion_confirm(request.user, position, financing_round)
        except REFUSALS as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, _("Conversion recorded; the shares are on the holding."))
            return redirect("equity:company", pk=position.company_id)
    try:
        preview = selectors.conversion_preview(request.user, position, financing_round)
    except REFUSALS as exc:
        report_refusal(request, exc)
        return redirect("equity:company", pk=position.company_id)
    return render(
        request,
        "equity/conversion.html",
        {
            "position": position,
            "round": financing_round,
            "result": labelled(preview["result"]),
            "basis": preview["basis"],
        },
    )


@login_required
@require_POST
def position_open_view(request, pk):
    agreement = get_object_or_404(agreements_visible_to(request.user), pk=pk)
    try:
        services.position_open(request.user, agreement)
    except REFUSALS as exc:
        report_refusal(request, exc)
        return redirect("funding:agreement", pk=agreement.pk)
    messages.success(request, _("The convertible position is open."))
    return redirect("equity:company", pk=agreement.recipient_id)
