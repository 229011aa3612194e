"""Confirming a conversion, and writing one the kernel computed: the position closes,
the units join a holding and the cap table, the residual is treated as the terms say.
A conversion locks the company's equity profile and the position's row, so a position
cannot be converted twice, even by two requests at once."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.permissions import runs_agreement
from wusong.kernels import conversion as kernel

from .. import ledger
from ..models import (
    CompanyForm,
    Conversion,
    ConvertiblePosition,
    FinancingRound,
    Holding,
    PoolReturn,
)
from ..selectors import conversion_compute, nothing_to_convert, refuse_before_agreement
from ..step_labels import step_label
from ..workflow import PositionState, already_closed
from .companies import lock_profile

UNIT_CLASS = {CompanyForm.LLC: "registered_capital", CompanyForm.JOINT_STOCK: "ordinary_shares"}
# The transition that closes a position in the state the kernel's result names.
CLOSING_TRANSITION = {
    PositionState.CONVERTED: "convert",
    PositionState.REPAID: "repay",
    PositionState.WRITTEN_OFF: "write_off",
}


def lock_position(position: ConvertiblePosition) -> ConvertiblePosition:
    return (
        ConvertiblePosition.objects.select_for_update()
        .select_related("agreement__declaration__call__programme", "holder", "company")
        .get(pk=position.pk)
    )


@transaction.atomic
def conversion_confirm(
    user, position: ConvertiblePosition, financing_round: FinancingRound, *, now=None
) -> Conversion:
    """Record the conversion of `position` in `financing_round` as the kernel works it
    out now. Refused if the round does not qualify under the position's terms."""
    now = now or timezone.now()
    profile = lock_profile(position.company)
    position = lock_position(position)
    if not runs_agreement(user, position.agreement):
        raise NotAllowed(_("Only an officer of this programme confirms its conversions."))
    if position.state != PositionState.OPEN:
        raise ActionRefused(already_closed(position))
    if financing_round.company_id != profile.pk:
        raise ValidationError({"round": _("The round is another company's.")})
    refuse_before_agreement(position.agreement, financing_round.date)
    later = profile.rounds.filter(pk__gt=financing_round.pk).order_by("pk").first()
    if later is not None:
        raise ActionRefused(
            _(
                "A later round (%(later)s) is already recorded on the cap table; a conversion "
                "is confirmed in the latest round only, so the figures stay consistent."
            )
            % {"later": later.name or later.date}
        )
    amount, basis = ledger.position_amount(position, financing_round.date)
    if amount <= 0:
        raise nothing_to_convert(position, financing_round.date)
    inputs = ledger.round_inputs(position, financing_round)
    result = conversion_compute(inputs)
    if not result["qualifying"]:
        failed = "; ".join(
            f"{step_label(c['key'], c['label'])} ({c['detail']})"
            for c in result["checks"]
            if not c["passed"]
        )
        raise ActionRefused(
            _("This round does not qualify under the agreement's terms: %(failed)s.")
            % {"failed": failed}
        )
    return record_conversion(
        user,
        position,
        profile,
        inputs,
        result,
        basis,
        kind=Conversion.Kind.ROUND,
        financing_round=financing_round,
        on=financing_round.date,
        now=now,
    )


def record_conversion(
    user, position, profile, inputs, result, basis, *, kind, financing_round, on, now
) -> Conversion:
    """Write a conversion the kernel computed: the position closes as the result says,
    the units join a holding and the cap table, the residual is treated as the terms
    say. Called with the position and the company's profile locked."""
    units = Decimal(result["units"])
    residual = Decimal(result["residual_amount"])
    treatment = result["residual_treatment"]
    state_after = result["state_after"]
    if state_after == PositionState.OPEN:
        raise ActionRefused(
            _(
                "No unit can be allotted (the stake limits are reached, or the amount buys "
                "less than one unit) and the terms keep the amount as a claim: nothing changes."
            )
        )
    conversion = Conversion.objects.create(
        position=position,
        financing_round=financing_round,
        kind=kind,
        inputs={**inputs, "basis": basis},
        result=result,
        price_rule=result["price_rule"],
        price=Decimal(result["applicable_price"]),
        units=units,
        amount=Decimal(result["amount"]),
        amount_converted=Decimal(result["amount_converted"]),
        residual_amount=residual,
        residual_treatment=treatment,
        stake_after_percent=Decimal(result["stake_after_percent"]),
        confirmed_by=user,
        confirmed_at=now,
    )
    position.amount = conversion.amount
    position.closed_at, position.closed_by = now, user
    agreement = position.agreement
    if residual > 0 and treatment == kernel.ResidualTreatment.REPAY:
        position.repayable_amount = residual
        PoolReturn.objects.create(
            programme=agreement.declaration.call.programme,
            call=agreement.declaration.call,
            agreement=agreement,
            kind=PoolReturn.Kind.RESIDUAL,
            amount=residual,
            date=on,
            position=position,
        )
    elif residual > 0 and treatment == kernel.ResidualTreatment.WRITE_OFF:
        position.written_off_amount = residual
    claim = None
    if residual > 0 and treatment == kernel.ResidualTreatment.KEEP_AS_CLAIM:
        claim = ConvertiblePosition.objects.create(
            agreement=agreement,
            holder=position.holder,
            company=position.company,
            instrument=position.instrument,
            residual_of=position,
            claim_amount=residual,
            opened_by=user,
        )
    if units > 0:
        Holding.objects.create(
            holder=position.holder,
            company=position.company,
            conversion=conversion,
            unit_class=UNIT_CLASS[CompanyForm(profile.form)],
            acquired_on=on,
            units_acquired=units,
            cost_acquired=conversion.amount_converted,
            units=units,
            cost=conversion.amount_converted,
        )
        line = ledger.holder_line(profile, position.holder)
        line.units += units
        line.save(update_fields=["units"])
        profile.units += units
        profile.save(update_fields=["units", "updated_at"])
    closing = PositionState(state_after)
    transition_fire(
        user,
        position,
        CLOSING_TRANSITION[closing],
        action="converted" if units > 0 else closing.value,
        changes={
            "units": [None, str(units)],
            "amount_converted": [None, result["amount_converted"]],
            "residual": [None, f"{residual} {treatment}"],
            "claim": [None, claim.pk if claim else None],
        },
        note=f"{result['price_rule']} {result['applicable_price']}",
    )
    return conversion
