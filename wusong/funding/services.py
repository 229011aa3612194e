"""Every write to agreements, tranches and disbursements: one function per thing a user
does, each in one transaction with its audit entry. A refused action changes nothing.

Money that must balance (paid never above committed, a tranche never above its amount)
is checked while the agreement's row is locked (SELECT … FOR UPDATE on PostgreSQL; an
IMMEDIATE transaction on SQLite), so concurrent requests are serialised and cannot
overdraw.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.calls.workflow import State as DeclarationState
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.money import format_wan

from . import permissions
from .models import (
    ACCRUING_INSTRUMENTS,
    Agreement,
    AgreementMilestone,
    Amendment,
    Disbursement,
    Instrument,
    KeyTask,
    Tranche,
)
from .selectors import committed
from .workflow import AgreementState, DisbursementState, TrancheState


def _wan(amount) -> str:
    return f"{format_wan(amount)} 万元"


def _positive(amount, field: str) -> Decimal:
    if not isinstance(amount, Decimal):
        raise ValidationError({field: _("Give the amount as a decimal number of yuan.")})
    if amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("The amount cannot be finer than one fen (0.01 yuan).")})
    return amount


def _check_instrument(instrument: str, total: Decimal, grant: Decimal) -> None:
    if instrument == Instrument.GRANT and grant != total:
        raise ValidationError(
            {"grant_amount": _("A grant agreement gives the whole amount as a grant.")}
        )
    if (
        instrument
        in (Instrument.INVESTMENT_FIRST, Instrument.LEASE_FIRST, Instrument.SERVICES_FIRST)
        and grant
    ):
        raise ValidationError(
            {"grant_amount": _("This instrument has no grant part; leave it at zero.")}
        )
    if instrument == Instrument.ALLOCATION_PLUS_INVESTMENT and not (0 < grant < total):
        raise ValidationError(
            {
                "grant_amount": _(
                    "Allocation plus investment needs a grant part above zero and below the total."
                )
            }
        )


@transaction.atomic
def agreement_draft(
    user,
    declaration,
    *,
    funder,
    instrument: str,
    total_amount: Decimal,
    start_date: dt.date,
    end_date: dt.date,
    milestones: list[dict],
    tranches: list[dict],
    key_tasks: list[dict] = (),
    grant_amount: Decimal = Decimal(0),
    terms: dict | None = None,
    reference: str | None = None,
) -> Agreement:
    """Draft the agreement of an approved declaration. Each tranche is {"amount": Decimal,
    "milestone": index into `milestones` or None (released on signing)}; the tranches
    must add up to the total."""
    declaration = type(declaration).objects.select_for_update().get(pk=declaration.pk)
    if not permissions.runs_programme(user, declaration.call.programme):
        raise NotAllowed(_("Only an officer of this programme drafts its agreements."))
    if declaration.state != DeclarationState.APPROVED:
        raise ActionRefused(
            _("Only an approved project gets an agreement; this one is %(state)s.")
            % {"state": declaration.get_state_display()}
        )
    if Agreement.objects.filter(declaration=declaration).exists():
        raise ActionRefused(_("This project already has an agreement; change it by amendment."))
    total = _positive(total_amount, "total_amount")
    grant = grant_amount or Decimal(0)
    _check_instrument(instrument, total, grant)
    if end_date < start_date:
        raise ValidationError({"end_date": _("The task period must end after it starts.")})
    if not tranches:
        raise ValidationError({"tranches": _("Set out at least one tranche.")})
    amounts = [_positive(t["amount"], "tranches") for t in tranches]
    if sum(amounts) != total:
        raise ValidationError(
            {
                "tranches": _("The tranches add up to %(sum)s but the total is %(total)s.")
                % {"sum": _wan(sum(amounts)), "total": _wan(total)}
            }
        )
    agreement = Agreement(
        reference=reference or f"XY-{declaration.reference}",
        declaration=declaration,
        funder=funder,
        recipient=declaration.organisation,
        instrument=instrument,
        total_amount=total,
        grant_amount=grant,
        terms=terms or {},
        start_date=start_date,
        end_date=end_date,
        created_by=user,
    )
    agreement.full_clean(exclude=["state", "declaration"])
    agreement.save()
    saved_milestones = [
        AgreementMilestone.objects.create(agreement=agreement, title=m["title"], due=m["due"])
        for m in milestones
    ]
    for task in key_tasks:
        KeyTask.objects.create(agreement=agreement, **task)
    for seq, (tranche, amount) in enumerate(zip(tranches, amounts, strict=True), start=1):
        index = tranche.get("milestone")
        if index is not None and not (0 <= index < len(saved_milestones)):
            raise ValidationError(
                {
                    "tranches": _("Tranche %(seq)s names a milestone that is not listed.")
                    % {"seq": seq}
                }
            )
        Tranche.objects.create(
            agreement=agreement,
            seq=seq,
            amount=amount,
            milestone=saved_milestones[index] if index is not None else None,
        )
    audit_record(
        agreement,
        actor=user,
        action="drafted",
        changes={
            "total_amount": [None, str(total)],
            "grant_amount": [None, str(grant)],
            "instrument": [None, instrument],
            "tranches": [None, [str(a) for a in amounts]],
        },
    )
    return agreement


def _lock(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update()
        .select_related("declaration__call__programme")
        .get(pk=agreement.pk)
    )


@transaction.atomic
def agreement_sign(user, agreement: Agreement, side: str, *, now=None) -> Agreement:
    """Record one side's signature; when both have signed, the agreement is signed and the
    tranches not tied to a milestone are released."""
    now = now or timezone.now()
    agreement = _lock(agreement)
    if agreement.state != AgreementState.DRAFT:
        raise ActionRefused(
            _("This agreement is %(state)s; it is signed only once.")
            % {"state": agreement.get_state_display()}
        )
    if side == "funder":
        if not permissions.runs_agreement(user, agreement):
            raise NotAllowed(_("Only an officer of this programme signs for the funder."))
        if agreement.funder_signed_at:
            raise ActionRefused(_("The funder has already signed."))
        agreement.funder_signed_at, agreement.funder_signed_by = now, user
    elif side == "recipient":
        if not permissions.is_recipient(user, agreement):
            raise NotAllowed(_("Only the project company or team signs for the recipient."))
        if agreement.recipient_signed_at:
            raise ActionRefused(_("The recipient has already signed."))
        agreement.recipient_signed_at, agreement.recipient_signed_by = now, user
    else:
        raise ValidationError(_("Sign as the funder or as the recipient."))
    agreement.save()
    audit_record(agreement, actor=user, action=f"signed_{side}")
    if agreement.funder_signed_at and agreement.recipient_signed_at:
        transition_fire(user, agreement, "sign")
        for tranche in agreement.tranches.filter(milestone__isnull=True, state=TrancheState.LOCKED):
            _release(user, tranche, now)
    return agreement


def _release(user, tranche: Tranche, now) -> None:
    """Release a tranche, unless a failed mid-term check or acceptance has stopped the
    agreement's further tranches (then its milestone stays verified, the tranche locked)."""
    from wusong.portfolio.selectors import tranche_stop_reason

    if tranche_stop_reason(tranche.agreement):
        return
    tranche.released_at = now
    transition_fire(
        user,
        tranche,
        "release",
        audit_on=tranche.agreement,
        action="tranche_released",
        state_key=f"tranche {tranche.seq}",
    )


