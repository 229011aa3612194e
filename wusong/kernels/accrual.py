"""Accruals that become a convertible amount.

Lease first, shares later (先租后股): rent for park space accrues instead of being paid.
Rent is monthly per square metre. A rent month runs from the lease's start day to the
same day of the next month (a start on the 31st runs to the last day of a shorter
month). A whole rent month at one rent is area × rent. A part of a rent month — the last
one when the accrual stops mid-month, or either side of a rent change — is prorated by
days: area × rent × days ÷ days in that rent month. Each line is rounded to the fen
half-up and the total is the sum of the lines, so it matches the statement the company
receives. A rent of zero is a rent-free period (免租期).

Services first, shares later (先服务后股): service fees accrue as recorded; the total is
the sum of the fees dated within the window.

Either total can be capped at the agreement's amount (`ceiling`); what is above it does
not accrue under the agreement. Pure Python, Decimal only, no Django.
"""

import calendar
import dataclasses
import datetime as dt
from decimal import Decimal

from wusong.kernels.conversion.vocabulary import (
    ZERO,
    ConversionInputError,
    StepList,
    build,
    exact,
    fen_half_up,
    fmt,
    jsonable,
    positive,
    to_date,
    to_decimal,
    yuan,
)

__all__ = [
    "AccrualResult",
    "Lease",
    "LeaseLine",
    "RentChange",
    "ServiceFee",
    "add_months",
    "lease_accrual",
    "lease_accrual_months",
    "services_accrual",
]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of that month if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _rent(value, field: str) -> Decimal:
    rent = to_decimal(value, field)
    if rent < 0:
        raise ConversionInputError(
            field, f"the monthly rent per m² cannot be negative ({rent}); use 0 for rent-free"
        )
    return rent


@dataclasses.dataclass(frozen=True)
class RentChange:
    """From `effective` on, the monthly rent per m² is `monthly_rent_per_m2`."""

    effective: dt.date
    monthly_rent_per_m2: Decimal


@dataclasses.dataclass(frozen=True)
class Lease:
    area_m2: Decimal
    monthly_rent_per_m2: Decimal
    start: dt.date
    changes: tuple[RentChange, ...] = ()

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "area_m2", positive(self.area_m2, "lease.area_m2", "area"))
        set_(self, "monthly_rent_per_m2", _rent(self.monthly_rent_per_m2, "lease.monthly_rent"))
        set_(self, "start", to_date(self.start, "lease.start"))
        changes, previous = [], self.start
        for i, change in enumerate(self.changes):
            field = f"lease.changes[{i}]"
            change = build(RentChange, change, field)
            effective = to_date(change.effective, f"{field}.effective")
            if effective <= previous:
                raise ConversionInputError(
                    f"{field}.effective",
                    f"rent changes must come after the lease start and after each other, in "
                    f"date order; {fmt(effective)} is not after {fmt(previous)}",
                )
            rent = _rent(change.monthly_rent_per_m2, f"{field}.monthly_rent_per_m2")
            changes.append(RentChange(effective, rent))
            previous = effective
        set_(self, "changes", tuple(changes))

    def rent_on(self, day: dt.date) -> Decimal:
        rent = self.monthly_rent_per_m2
        for change in self.changes:
            if change.effective <= day:
                rent = change.monthly_rent_per_m2
        return rent


@dataclasses.dataclass(frozen=True)
class LeaseLine:
    """Rent for part or all of one rent month (`end` inclusive)."""

    month: int
    start: dt.date
    end: dt.date
    days: int
    month_days: int
    area_m2: Decimal
    monthly_rent_per_m2: Decimal
    amount: Decimal


@dataclasses.dataclass(frozen=True)
class ServiceFee:
    """One recorded service, as the service agency bills it."""

    date: dt.date
    amount: Decimal
    provider: str = ""
    description: str = ""
    reference: str = ""


@dataclasses.dataclass(frozen=True)
class AccrualResult:
    """An accrued amount with its lines and arithmetic.

    `accrued` is the sum of the lines; `total` is what converts: `accrued`, or `ceiling`
    when the agreement caps it. `excluded` lists service fees dated outside the window.
    """

    kind: str
    since: dt.date | None
    through: dt.date | None
    accrued: Decimal
    ceiling: Decimal | None
    total: Decimal
    lines: tuple
    excluded: tuple
    steps: tuple

    def to_json(self) -> dict:
        return jsonable(self)


def _finish(kind, since, through, lines, excluded, accrued, ceiling, steps) -> AccrualResult:
    steps.add("accrued", "Accrued", "sum of the lines", f"{len(lines)} lines", accrued, "yuan")
    total = accrued
    if ceiling is not None:
        ceiling = yuan(ceiling, "ceiling", "agreement's amount")
        total = steps.add(
            "accrued_capped",
            "Accrued, within the agreement's amount",
            "lower of the accrued amount and the agreement's amount",
            f"min({fmt(accrued)}, {fmt(ceiling)})",
            min(accrued, ceiling),
            "yuan",
        )
    return AccrualResult(
        kind, since, through, accrued, ceiling, total, tuple(lines), tuple(excluded), tuple(steps)
    )


