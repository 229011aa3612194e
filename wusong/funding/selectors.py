"""Reads and aggregates of the equity ledger: holdings at cost and at mark, the portfolio
per batch (call) and programme, a company's cap table with our position among the
others, and what accrues under an agreement (service fees, a lease's rent schedule).
Each reader sees only what `permissions` lets them see."""

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels import conversion as kernel
from wusong.kernels.accrual import services_accrual
from wusong.kernels.conversion import CapTable, Position, Terms
from wusong.kernels.conversion_fallback import fallback_apply as kernel_fallback
from wusong.kernels.conversion_types import (
    ConversionInputError,
    Fallback,
    build,
    jsonable,
    stake_percent,
    to_date,
    to_decimal,
)

from . import ledger
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
from .permissions_equity import reads_position
from .terms import agreement_terms, lease_build
from .workflow import COMMITTED_DISBURSEMENT_STATES, AgreementState, DisbursementState
from .workflow_equity import HoldingState, PositionState, already_closed

ZERO = Decimal(0)
FEN = Decimal("0.01")
LIVE = (AgreementState.SIGNED, AgreementState.COMPLETED)


def committed(qs) -> Decimal:
    """What the disbursements in `qs` commit: all but the rejected."""
    return qs.filter(state__in=COMMITTED_DISBURSEMENT_STATES).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal(0)


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


# Conversions: the preview and the proposals of a round -------------------------------------


def conversion_compute(inputs: dict) -> dict:
    """The conversion kernel's result for `inputs`; its input errors as ValidationError."""
    try:
        return kernel.conversion_preview(inputs)
    except ConversionInputError as exc:
        raise ledger.refused(exc) from None


def nothing_to_convert(position, when) -> ActionRefused:
    return ActionRefused(
        _(
            "Nothing has been paid out or accrued under %(ref)s by %(date)s, so there is "
            "nothing to convert."
        )
        % {"ref": position.agreement.reference, "date": when}
    )


def refuse_before_agreement(agreement, when: dt.date, field: str = "round.date") -> None:
    """A round dated before the agreement cannot convert it: refused on `field`."""
    if when < agreement.start_date:
        raise ValidationError(
            {
                field: _(
                    "The round of %(date)s is before the agreement %(ref)s of %(start)s; a "
                    "round before the agreement cannot convert it. Check the date."
                )
                % {"date": when, "ref": agreement.reference, "start": agreement.start_date}
            }
        )


def conversion_preview(
    user, position: ConvertiblePosition, financing_round=None, *, round_data=None
) -> dict:
    """The conversion of `position` in a recorded round, or in a round described by
    `round_data` and not recorded yet, with every step of its arithmetic. Writes nothing.
    Returns {"inputs", "result", "basis"}: the kernel's inputs, its result, and how the
    amount was found."""
    position = ConvertiblePosition.objects.select_related("agreement", "company").get(
        pk=position.pk
    )
    if not reads_position(user, position):
        raise NotAllowed(_("Only an officer of this programme previews its conversions."))
    if position.state != PositionState.OPEN:
        raise ActionRefused(already_closed(position))
    if financing_round is not None:
        if financing_round.company.organisation_id != position.company_id:
            raise ValidationError({"round": _("The round is another company's.")})
        inputs = ledger.round_inputs(position, financing_round)
        when = financing_round.date
    else:
        inputs = ledger.draft_round_inputs(position, round_data)
        when = inputs["round"]["date"]
    when = to_date(when, "round.date")
    refuse_before_agreement(position.agreement, when)
    amount, basis = ledger.position_amount(position, when)
    if amount <= 0:
        raise nothing_to_convert(position, when)
    return {"inputs": inputs, "result": conversion_compute(inputs), "basis": basis}


def round_proposals(user, financing_round: FinancingRound) -> list[dict]:
    """The proposed conversion of every open position in the round's company, or why it
    cannot convert: what the officer confirms one by one."""
    proposals = []
    positions = ConvertiblePosition.objects.filter(
        company=financing_round.company.organisation, state=PositionState.OPEN
    ).select_related("agreement")
    for position in positions:
        if not reads_position(user, position):
            continue
        try:
            proposals.append(
                {"position": position, **conversion_preview(user, position, financing_round)}
            )
        except (ActionRefused, ValidationError) as exc:
            proposals.append({"position": position, "error": _message(exc)})
    return proposals


def _message(exc) -> str:
    if isinstance(exc, ActionRefused):
        return exc.message
    return (
        " ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        if hasattr(exc, "error_dict")
        else " ".join(exc.messages)
    )


# The deadline fallback ---------------------------------------------------------------------