@transaction.atomic
def milestone_verify(
    user, milestone: AgreementMilestone, evidence: str, *, now=None
) -> AgreementMilestone:
    """Verify a milestone; the tranches tied to it are released."""
    now = now or timezone.now()
    agreement = _lock(milestone.agreement)
    milestone = AgreementMilestone.objects.select_for_update().get(pk=milestone.pk)
    if not permissions.runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme verifies milestones."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Milestones are verified only under a signed agreement."))
    if milestone.verified_at:
        raise ActionRefused(
            _("This milestone was already verified on %(date)s.")
            % {"date": milestone.verified_at.date()}
        )
    if not (evidence or "").strip():
        raise ValidationError({"evidence": _("Say what evidence shows the milestone was reached.")})
    milestone.verified_at, milestone.verified_by, milestone.evidence = now, user, evidence.strip()
    milestone.save()
    audit_record(
        agreement,
        actor=user,
        action="milestone_verified",
        changes={"milestone": [None, milestone.title]},
        note=evidence,
    )
    for tranche in milestone.tranches.filter(state=TrancheState.LOCKED):
        _release(user, tranche, now)
    return milestone


@transaction.atomic
def disbursement_request(
    user, tranche: Tranche, amount: Decimal, purpose: str = ""
) -> Disbursement:
    agreement = _lock(tranche.agreement)
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
    amount = _positive(amount, "amount")
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
    from wusong.portfolio.selectors import tranche_stop_reason

    if stop := tranche_stop_reason(agreement):
        raise ActionRefused(stop)
    in_tranche = committed(Disbursement.objects.filter(tranche=tranche))
    if in_tranche + amount > tranche.amount:
        raise ActionRefused(
            _("Tranche %(seq)s has %(left)s left; %(amount)s is more than that.")
            % {
                "seq": tranche.seq,
                "left": _wan(tranche.amount - in_tranche),
                "amount": _wan(amount),
            }
        )
    in_agreement = committed(Disbursement.objects.filter(tranche__agreement=agreement))
    if in_agreement + amount > agreement.total_amount:
        raise ActionRefused(
            _("The agreement has %(left)s left to disburse; %(amount)s is more than that.")
            % {"left": _wan(agreement.total_amount - in_agreement), "amount": _wan(amount)}
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
    agreement = _lock(disbursement.tranche.agreement)
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


@transaction.atomic
def agreement_amend(
    user,
    agreement: Agreement,
    reason: str,
    *,
    total_amount=None,
    end_date=None,
    tranche_amounts=None,
) -> Amendment:
    """Change a signed agreement's total, end date or tranche amounts, with a reason. A new
    amount is never below what is already committed."""
    agreement = _lock(agreement)
    if not permissions.runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme amends its agreements."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Only a signed agreement is amended; a draft is simply edited."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("An amendment needs its reason, for the record.")})
    changes = {}
    tranches = {t.seq: t for t in agreement.tranches.all()}
    new_tranches = {
        seq: _positive(a, "tranche_amounts") for seq, a in (tranche_amounts or {}).items()
    }
    for seq, amount in new_tranches.items():
        if seq not in tranches:
            raise ValidationError(
                {"tranche_amounts": _("There is no tranche %(seq)s.") % {"seq": seq}}
            )
        used = committed(tranches[seq].disbursements.all())
        if amount < used:
            raise ActionRefused(
                _("Tranche %(seq)s already has %(used)s committed.")
                % {"seq": seq, "used": _wan(used)}
            )
    new_total = (
        _positive(total_amount, "total_amount")
        if total_amount is not None
        else agreement.total_amount
    )
    tranche_sum = sum(new_tranches.get(seq, t.amount) for seq, t in tranches.items())
    if tranche_sum != new_total:
        raise ValidationError(
            {
                "tranche_amounts": _(
                    "The tranches would add up to %(sum)s but the total is %(total)s."
                )
                % {"sum": _wan(tranche_sum), "total": _wan(new_total)}
            }
        )
    if new_total != agreement.total_amount:
        changes["total_amount"] = [str(agreement.total_amount), str(new_total)]
        if agreement.instrument == Instrument.GRANT:
            agreement.grant_amount = new_total
        agreement.total_amount = new_total
    if end_date is not None and end_date != agreement.end_date:
        if end_date < agreement.start_date:
            raise ValidationError({"end_date": _("The task period must end after it starts.")})
        changes["end_date"] = [agreement.end_date.isoformat(), end_date.isoformat()]
        agreement.end_date = end_date
    for seq, amount in new_tranches.items():
        if amount != tranches[seq].amount:
            changes[f"tranche {seq}"] = [str(tranches[seq].amount), str(amount)]
            Tranche.objects.filter(pk=tranches[seq].pk).update(amount=amount)
    if not changes:
        raise ValidationError(_("The amendment changes nothing."))
    agreement.full_clean(exclude=["state", "declaration"])
    agreement.save()
    amendment = Amendment.objects.create(
        agreement=agreement,
        seq=agreement.amendments.count() + 1,
        reason=reason.strip(),
        changes=changes,
        made_by=user,
    )
    audit_record(agreement, actor=user, action="amended", changes=changes, note=reason)
    return amendment
