"""What the conversion kernel is given, built from the ledger: a position's amount on a
date, the kernel's inputs for a recorded (or not yet recorded) round, the company's cap
table. Reads only; the services write.

The inputs are kept as JSON with the conversion, so `wusong.kernels.conversion.
conversion_preview(conversion.inputs)` redoes it exactly, years later.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

from wusong.funding.models import Agreement, Disbursement, Instrument
from wusong.funding.terms import agreement_terms, kernel_refused, lease_build
from wusong.funding.workflow import DisbursementState
from wusong.kernels.accrual import lease_accrual, services_accrual
from wusong.kernels.conversion import (
    ConversionInputError,
    floor_div_to_step,
    jsonable,
    price_from_valuation,
    to_date,
)

from .models import CapTableLine, Conversion, ConvertiblePosition, EquityProfile, FinancingRound

ZERO = Decimal(0)
FEN = Decimal("0.01")


def paid_by(agreement: Agreement, as_of: dt.date) -> Decimal:
    paid = Disbursement.objects.filter(
        tranche__agreement=agreement, state=DisbursementState.PAID, paid_at__date__lte=as_of
    ).values_list("amount", flat=True)
    return sum(paid, ZERO).quantize(FEN)  # summed here: SQLite would sum them as floats


def position_amount(position: ConvertiblePosition, as_of: dt.date) -> tuple[Decimal, dict]:
    """The amount that converts on `as_of`, and how it was found (JSON-ready).

    Investment first: what was paid out by that day. Allocation plus investment: the
    grant part is taken as paid first, so the investment part is what was paid beyond
    it, up to the investment amount. Lease first: rent accrued from the lease start
    through that day; services first: fees dated from the agreement's start through that
    day; both within the agreement's amount. A residual claim: its fixed amount.
    """
    agreement = position.agreement
    if position.claim_amount is not None:
        return position.claim_amount, jsonable(
            {"rule": "claim", "claim_amount": position.claim_amount, "as_of": as_of}
        )
    basis: dict = {"rule": position.instrument, "as_of": as_of}
    if position.instrument == Instrument.INVESTMENT_FIRST:
        amount = basis["paid"] = paid_by(agreement, as_of)
    elif position.instrument == Instrument.ALLOCATION_PLUS_INVESTMENT:
        paid = basis["paid"] = paid_by(agreement, as_of)
        basis["grant_amount"] = agreement.grant_amount
        amount = min(max(paid - agreement.grant_amount, ZERO), agreement.investment_amount)
    elif position.instrument == Instrument.LEASE_FIRST:
        lease = lease_build(agreement.terms)
        if as_of < lease.start:
            amount = ZERO
        else:
            accrual = lease_accrual(lease, as_of, ceiling=agreement.total_amount)
            basis["accrual"] = accrual.to_json()
            amount = accrual.total
    else:
        fees = [
            {
                "date": f.date,
                "amount": f.amount,
                "provider": f.provider,
                "description": f.description,
                "reference": f.reference,
            }
            for f in agreement.service_fees.order_by("date", "id")
        ]
        if as_of < agreement.start_date:
            amount = ZERO
        else:
            accrual = services_accrual(
                fees, since=agreement.start_date, through=as_of, ceiling=agreement.total_amount
            )
            basis["accrual"] = accrual.to_json()
            amount = accrual.total
    amount = amount.quantize(FEN)
    basis["amount"] = amount
    return amount, jsonable(basis)


def cap_table_lines(profile: EquityProfile) -> list[dict]:
    return [
        {"name": line.name, "organisation": line.organisation_id, "units": jsonable(line.units)}
        for line in profile.lines.order_by("name")
    ]


def kernel_company(form: str, units: Decimal, lines: list[dict], holder_id: int) -> dict:
    """The kernel's CapTable (as JSON) seen from `holder_id`: its own line is the
    holder's units, every other line an itemised holder."""
    mine = sum((Decimal(str(x["units"])) for x in lines if x["organisation"] == holder_id), ZERO)
    others = [
        {"name": x["name"], "units": str(x["units"])}
        for x in lines
        if x["organisation"] != holder_id and Decimal(str(x["units"])) > 0
    ]
    return {"form": form, "units": jsonable(units), "holders": others, "holder_units": str(mine)}


