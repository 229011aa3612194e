"""The deadline fallback: what happens to an open position when no qualifying round came
by its deadline (written off as a grant, converted at the agreed valuation, or repaid).

`fallbacks_upcoming` shows officers what is coming; `fallbacks_due(as_of)` lists what may
be applied; a scheduled job calls `fallback_apply_due(user, as_of)`, which applies each
due fallback in its own transaction, so one refusal does not hold up the others.
"""

import datetime as dt
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.conversion import (
    CapTable,
    ConversionInputError,
    Fallback,
    Position,
    Terms,
    build,
    conversion_preview,
    jsonable,
)
from wusong.kernels.conversion import fallback_apply as kernel_fallback

from . import ledger
from .models import Conversion, ConvertiblePosition, EquityProfile, FinancingRound, PoolReturn
from .permissions_equity import runs_agreement
from .services_equity import already_closed, lock_position, lock_profile, record_conversion
from .terms import agreement_terms
from .workflow_equity import PositionState

log = logging.getLogger(__name__)


def _inputs(position: ConvertiblePosition, as_of: dt.date) -> tuple[dict, dict]:
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
            result = conversion_preview(ledger.round_inputs(position, financing_round))
        except (ConversionInputError, ValidationError):
            continue
        if result["qualifying"]:
            return financing_round
    return None


def _refuse_if_a_round_qualified(position: ConvertiblePosition) -> None:
    financing_round = qualifying_round(position, agreement_terms(position.agreement))
    if financing_round is not None:
        raise ActionRefused(
            _(
                "The round of %(date)s qualifies under this agreement: confirm the conversion "
                "in it rather than apply the fallback."
            )
            % {"date": financing_round.date}
        )


def _compute(inputs: dict):
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


def fallback_preview(position: ConvertiblePosition, as_of: dt.date) -> dict:
    """The fallback as it would apply on `as_of` (due or not yet), with its arithmetic."""
    try:
        _refuse_if_a_round_qualified(position)
        inputs, basis = _inputs(position, as_of)
        result = _compute(inputs)
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
    _refuse_if_a_round_qualified(position)
    inputs, basis = _inputs(position, as_of)
    result = _compute(inputs)
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
    before = position.state
    if result.rule is Fallback.WRITE_OFF:
        position.write_off()
        position.written_off_amount = result.written_off_amount
    else:
        position.repay()
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
    position.save()
    audit_record(
        position,
        actor=user,
        action=f"fallback_{result.rule.value}",
        changes={"state": [before, position.state], "amount": [None, str(result.amount)]},
        note=f"deadline {result.deadline}",
    )
    return position


def fallback_apply_due(user, as_of: dt.date) -> list[dict]:
    """Apply every due fallback, each in its own transaction. Returns one entry per
    position: {"position", "applied": bool, "state" or "error"}."""
    outcomes = []
    for item in fallbacks_due(as_of):
        position = item["position"]
        try:
            fallback_apply(user, position, as_of)
        except (ActionRefused, ValidationError) as exc:
            message = getattr(exc, "message", None) or "; ".join(exc.messages)
            log.warning("fallback not applied to position %s: %s", position.pk, message)
            outcomes.append({"position": position, "applied": False, "error": message})
            continue
        position.refresh_from_db()
        outcomes.append({"position": position, "applied": True, "state": position.state})
    return outcomes
