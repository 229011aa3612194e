"""What accrues under a signed agreement instead of being paid out: the service fees of a
services-first agreement and the rent of a lease-first one, whose changes are recorded as
amendments of its terms. Each write is one transaction with its audit entry, under a lock
on the agreement's row; a refused change changes nothing."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.conversion import ConversionInputError

from ..models import Agreement, Amendment, Instrument, ServiceFee
from ..permissions import runs_agreement
from ..terms import kernel_refused, lease_build
from ..workflow import AgreementState
from .agreements import agreement_amend
from .amounts import FEN, yuan_amount


@transaction.atomic
def service_fee_record(
    user, agreement: Agreement, *, date, amount, provider: str, description="", reference=""
) -> ServiceFee:
    """A service fee that accrues, instead of being paid, under a services-first agreement."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme records service fees."))
    if agreement.instrument != Instrument.SERVICES_FIRST:
        raise ActionRefused(_("Service fees accrue only under a services-first agreement."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Service fees accrue only under a signed agreement."))
    amount = yuan_amount(amount, "amount")
    if date < agreement.start_date:
        raise ValidationError({"date": _("The service is dated before the agreement.")})
    if date > timezone.localdate():
        raise ValidationError(
            {
                "date": _("A fee is recorded once the service is rendered; %(date)s is to come.")
                % {"date": date}
            }
        )
    reference = (reference or "").strip()
    if reference and agreement.service_fees.filter(reference=reference).exists():
        raise ValidationError(
            {"reference": _("Fee %(ref)s is already recorded.") % {"ref": reference}}
        )
    if not (provider or "").strip():
        raise ValidationError({"provider": _("Name the service provider.")})
    fee = ServiceFee.objects.create(
        agreement=agreement,
        date=date,
        amount=amount,
        provider=provider.strip(),
        description=description,
        reference=reference,
        recorded_by=user,
    )
    audit_record(
        agreement,
        actor=user,
        action="service_fee_recorded",
        changes={"fee": [None, f"{date} {amount}"]},
    )
    return fee


def rent_amount(value, field: str) -> Decimal:
    """A monthly rent per m² in yuan: zero (rent-free) or more, exact to the fen."""
    if isinstance(value, float) or not isinstance(value, Decimal | int | str):
        raise ValidationError({field: _("Give the rent as a decimal number of yuan per m².")})
    try:
        rent = Decimal(str(value).strip())
    except ArithmeticError:
        raise ValidationError(
            {field: _("Give the rent as a decimal number of yuan per m².")}
        ) from None
    if not rent.is_finite() or rent < 0:
        raise ValidationError({field: _("The rent cannot be negative; give 0 for rent-free.")})
    if rent != rent.quantize(FEN):
        raise ValidationError({field: _("The rent cannot be finer than one fen (0.01 yuan).")})
    return rent.quantize(FEN)


@transaction.atomic
def lease_rent_change(
    user, agreement: Agreement, *, effective: dt.date, monthly_rent_per_m2, reason: str
) -> Amendment:
    """Change a signed lease-first agreement's monthly rent per m² from `effective` on,
    by a recorded amendment of its terms.

    The change joins the lease's rent schedule: from the lease start it replaces the
    starting rent; on a date the schedule already has it replaces that change; changes
    already agreed for later dates still apply from their own dates.
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme amends its agreements."))
    if agreement.instrument != Instrument.LEASE_FIRST:
        raise ActionRefused(_("Only a lease-first agreement has a rent to change."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Only a signed agreement is amended; a draft is simply edited."))
    try:
        lease = lease_build(agreement.terms)
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None
    if not isinstance(effective, dt.date):
        raise ValidationError({"effective": _("Give the date the new rent applies from.")})
    rent = rent_amount(monthly_rent_per_m2, "monthly_rent_per_m2")
    if effective < lease.start:
        raise ValidationError(
            {
                "effective": _("The lease starts on %(start)s; a new rent cannot apply before it.")
                % {"start": lease.start}
            }
        )
    if lease.rent_on(effective) == rent:
        raise ValidationError(
            {
                "monthly_rent_per_m2": _(
                    "From %(date)s the rent is already %(rent)s yuan per m² a month; "
                    "nothing changes."
                )
                % {"date": effective, "rent": rent}
            }
        )
    new_lease = dict(agreement.terms["lease"])
    schedule = {c.effective: c.monthly_rent_per_m2 for c in lease.changes}
    if effective == lease.start:
        new_lease["monthly_rent_per_m2"] = str(rent)
    else:
        schedule[effective] = rent
    new_lease["changes"] = [
        {"effective": day.isoformat(), "monthly_rent_per_m2": str(schedule[day])}
        for day in sorted(schedule)
    ]
    return agreement_amend(user, agreement, reason, terms={**agreement.terms, "lease": new_lease})
