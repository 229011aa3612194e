"""Every write to disbursements: request, approval at one or two levels, payment,
rejection. Money that must balance (paid never above committed, a tranche never above its
amount) is checked while the agreement's row is locked (SELECT … FOR UPDATE on
PostgreSQL; an IMMEDIATE transaction on SQLite), so concurrent requests are serialised and
cannot overdraw. A disbursement's transitions are recorded on its agreement."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, NotAllowed

from .. import permissions
from ..hooks import tranche_stop_reason
from ..models import ACCRUING_INSTRUMENTS, Agreement, Disbursement, Tranche
from ..selectors import committed
from ..workflow import AgreementState, DisbursementState, TrancheState
from .agreements import lock_agreement
from .amounts import positive_amount, wan


@transaction.atomic
def disbursement_request(
    user, tranche: Tranche, amount: Decimal, purpose: str = ""
) -> Disbursement:
    agreement = lock_agreement(tranche.agreement)
    tranche = Tranche.objects.get(pk=tranche.pk)
    if not permissions.requests_disbursement(user, agreement):
        raise NotAllowed(
            _("Only the project company or an officer of this programme requests disbursements.")
        )
    if agreement.instrument in ACCRUING_INSTRUMENTS:
        raise ActionRefused(
            _(
                "Nothing is paid out under a %(instrument)s agreement: what it provides accrues "
                "and converts to shares. Record it on the agreement page instead."
            )
            % {"instrument": agreement.get_instrument_display()}
        )
    amount = positive_amount(amount, "amount")
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(
            _("Money is disbursed only under a signed agreement; this one is %(state)s.")
            % {"state": agreement.get_state_display()}
        )
    if tranche.state != TrancheState.RELEASED:
        raise ActionRefused(
            _(
                "Tranche %(seq)s is not released yet: its milestone “%(milestone)s” must be verified first."
            )
            % {
                "seq": tranche.seq,
                "milestone": tranche.milestone.title if tranche.milestone else "",
            }
        )
    if stop := tranche_stop_reason(agreement):
        raise ActionRefused(stop)
    in_tranche = committed(Disbursement.objects.filter(tranche=tranche))
    if in_tranche + amount > tranche.amount:
        raise ActionRefused(
            _("Tranche %(seq)s has %(left)s left; %(amount)s is more than that.")
            % {
                "seq": tranche.seq,
                "left": wan(tranche.amount - in_tranche),
                "amount": wan(amount),
            }
        )
    in_agreement = committed(Disbursement.objects.filter(tranche__agreement=agreement))
    if in_agreement + amount > agreement.total_amount:
        raise ActionRefused(
            _("The agreement has %(left)s left to disburse; %(amount)s is more than that.")
            % {"left": wan(agreement.total_amount - in_agreement), "amount": wan(amount)}
        )
    disbursement = Disbursement.objects.create(
        tranche=tranche, amount=amount, purpose=purpose, requested_by=user
    )
    audit_record(
        agreement,
        actor=user,
        action="disbursement_requested",
        changes={"disbursement": [None, f"#{disbursement.pk} {amount}"]},
        note=purpose,
    )
    return disbursement


def _locked_disbursement(disbursement: Disbursement) -> tuple[Agreement, Disbursement]:
    agreement = lock_agreement(disbursement.tranche.agreement)
    return agreement, Disbursement.objects.select_related("tranche").get(pk=disbursement.pk)


def _disbursement_fire(user, agreement, disbursement, name: str, note: str = "") -> None:
    """Fire `name` on the disbursement; its audit entry goes on the agreement."""
    transition_fire(
        user,
        disbursement,
        name,
        note=note,
        audit_on=agreement,
        state_key=f"disbursement #{disbursement.pk}",
        refused=_("This disbursement is %(state)s; that cannot be done now.")
        % {"state": disbursement.get_state_display()},
    )


@transaction.atomic
def disbursement_approve(user, disbursement: Disbursement) -> Disbursement:
    """Approve at the next level. Nobody approves their own request, nor both levels."""
    agreement, disbursement = _locked_disbursement(disbursement)
    level = 1 if disbursement.state == DisbursementState.REQUESTED else 2
    if level == 2 and (
        len(permissions.approval_roles()) < 2 or disbursement.state != DisbursementState.APPROVED
    ):
        raise ActionRefused(
            _("This disbursement is %(state)s; it needs no further approval.")
            % {"state": disbursement.get_state_display()}
        )
    if not permissions.approves_at_level(user, disbursement, level):
        raise NotAllowed(
            _("You may not approve disbursements at level %(level)s.") % {"level": level}
        )
    if not permissions.approves_independently(user, disbursement):
        raise NotAllowed(
            _("A request is approved by someone other than who requested or first approved it.")
        )
    if level == 1:
        _disbursement_fire(user, agreement, disbursement, "approve")
        disbursement.approved_by = user
    else:
        _disbursement_fire(user, agreement, disbursement, "confirm")
        disbursement.confirmed_by = user
    disbursement.save()
    return disbursement


@transaction.atomic
def disbursement_pay(
    user, disbursement: Disbursement, payment_reference: str, *, paid_at=None
) -> Disbursement:
    agreement, disbursement = _locked_disbursement(disbursement)
    if not permissions.pays_disbursement(user, disbursement):
        raise NotAllowed(_("Only an officer of this programme records payments."))
    fully_approved = (
        DisbursementState.CONFIRMED
        if len(permissions.approval_roles()) > 1
        else DisbursementState.APPROVED
    )
    if disbursement.state != fully_approved:
        raise ActionRefused(
            _("This disbursement is %(state)s; it is paid only once fully approved.")
            % {"state": disbursement.get_state_display()}
        )
    reference = (payment_reference or "").strip()
    if not reference:
        raise ValidationError({"payment_reference": _("Give the treasury payment reference.")})
    if Disbursement.objects.filter(payment_reference=reference).exists():
        raise ValidationError(
            {
                "payment_reference": _("Payment reference %(ref)s is already recorded.")
                % {"ref": reference}
            }
        )
    _disbursement_fire(user, agreement, disbursement, "pay", note=reference)
    disbursement.payment_reference = reference
    disbursement.paid_at = paid_at or timezone.now()
    disbursement.save()
    return disbursement


@transaction.atomic
def disbursement_reject(user, disbursement: Disbursement, reason: str) -> Disbursement:
    agreement, disbursement = _locked_disbursement(disbursement)
    if not permissions.rejects_disbursement(user, disbursement):
        raise NotAllowed(_("You may not reject this disbursement."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for rejecting the request.")})
    _disbursement_fire(user, agreement, disbursement, "reject", note=reason)
    disbursement.reason = reason.strip()
    disbursement.save()
    return disbursement