def fallback_inputs(position: ConvertiblePosition, as_of: dt.date) -> tuple[dict, dict]:
    """The kernel's inputs for the fallback on `as_of`, and how the amount was found. The
    amount is counted up to the deadline: rent or fees after it no longer accrue."""
    terms = agreement_terms(position.agreement)
    amount, basis = ledger.position_amount(position, min(as_of, terms.deadline))
    inputs = {
        "position": {"amount": amount, "instrument": position.instrument},
        "terms": jsonable(terms),
        "as_of": as_of,
    }
    if terms.fallback is Fallback.CONVERT_AT_VALUATION:
        profile = EquityProfile.objects.filter(organisation=position.company_id).first()
        if profile is None:
            raise ActionRefused(
                _("Record %(company)s's equity first: the fallback converts at a set valuation.")
                % {"company": position.company}
            )
        inputs["company"] = ledger.kernel_company(
            profile.form, profile.units, ledger.cap_table_lines(profile), position.holder_id
        )
    return jsonable(inputs), basis


def fallback_compute(inputs: dict):
    """The fallback kernel's result for `inputs`, refused when nothing is there to fall
    back on."""
    if Decimal(inputs["position"]["amount"]) <= 0:
        raise ActionRefused(
            _("Nothing was paid out or accrued by the deadline: there is nothing to fall back on.")
        )
    try:
        return kernel_fallback(
            build(Position, inputs["position"], "position"),
            build(Terms, inputs["terms"], "terms"),
            inputs["as_of"],
            build(CapTable, inputs["company"], "company") if "company" in inputs else None,
        )
    except ConversionInputError as exc:
        raise ledger.refused(exc) from None


def qualifying_round(position: ConvertiblePosition, terms: Terms):
    """A recorded round of the company, by the deadline, in which the position would
    convert: then the conversion, not the fallback, is what the agreement calls for."""
    rounds = FinancingRound.objects.filter(
        company__organisation=position.company_id,
        date__gte=position.agreement.start_date,
        date__lte=terms.deadline,
    ).order_by("-date", "-id")
    for financing_round in rounds:
        try:
            result = kernel.conversion_preview(ledger.round_inputs(position, financing_round))
        except (ConversionInputError, ValidationError):
            continue
        if result["qualifying"]:
            return financing_round
    return None


def refuse_if_a_round_qualified(position: ConvertiblePosition) -> None:
    financing_round = qualifying_round(position, agreement_terms(position.agreement))
    if financing_round is not None:
        raise ActionRefused(
            _(
                "The round of %(date)s qualifies under this agreement: confirm the conversion "
                "in it rather than apply the fallback."
            )
            % {"date": financing_round.date}
        )


def fallback_preview(position: ConvertiblePosition, as_of: dt.date) -> dict:
    """The fallback as it would apply on `as_of` (due or not yet), with its arithmetic."""
    try:
        refuse_if_a_round_qualified(position)
        inputs, basis = fallback_inputs(position, as_of)
        result = fallback_compute(inputs)
    except (ActionRefused, ValidationError, ConversionInputError) as exc:
        return {"position": position, "error": getattr(exc, "message", None) or str(exc)}
    return {
        "position": position,
        "deadline": result.deadline,
        "rule": result.rule.value,
        "due": result.due,
        "inputs": inputs,
        "basis": basis,
        "result": result.to_json(),
    }


def _open_with_terms():
    for position in ConvertiblePosition.objects.filter(state=PositionState.OPEN).select_related(
        "agreement", "company", "holder"
    ):
        try:
            yield position, agreement_terms(position.agreement)
        except ConversionInputError:
            continue


def fallbacks_due(as_of: dt.date) -> list[dict]:
    """Open positions whose deadline has passed by `as_of` (a round may still close on the
    deadline day itself), each with the fallback it would get."""
    return [
        fallback_preview(position, as_of)
        for position, terms in _open_with_terms()
        if as_of > terms.deadline
    ]


def fallbacks_upcoming(as_of: dt.date, within_days: int = 90) -> list[dict]:
    """Open positions whose deadline falls within `within_days` of `as_of`, with the
    fallback as it would apply the day after the deadline: shown to officers ahead."""
    horizon = as_of + dt.timedelta(days=within_days)
    return [
        fallback_preview(position, terms.deadline + dt.timedelta(days=1))
        for position, terms in _open_with_terms()
        if as_of <= terms.deadline <= horizon
    ]


# Exits -------------------------------------------------------------------------------------


def buyback_quote(holding: Holding, annual_return_percent, on: dt.date) -> Decimal:
    """What the founding team pays to buy the holding back at cost plus a simple annual
    return from the acquisition date, to the fen (some pilots set such a price)."""
    try:
        rate = to_decimal(annual_return_percent, "annual_return_percent")
    except ConversionInputError as exc:
        raise ledger.refused(exc) from None
    if rate < 0:
        raise ValidationError({"annual_return_percent": _("The return cannot be negative.")})
    days = max((on - holding.acquired_on).days, 0)
    price = holding.cost * (1 + rate / Decimal(100) * days / Decimal(365))
    return price.quantize(FEN, rounding=ROUND_HALF_UP)
