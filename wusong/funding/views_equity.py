"""Equity pages: the portfolio view, a company's cap table with our position, and a
conversion shown with its arithmetic before the officer confirms it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wusong.calls.models import Programme
from wusong.calls.views.common import report_refusal
from wusong.errors import ActionRefused
from wusong.registry.models import Organisation

from . import selectors, services_equity
from .models import ConvertiblePosition, FinancingRound
from .permissions import agreements_visible_to, runs_agreement


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
        "funding/portfolio.html",
        {
            "programme": programme,
            "figures": selectors.portfolio(request.user, programme=programme),
            "holdings": selectors.holdings(request.user, include_exited=True),
            "programmes": Programme.objects.filter(
                calls__declarations__agreement__in=agreements_visible_to(request.user)
            ).distinct(),
        },
    )


@login_required
def company_view(request, pk):
    company = get_object_or_404(Organisation, pk=pk)
    table = selectors.cap_table(request.user, company)
    if table is None:
        raise Http404
    return render(
        request,
        "funding/company.html",
        {
            "table": table,
            "company": company,
            "holdings": selectors.holdings(request.user, company=company, include_exited=True),
        },
    )


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
            services_equity.conversion_confirm(request.user, position, financing_round)
        except (ActionRefused, ValidationError) as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, _("Conversion recorded; the shares are on the holding."))
            return redirect("funding:company", pk=position.company_id)
    try:
        preview = services_equity.conversion_preview(request.user, position, financing_round)
    except (ActionRefused, ValidationError) as exc:
        report_refusal(request, exc)
        return redirect("funding:company", pk=position.company_id)
    return render(
        request,
        "funding/conversion.html",
        {
            "position": position,
            "round": financing_round,
            "result": preview["result"],
            "basis": preview["basis"],
        },
    )
