"""Reads and aggregates of the equity ledger: holdings at cost and at mark, the portfolio
per batch (call) and programme, a company's cap table with our position among the others,
and what a buy-back would cost. Each reader sees only what the permissions let them see."""

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from wusong.funding.models import Agreement, Disbursement
from wusong.funding.permissions import agreements_visible_to
from wusong.funding.terms import kernel_refused
from wusong.funding.workflow import AgreementState, DisbursementState
from wusong.kernels.conversion import ConversionInputError, stake_percent, to_decimal

from ..models import (
    Conversion,
    ConvertiblePosition,
    EquityProfile,
    Exit,
    FinancingRound,
    Holding,
    PoolReturn,
)
from ..workflow import HoldingState, PositionState

ZERO = Decimal(0)
FEN = Decimal("0.01")
LIVE = (AgreementState.SIGNED, AgreementState.COMPLETED)


def _sum(qs, field: str) -> Decimal:
    """Summed here, not by the database: SQLite would sum decimals as floats."""
    return sum(qs.values_list(field, flat=True), ZERO).quantize(FEN)


def mark_price(company) -> Decimal | None:
    """The price per unit of the company's latest recorded round: the mark."""
    latest = (
        FinancingRound.objects.filter(company__organisation=company)
        .order_by("-date", "-id")
        .first()
    )
    return latest.round_price if latest else None


def _valued(holding: Holding, mark: Decimal | None) -> dict:
    value = (holding.units * mark).quantize(FEN, rounding=ROUND_HALF_UP) if mark else None
    multiple = None
    if value is not None and holding.cost > 0:
        multiple = (value / holding.cost).quantize(FEN, rounding=ROUND_DOWN)
    return {
        "holding": holding,
        "company": holding.company,
        "unit_class": holding.unit_class,
        "units": holding.units,
        "cost": holding.cost,
        "mark": mark,
        "value": value,
        "multiple": multiple,
        "state": holding.state,
    }


def holdings_visible_to(user):
    return Holding.objects.filter(
        conversion__position__agreement__in=agreements_visible_to(user)
    ).select_related("company", "holder", "conversion__position__agreement")


def holdings(user, *, company=None, include_exited: bool = False) -> list[dict]:
    """Holdings with their class, units, cost, mark (the last round's price), value at
    mark and multiple (value ÷ cost)."""
    qs = holdings_visible_to(user)
    if company is not None:
        qs = qs.filter(company=company)
    if not include_exited:
        qs = qs.filter(state=HoldingState.HELD)
    marks: dict = {}
    rows = []
    for holding in qs:
        if holding.company_id not in marks:
            marks[holding.company_id] = mark_price(holding.company)
        rows.append(_valued(holding, marks[holding.company_id]))
    return rows


def _figures(agreements) -> dict:
    positions = ConvertiblePosition.objects.filter(agreement__in=agreements)
    held = Holding.objects.filter(
        conversion__position__agreement__in=agreements, state=HoldingState.HELD
    )
    exits = Exit.objects.filter(holding__conversion__position__agreement__in=agreements)
    at_mark = ZERO
    marks: dict = {}
    for holding in held.select_related("company"):
        if holding.company_id not in marks:
            marks[holding.company_id] = mark_price(holding.company)
        mark = marks[holding.company_id]
        at_mark += (holding.units * mark).quantize(FEN, rounding=ROUND_HALF_UP) if mark else ZERO
    return {
        "agreements": agreements.count(),
        "committed": _sum(agreements, "total_amount"),
        "disbursed": _sum(
            Disbursement.objects.filter(
                tranche__agreement__in=agreements, state=DisbursementState.PAID
            ),
            "amount",
        ),
        "open_positions": positions.filter(state=PositionState.OPEN).count(),
        "converted": _sum(
            Conversion.objects.filter(position__agreement__in=agreements), "amount_converted"
        ),
        "written_off": _sum(positions, "written_off_amount"),
        "repayable": _sum(positions, "repayable_amount"),
        "held_at_cost": _sum(held, "cost"),
        "held_at_mark": at_mark.quantize(FEN),
        "exited_at_cost": _sum(exits, "cost"),
        "proceeds": _sum(exits, "proceeds"),
        "realised_gain": _sum(exits, "realised_gain"),
        "team_reward": _sum(exits, "team_reward"),
        "returned_to_pool": _sum(PoolReturn.objects.filter(agreement__in=agreements), "amount"),
    }