def round_price(price_per_unit, pre_money_valuation, units_before) -> Decimal:
    if price_per_unit is not None:
        return Decimal(price_per_unit)
    return price_from_valuation(Decimal(pre_money_valuation), Decimal(units_before))


def investor_units(amount: Decimal, price: Decimal, step: Decimal) -> Decimal:
    """New units for an investor's money at the round price, as the kernel derives them."""
    return floor_div_to_step(amount, price, step)


def terms_json(agreement: Agreement) -> dict:
    try:
        return jsonable(agreement_terms(agreement))
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None


def other_conversions(financing_round: FinancingRound, position: ConvertiblePosition):
    """Units already converted in this round by other positions, and the part of them
    that went to this position's holder."""
    done = Conversion.objects.filter(financing_round=financing_round).exclude(position=position)
    other = sum(done.values_list("units", flat=True), ZERO)
    mine = sum(done.filter(position__holder=position.holder).values_list("units", flat=True), ZERO)
    return other, mine


def round_inputs(position: ConvertiblePosition, financing_round: FinancingRound) -> dict:
    """The kernel's {position, terms, round} for a recorded round."""
    amount, _basis = position_amount(position, financing_round.date)
    other, mine = other_conversions(financing_round, position)
    company = financing_round.company
    data = {
        "date": financing_round.date,
        "company": kernel_company(
            company.form,
            financing_round.units_before,
            financing_round.cap_table_before,
            position.holder_id,
        ),
        "investors": [
            {"name": i.name, "amount": i.amount, "market": i.market, "units": i.units}
            for i in financing_round.investors.all()
        ],
        "other_new_units": other,
        "holder_new_units": mine,
    }
    if financing_round.price_per_unit is not None:
        data["price_per_unit"] = financing_round.price_per_unit
    else:
        data["pre_money_valuation"] = financing_round.pre_money_valuation
    return jsonable(
        {
            "position": {"amount": amount, "instrument": position.instrument},
            "terms": terms_json(position.agreement),
            "round": data,
        }
    )


def draft_round_inputs(position: ConvertiblePosition, round_data: dict) -> dict:
    """The kernel's inputs for a round not recorded yet: `round_data` gives date, price
    per unit or pre-money valuation, and investors; the company's units and holders
    default to its equity profile now."""
    if not isinstance(round_data, dict):
        raise ValidationError({"round": "expected an object with date, price and investors"})
    data = dict(round_data)
    try:
        when = to_date(data.get("date"), "round.date")
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None
    amount, _basis = position_amount(position, when)
    if "company" not in data:
        try:
            profile = EquityProfile.objects.get(organisation=position.company)
        except EquityProfile.DoesNotExist:
            raise ValidationError(
                {"round.company": "record the company's equity profile first, or give it"}
            ) from None
        data["company"] = kernel_company(
            profile.form, profile.units, cap_table_lines(profile), position.holder_id
        )
    return jsonable(
        {
            "position": {"amount": amount, "instrument": position.instrument},
            "terms": terms_json(position.agreement),
            "round": data,
        }
    )


def holder_line(profile: EquityProfile, holder) -> CapTableLine:
    line = profile.lines.filter(organisation=holder).first()
    if line is None:
        line = profile.lines.filter(name=holder.name, organisation__isnull=True).first()
        if line is not None:
            line.organisation = holder
            line.save(update_fields=["organisation"])
            return line
        name = holder.name
        if profile.lines.filter(name=name).exists():  # another holder of the same name
            name = f"{holder.name} ({holder.uscc or holder.pk})"
        line = CapTableLine.objects.create(
            profile=profile, name=name, organisation=holder, units=ZERO
        )
    return line
