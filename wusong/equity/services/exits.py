"""Exits: selling some or all of a holding's units by transfer to another investor,
buy-back by the founding team, or sale after listing. Each records the proceeds, the
cost of the units sold (in proportion to the holding's cost), the realised gain, the
team's reward share of a gain, and what returns to the programme's pool; the last exit
closes the holding."""

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.permissions import runs_agreement
from wusong.funding.services import yuan_amount
from wusong.funding.terms import kernel_refused, team_reward_percent
from wusong.kernels.conversion import ConversionInputError, to_decimal

from .. import ledger
from ..models import CapTableLine, Exit, Holding, PoolReturn
from ..workflow import HoldingState
from .companies import lock_profile, units_on_grid

FEN = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _percent(value, terms: dict) -> Decimal:
    try:
        if value is None:
            return team_reward_percent(terms)
        number = to_decimal(value, "team_reward_percent")
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None
    if not ZERO <= number <= HUNDRED:
        raise ValidationError(
            {"team_reward_percent": _("The team's share is from 0 to 100 percent.")}
        )
    return number


@transaction.atomic
def exit_record(
    user,
    holding: Holding,
    *,
    kind: str,
    date: dt.date,
    units,
    proceeds,
    counterparty: str,
    team_reward_percent=None,
    note: str = "",
    today: dt.date | None = None,
) -> Exit:
    """Record the sale of `units` of `holding` for `proceeds`. The team's reward share
    defaults to the agreement's `team_reward_percent` and applies only to a gain."""
    today = today or timezone.localdate()
    profile = lock_profile(holding.company)
    holding = (
        Holding.objects.select_for_update(of=("self",))
        .select_related("conversion__position__agreement__declaration__call__programme")
        .get(pk=holding.pk)
    )
    agreement = holding.conversion.position.agreement
    if not runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme records its exits."))
    if holding.state != HoldingState.HELD:
        raise ActionRefused(_("This holding has been sold in full already."))
    if kind not in Exit.Kind.values:
        raise ValidationError(
            {"kind": _("Choose transfer, buy-back by the team, or sale after listing.")}
        )
    counterparty = (counterparty or "").strip()
    if not counterparty:
        raise ValidationError({"counterparty": _("Name the buyer.")})
    units = units_on_grid(units, "units", profile.form)
    if units > holding.units:
        raise ActionRefused(
            _("The holding has %(held)s units; %(units)s is more than that.")
            % {"held": holding.units, "units": units}
        )
    proceeds = yuan_amount(proceeds, "proceeds")
    if not isinstance(date, dt.date) or date < holding.acquired_on or date > today:
        raise ValidationError(
            {
                "date": _("The exit is dated between the acquisition (%(acquired)s) and today.")
                % {"acquired": holding.acquired_on}
            }
        )
    percent = _percent(team_reward_percent, agreement.terms)
    if units == holding.units:
        cost = holding.cost
    else:
        cost = (holding.cost * units / holding.units).quantize(FEN, rounding=ROUND_HALF_UP)
    gain = proceeds - cost
    reward = (max(gain, ZERO) * percent / HUNDRED).quantize(FEN, rounding=ROUND_DOWN)
    sale = Exit.objects.create(
        holding=holding,
        kind=kind,
        date=date,
        counterparty=counterparty,
        units=units,
        proceeds=proceeds,
        cost=cost,
        realised_gain=gain,
        team_reward_percent=percent,
        team_reward=reward,
        returned_to_pool=proceeds - reward,
        note=note,
        recorded_by=user,
    )
    before = {"units": str(holding.units), "cost": str(holding.cost)}
    holding.units -= units
    holding.cost -= cost
    seller = ledger.holder_line(profile, holding.holder)
    seller.units -= units
    seller.save(update_fields=["units"])
    buyer, _created = CapTableLine.objects.get_or_create(
        profile=profile, name=counterparty, defaults={"units": ZERO}
    )
    buyer.units += units
    buyer.save(update_fields=["units"])
    if sale.returned_to_pool > 0:
        PoolReturn.objects.create(
            programme=agreement.declaration.call.programme,
            call=agreement.declaration.call,
            agreement=agreement,
            kind=PoolReturn.Kind.EXIT,
            amount=sale.returned_to_pool,
            date=date,
            exit=sale,
        )
    facts = {
        "units": [before["units"], str(holding.units)],
        "cost": [before["cost"], str(holding.cost)],
        "proceeds": [None, str(proceeds)],
        "realised_gain": [None, str(gain)],
        "team_reward": [None, str(reward)],
    }
    if holding.units == 0:
        transition_fire(
            user,
            holding,
            "exit_fully",
            action=f"exit_{kind}",
            changes=facts,
            note=note or counterparty,
        )
    else:
        holding.save()
        audit_record(
            holding,
            actor=user,
            action=f"exit_{kind}",
            changes={"state": [holding.state, holding.state], **facts},
            note=note or counterparty,
        )
    return sale