@exact
def lease_accrual(lease: Lease, through: dt.date, ceiling: Decimal | None = None) -> AccrualResult:
    """Rent accrued from the lease start up to and including `through`."""
    through = to_date(through, "through")
    if through < lease.start:
        raise ConversionInputError(
            "through",
            f"the accrual must end on or after the lease start {fmt(lease.start)}, "
            f"not {fmt(through)}",
        )
    stop = through + dt.timedelta(days=1)
    steps, lines = StepList(), []
    steps.add("area", "Area leased", "as leased, m²", fmt(lease.area_m2), lease.area_m2, "m2")
    month = 0
    while (month_start := add_months(lease.start, month)) < stop:
        month_stop = add_months(lease.start, month + 1)
        month_days = (month_stop - month_start).days
        line_stop = min(month_stop, stop)
        cuts = [c.effective for c in lease.changes if month_start < c.effective < line_stop]
        bounds = [month_start, *cuts, line_stop]
        for a, b in zip(bounds, bounds[1:], strict=False):
            days, rent = (b - a).days, lease.rent_on(a)
            if days == month_days:
                amount = fen_half_up(lease.area_m2 * rent)
                working = f"{fmt(lease.area_m2)} × {fmt(rent)}"
            else:
                amount = fen_half_up(lease.area_m2 * rent * days / month_days)
                working = f"{fmt(lease.area_m2)} × {fmt(rent)} × {days} ÷ {month_days}"
            end = b - dt.timedelta(days=1)
            lines.append(
                LeaseLine(month + 1, a, end, days, month_days, lease.area_m2, rent, amount)
            )
            steps.add(
                "rent_line",
                "Rent for a rent month or part of one",
                "area × monthly rent per m² (× days ÷ days in the rent month if partial), "
                "to the fen",
                f"month {month + 1}, {fmt(a)} to {fmt(end)}: {working}",
                amount,
                "yuan",
            )
        month += 1
    accrued = sum((line.amount for line in lines), ZERO)
    return _finish("lease", lease.start, through, lines, (), accrued, ceiling, steps)


def lease_accrual_months(
    lease: Lease, months: int, ceiling: Decimal | None = None
) -> AccrualResult:
    """Rent accrued over the first `months` whole rent months of the lease."""
    if isinstance(months, bool) or not isinstance(months, int) or months <= 0:
        raise ConversionInputError(
            "months", f"give a whole number of months above 0, not {months!r}"
        )
    through = add_months(lease.start, months) - dt.timedelta(days=1)
    return lease_accrual(lease, through, ceiling)


@exact
def services_accrual(
    fees,
    since: dt.date | None = None,
    through: dt.date | None = None,
    ceiling: Decimal | None = None,
) -> AccrualResult:
    """Service fees dated from `since` to `through` (both inclusive, either open)."""
    since = to_date(since, "since") if since is not None else None
    through = to_date(through, "through") if through is not None else None
    if since and through and through < since:
        raise ConversionInputError(
            "through", f"the window ends ({fmt(through)}) before it starts ({fmt(since)})"
        )
    records, references = [], set()
    for i, fee in enumerate(fees):
        field = f"fees[{i}]"
        fee = build(ServiceFee, fee, field)
        reference = str(fee.reference).strip()
        if reference and reference in references:
            raise ConversionInputError(
                f"{field}.reference",
                f"the fee {reference!r} is recorded twice; a fee accrues once",
            )
        references.add(reference)
        records.append(
            ServiceFee(
                to_date(fee.date, f"{field}.date"),
                yuan(fee.amount, f"{field}.amount", "service fee"),
                str(fee.provider),
                str(fee.description),
                reference,
            )
        )
    records.sort(key=lambda f: f.date)
    steps, lines, excluded = StepList(), [], []
    for fee in records:
        if (since and fee.date < since) or (through and fee.date > through):
            excluded.append(fee)
            continue
        lines.append(fee)
        steps.add(
            "service_fee",
            "Service fee",
            "as recorded",
            " ".join(filter(None, [fmt(fee.date), fee.reference, fee.provider, fee.description]))
            + f": {fmt(fee.amount)}",
            fee.amount,
            "yuan",
        )
    if excluded:
        steps.add(
            "excluded_fees",
            "Fees dated outside the window (not accrued)",
            "sum of the fees before the start or after the end",
            f"{len(excluded)} fees",
            sum((f.amount for f in excluded), ZERO),
            "yuan",
        )
    accrued = sum((f.amount for f in lines), ZERO)
    return _finish("services", since, through, lines, excluded, accrued, ceiling, steps)
