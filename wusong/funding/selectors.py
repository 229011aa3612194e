"""Reads and aggregates of the equity ledger: holdings at cost and at mark, the portfolio
per batch (call) and programme, a company's cap table with our position among the
others, and what accrues under an agreement (service fees, a lease's rent schedule).
Each reader sees only what `permissions` lets them see."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db.models import Q

from wusong.kernels.accrual import services_accrual
from wusong.kernels.conversion import ConversionInputError, stake_percent

from .models import (
    Agreement,
    Conversion,
    ConvertiblePosition,
    Disbursement,
    EquityProfile,
    Exit,
    FinancingRound,
    Holding,
    PoolReturn,
)
from .permissions import agreements_visible_to
from .terms import lease_build
from .workflow import AgreementState, DisbursementState
from .workflow_equity import HoldingState, PositionState

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


# What accrues under an agreement -----------------------------------------------------------


def service_fees(agreement: Agreement) -> dict:
    """A services-first agreement's recorded fees, what they add up to from the
    agreement's start (`accrued`) and what of it converts, within the agreement's amount
    (`total`)."""
    fees = list(agreement.service_fees.select_related("recorded_by").order_by("date", "id"))
    accrual = services_accrual(
        [{"date": f.date, "amount": f.amount, "reference": f.reference} for f in fees],
        since=agreement.start_date,
        ceiling=agreement.total_amount,
    )
    return {
        "fees": fees,
        "accrued": accrual.accrued.quantize(FEN),
        "total": accrual.total.quantize(FEN),
        "capped": accrual.total < accrual.accrued,
    }


def _rent_rows(lease) -> list[dict]:
    rows = [{"from": lease.start, "rent": lease.monthly_rent_per_m2}]
    rows += [{"from": c.effective, "rent": c.monthly_rent_per_m2} for c in lease.changes]
    for row in rows:
        row["monthly"] = (lease.area_m2 * row["rent"]).quantize(FEN, rounding=ROUND_HALF_UP)
    return rows


def lease_schedule(agreement: Agreement) -> dict | None:
    """A lease-first agreement's leased area and rent schedule: each rent per m² a month
    with the date it applies from and the month's rent for the whole area. None when the
    terms hold no valid lease."""
    try:
        lease = lease_build(agreement.terms)
    except ConversionInputError:
        return None
    return {"area_m2": lease.area_m2, "rows": _rent_rows(lease)}


def amendment_rent_changes(amendment) -> list[dict]:
    """The rents an amendment of the terms put into the lease's schedule, each with the
    date it applies from; empty for any other amendment."""
    before, after = (amendment.changes or {}).get("terms") or (None, None)
    try:
        new = _rent_rows(lease_build(after))
    except (ConversionInputError, TypeError, AttributeError):
        return []
    try:
        old = _rent_rows(lease_build(before))
    except (ConversionInputError, TypeError, AttributeError):
        old = []
    kept = {(row["from"], row["rent"]) for row in old}
    return [row for row in new if (row["from"], row["rent"]) not in kept]
