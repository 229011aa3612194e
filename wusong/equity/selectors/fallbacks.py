"""The deadline fallback before it is applied: what it would do to a position on a day,
what is due and what is coming. Writes nothing."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wusong.errors import ActionRefused
from wusong.funding.models import CONVERTIBLE_INSTRUMENTS, Agreement
from wusong.funding.permissions import agreements_visible_to
from wusong.funding.terms import agreement_terms, kernel_refused, terms_deadline
from wusong.kernels import conversion as kernel
from wusong.kernels.conversion import (
    CapTable,
    ConversionInputError,
    Fallback,
    Position,
    Terms,
    build,
    jsonable,
)
from wusong.kernels.conversion import fallback_apply as kernel_fallback

from .. import ledger
from ..models import ConvertiblePosition, EquityProfile, FinancingRound
from ..workflow import PositionState


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
        raise kernel_refused(exc) from None


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


def _open_positions(user=None):
    positions = ConvertiblePosition.objects.filter(state=PositionState.OPEN)
    if user is not None:
        positions = positions.filter(agreement__in=agreements_visible_to(user))
    return positions.select_related("agreement", "company", "holder").order_by(
        "agreement__conversion_deadline", "pk"
    )


def fallbacks_due(as_of: dt.date) -> list[dict]:
    """Open positions whose deadline has passed by `as_of` (a round may still close on the
    deadline day itself), each with the fallback it would get. Positions under an
    agreement whose deadline could not be read are not here: `deadlines_unread` names
    them."""
    return [
        fallback_preview(position, as_of)
        for position in _open_positions().filter(agreement__conversion_deadline__lt=as_of)
    ]


def fallbacks_upcoming(as_of: dt.date, within_days: int = 90, *, user=None) -> list[dict]:
    """Open positions whose deadline falls within `within_days` of `as_of`, with the
    fallback as it would apply the day after the deadline: shown to officers ahead. With
    `user`, only the positions under agreements they may see."""
    horizon = as_of + dt.timedelta(days=within_days)
    positions = _open_positions(user).filter(
        agreement__conversion_deadline__gte=as_of, agreement__conversion_deadline__lte=horizon
    )
    return [
        fallback_preview(position, position.agreement.conversion_deadline + dt.timedelta(days=1))
        for position in positions
    ]


def deadlines_unread(user=None) -> list[dict]:
    """Agreements with an open position whose conversion deadline is not known, because
    their terms could not be read (recorded before the deadline had its column): no
    fallback is due under them until their terms are amended, so they are named, each
    {"agreement", "reason"}, never passed over. With `user`, only those they may see."""
    agreements = Agreement.objects.filter(
        conversion_deadline__isnull=True,
        instrument__in=CONVERTIBLE_INSTRUMENTS,
        pk__in=_open_positions(user).values("agreement"),
    ).order_by("reference")
    unread = []
    for agreement in agreements:
        try:
            deadline = terms_deadline(agreement.instrument, agreement.terms, agreement.start_date)
        except ConversionInputError as exc:
            reason = str(exc)
        else:
            reason = _("The terms give the deadline %(deadline)s, but it is not recorded.") % {
                "deadline": deadline
            }
        unread.append({"agreement": agreement, "reason": reason})
    return unread
