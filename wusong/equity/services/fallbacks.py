"""The deadline fallback: what happens to an open position when no qualifying round came
by its deadline (written off as a grant, converted at the agreed valuation, or repaid).

`selectors.fallbacks_upcoming` shows officers what is coming; `selectors.fallbacks_due(as_of)`
lists what may be applied; a scheduled job calls `fallback_apply_due(user, as_of)`, which
applies each due fallback in its own transaction, so one refusal does not hold up the
others.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.permissions import runs_agreement
from wusong.kernels.conversion import ConversionInputError, Fallback

from ..models import Conversion, ConvertiblePosition, EquityProfile, PoolReturn
from ..selectors import (
    deadlines_unread,
    fallback_compute,
    fallback_inputs,
    fallbacks_due,
    refuse_if_a_round_qualified,
)
from ..workflow import PositionState, already_closed
from .companies import lock_profile
from .conversions import lock_position, record_conversion

log = logging.getLogger(__name__)


@transaction.atomic
def fallback_apply(user, position: ConvertiblePosition, as_of: dt.date, *, now=None):
    """Apply the agreement's fallback to one open position whose deadline has passed."""
    now = now or timezone.now()
    profile = None
    if EquityProfile.objects.filter(organisation=position.company_id).exists():
        profile = lock_profile(position.company)
    position = lock_position(position)
    if not runs_agreement(user, position.agreement):
        raise NotAllowed(_("Only an officer of this programme applies its fallbacks."))
    if position.state != PositionState.OPEN:
        raise ActionRefused(already_closed(position))
    refuse_if_a_round_qualified(position)
    inputs, basis = fallback_inputs(position, as_of)
    result = fallback_compute(inputs)
    if not result.due:
        raise ActionRefused(
            _("The deadline %(deadline)s has not passed; the fallback is due from the day after.")
            % {"deadline": result.deadline}
        )
    record = {"inputs": inputs, "basis": basis, "result": result.to_json()}
    agreement = position.agreement
    if result.rule is Fallback.CONVERT_AT_VALUATION:
        position.fallback_result = record
        return record_conversion(
            user,
            position,
            profile,
            inputs,
            result.conversion.to_json(),
            basis,
            kind=Conversion.Kind.FALLBACK,
            financing_round=None,
            on=as_of,
            now=now,
        )
    if result.rule is Fallback.WRITE_OFF:
        name = "write_off"
        position.written_off_amount = result.written_off_amount
    else:
        name = "repay"
        position.repayable_amount = result.repayable_amount
        PoolReturn.objects.create(
            programme=agreement.declaration.call.programme,
            call=agreement.declaration.call,
            agreement=agreement,
            kind=PoolReturn.Kind.REPAYMENT,
            amount=result.repayable_amount,
            date=as_of,
            position=position,
        )
    position.amount = result.amount
    position.fallback_result = record
    position.closed_at, position.closed_by = now, user
    return transition_fire(
        user,
        position,
        name,
        action=f"fallback_{result.rule.value}",
        changes={"amount": [None, str(result.amount)]},
        note=f"deadline {result.deadline}",
    )


def fallback_apply_due(user, as_of: dt.date) -> list[dict]:
    """Apply every due fallback, each in its own transaction. Returns one entry per
    position: {"position", "applied": bool, "state" or "error"}. Agreements whose deadline
    could not be read are logged, each with the reason (`selectors.deadlines_unread`)."""
    for unread in deadlines_unread():
        log.warning(
            "no fallback can fall due under agreement %s: its conversion deadline cannot be "
            "read (%s)",
            unread["agreement"].reference,
            unread["reason"],
        )
    outcomes = []
    for item in fallbacks_due(as_of):
        position = item["position"]
        try:
            fallback_apply(user, position, as_of)
        except (ActionRefused, ValidationError, ConversionInputError) as exc:
            message = getattr(exc, "message", None) or "; ".join(exc.messages)
            log.warning("fallback not applied to position %s: %s", position.pk, message)
            outcomes.append({"position": position, "applied": False, "error": message})
            continue
        position.refresh_from_db()
        outcomes.append({"position": position, "applied": True, "state": position.state})
    return outcomes
