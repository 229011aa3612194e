"""A conversion before it is confirmed: the preview of a position in a recorded round or
in one still to come, with every step of the kernel's arithmetic, and the proposals of a
recorded round. Writes nothing."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.terms import kernel_refused
from wusong.kernels import conversion as kernel
from wusong.kernels.conversion import ConversionInputError, to_date

from .. import ledger
from ..models import ConvertiblePosition, FinancingRound
from ..permissions import reads_position
from ..workflow import PositionState, already_closed


def conversion_compute(inputs: dict) -> dict:
    """The conversion kernel's result for `inputs`; its input errors as ValidationError."""
    try:
        return kernel.conversion_preview(inputs)
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None


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
