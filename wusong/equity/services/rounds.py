"""Recording a portfolio company's market financing round: its investors' units join the
cap table; which positions it converts is decided per position, on confirmation."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.models import CONVERTIBLE_INSTRUMENTS, Agreement
from wusong.funding.services import yuan_amount
from wusong.funding.terms import kernel_refused
from wusong.funding.workflow import AgreementState
from wusong.kernels import conversion as kernel
from wusong.kernels.conversion import ConversionInputError

from .. import ledger
from ..models import CapTableLine, FinancingRound, RoundInvestor
from ..permissions import runs_company
from ..selectors import refuse_before_agreement
from .companies import lock_profile, units_on_grid

ZERO = Decimal(0)


@transaction.atomic
def round_record(
    user,
    company,
    *,
    date: dt.date,
    investors: list[dict],
    price_per_unit=None,
    pre_money_valuation=None,
    units_before=None,
    name: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> FinancingRound:
    """Record a portfolio company's market financing round. Each investor is {"name",
    "amount", "market" (bool), "units" (optional: as issued; else amount ÷ round price,
    rounded down to the unit step), "organisation" (optional)}. The investors' units join
    the cap table; which positions it converts is decided per position, on confirmation."""
    if not runs_company(user, company):
        raise NotAllowed(
            _("Only an officer of a programme funding this company records its rounds.")
        )
    profile = lock_profile(company)
    today = today or timezone.localdate()
    if not isinstance(date, dt.date):
        raise ValidationError({"date": _("Give the date the round closed.")})
    if date > today:
        raise ValidationError(
            {"date": _("A round is recorded once it has closed; use the preview before.")}
        )
    agreements = Agreement.objects.filter(
        recipient=company, instrument__in=CONVERTIBLE_INSTRUMENTS, state=AgreementState.SIGNED
    ).order_by("start_date")
    first = agreements.first()
    if first is None:
        raise ActionRefused(
            _("%(company)s has no signed convertible agreement.") % {"company": company}
        )
    refuse_before_agreement(first, date, "date")
    units_before = profile.units if units_before is None else units_before
    units_before = units_on_grid(units_before, "units_before", profile.form)
    if units_before != profile.units:
        raise ValidationError(
            {
                "units_before": _(
                    "The company has %(units)s fully diluted units on the ledger, not "
                    "%(given)s; update its equity first."
                )
                % {"units": profile.units, "given": units_before}
            }
        )
    lines = ledger.cap_table_lines(profile)
    kernel_investors = [
        {k: v for k, v in i.items() if k in ("name", "amount", "market", "units")}
        for i in investors
    ]
    for i, investor in enumerate(kernel_investors):
        if "amount" in investor:
            investor["amount"] = yuan_amount(investor["amount"], f"investors[{i}].amount")
        if "market" not in investor:
            raise ValidationError(
                {f"investors[{i}].market": _("Say whether this is a market investor.")}
            )
    try:
        checked = kernel.Round(
            date=date,
            company=ledger.kernel_company(profile.form, units_before, lines, 0),
            investors=tuple(kernel_investors),
            price_per_unit=price_per_unit,
            pre_money_valuation=pre_money_valuation,
        )
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None
    price = ledger.round_price(checked.price_per_unit, checked.pre_money_valuation, units_before)
    if price <= 0:
        raise ValidationError(
            {
                "pre_money_valuation": _(
                    "The valuation is too small: the price per unit rounds to zero."
                )
            }
        )
    financing_round = FinancingRound(
        company=profile,
        name=name,
        date=date,
        price_per_unit=checked.price_per_unit,
        pre_money_valuation=checked.pre_money_valuation,
        units_before=units_before,
        round_price=price,
        cap_table_before=lines,
        note=note,
        recorded_by=user,
    )
    financing_round.full_clean(exclude=["company", "recorded_by"])
    financing_round.save()
    added = ZERO
    for raw, investor in zip(investors, checked.investors, strict=True):
        units = investor.units
        if units is None:
            units = ledger.investor_units(investor.amount, price, profile.unit_step)
        RoundInvestor.objects.create(
            financing_round=financing_round,
            name=investor.name,
            organisation=raw.get("organisation"),
            amount=investor.amount,
            market=investor.market,
            units=units,
        )
        line, _created = CapTableLine.objects.get_or_create(
            profile=profile,
            name=investor.name,
            defaults={"units": ZERO, "organisation": raw.get("organisation")},
        )
        line.units += units
        line.save(update_fields=["units"])
        added += units
    profile.units += added
    profile.save(update_fields=["units", "updated_at"])
    audit_record(
        financing_round,
        actor=user,
        action="round_recorded",
        changes={
            "date": [None, date.isoformat()],
            "round_price": [None, str(price)],
            "new_money": [None, str(checked.new_money)],
            "units": [str(units_before), str(profile.units)],
        },
        note=note,
    )
    return financing_round