def portfolio(user, *, programme=None, call=None) -> dict:
    """The figures of signed (and completed) agreements: committed, disbursed,
    converted, written off, repayable, held at cost and at mark, exited at cost,
    proceeds, realised gain, reward to teams, returned to the pool. With a programme,
    also one row per batch; with neither, one row per programme."""
    agreements = agreements_visible_to(user).filter(state__in=LIVE)
    if programme is not None:
        agreements = agreements.filter(declaration__call__programme=programme)
    if call is not None:
        agreements = agreements.filter(declaration__call=call)
    agreements = Agreement.objects.filter(pk__in=agreements.values("pk"))
    totals = _figures(agreements)
    rows = []
    if call is None:
        key = "declaration__call" if programme is not None else "declaration__call__programme"
        ids = agreements.values_list(key, flat=True).distinct().order_by(key)
        for pk in ids:
            group = agreements.filter(**{key: pk})
            first = group.select_related("declaration__call__programme").first()
            label = (
                first.declaration.call
                if programme is not None
                else first.declaration.call.programme
            )
            rows.append({"id": pk, "label": str(label), **_figures(group)})
    return {"totals": totals, "rows": rows, "by": "call" if programme is not None else "programme"}


def cap_table(user, company) -> dict | None:
    """The company's cap table now: every holder with units and stake, ours marked, the
    rounds recorded, the mark. None if the user may not see the company."""
    if not agreements_visible_to(user).filter(recipient=company).exists():
        return None
    profile = EquityProfile.objects.filter(organisation=company).first()
    if profile is None:
        return None
    holders = set(
        ConvertiblePosition.objects.filter(company=company).values_list("holder_id", flat=True)
    )
    lines = []
    for line in profile.lines.filter(units__gt=0).select_related("organisation"):
        lines.append(
            {
                "name": line.name,
                "units": line.units,
                "stake_percent": stake_percent(line.units, profile.units),
                "ours": line.organisation_id in holders,
            }
        )
    lines.sort(key=lambda x: (-x["units"], x["name"]))
    itemised = sum((x["units"] for x in lines), ZERO)
    ours = [x for x in lines if x["ours"]]
    our_units = sum((x["units"] for x in ours), ZERO)
    others = [x for x in lines if not x["ours"]]
    return {
        "company": company,
        "form": profile.form,
        "units": profile.units,
        "lines": lines,
        "not_itemised": profile.units - itemised,
        "our_units": our_units,
        "our_stake_percent": stake_percent(our_units, profile.units),
        "our_rank": 1 + sum(1 for x in others if x["units"] > our_units) if ours else None,
        "largest_other": others[0] if others else None,
        "mark": mark_price(company),
        "rounds": list(
            FinancingRound.objects.filter(company=profile).prefetch_related("investors")
        ),
        "open_positions": list(
            ConvertiblePosition.objects.filter(
                Q(company=company) & Q(state=PositionState.OPEN)
            ).select_related("agreement")
        ),
    }


def buyback_quote(holding: Holding, annual_return_percent, on: dt.date) -> Decimal:
    """What the founding team pays to buy the holding back at cost plus a simple annual
    return from the acquisition date, to the fen (some pilots set such a price)."""
    try:
        rate = to_decimal(annual_return_percent, "annual_return_percent")
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None
    if rate < 0:
        raise ValidationError({"annual_return_percent": _("The return cannot be negative.")})
    days = max((on - holding.acquired_on).days, 0)
    price = holding.cost * (1 + rate / Decimal(100) * days / Decimal(365))
    return price.quantize(FEN, rounding=ROUND_HALF_UP)
