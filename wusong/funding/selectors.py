"""Reads of agreements: what their disbursements commit, and what accrues under them
instead of being paid (a services-first agreement's fees, a lease's rent schedule and the
rents an amendment put into it)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from wusong.kernels.accrual import services_accrual
from wusong.kernels.conversion import ConversionInputError

from .models import Agreement
from .terms import lease_build
from .workflow import COMMITTED_DISBURSEMENT_STATES

FEN = Decimal("0.01")


def committed(qs) -> Decimal:
    """What the disbursements in `qs` commit: all but the rejected."""
    return qs.filter(state__in=COMMITTED_DISBURSEMENT_STATES).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal(0)


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
