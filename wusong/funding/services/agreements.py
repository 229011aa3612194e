"""Every write to an agreement: draft, signatures, milestones (which release tranches),
amendments. Each is one transaction with its audit entry; a refused action changes
nothing. Writes lock the agreement's row (SELECT … FOR UPDATE on PostgreSQL; an
IMMEDIATE transaction on SQLite)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.calls.states import State as DeclarationState
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.conversion import ConversionInputError

from .. import permissions
from ..hooks import terms_lock_reason, tranche_stop_reason
from ..models import (
    Agreement,
    AgreementMilestone,
    Amendment,
    Instrument,
    KeyTask,
    Tranche,
)
from ..selectors import committed
from ..terms import kernel_refused, terms_build, terms_deadline
from ..workflow import AgreementState, TrancheState
from .amounts import positive_amount, wan


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
    total = positive_amount(total_amount, "total_amount")
    grant = grant_amount or Decimal(0)
    _check_instrument(instrument, total, grant)
    if end_date < start_date:
        raise ValidationError({"end_date": _("The task period must end after it starts.")})
    if not tranches:
        raise ValidationError({"tranches": _("Set out at least one tranche.")})
    amounts = [positive_amount(t["amount"], "tranches") for t in tranches]
    if sum(amounts) != total:
        raise ValidationError(
            {
                "tranches": _("The tranches add up to %(sum)s but the total is %(total)s.")
                % {"sum": wan(sum(amounts)), "total": wan(total)}
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
    agreement.conversion_deadline = terms_deadline(instrument, agreement.terms, start_date)
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


def lock_agreement(agreement: Agreement) -> Agreement:
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
    agreement = lock_agreement(agreement)
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
    agreement = lock_agreement(milestone.agreement)
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
def agreement_amend(
    user,
    agreement: Agreement,
    reason: str,
    *,
    total_amount=None,
    end_date=None,
    tranche_amounts=None,
    terms: dict | None = None,
) -> Amendment:
    """Change a signed agreement's total, end date, tranche amounts or instrument terms,
    with a reason, as one recorded amendment: the only way a signed agreement changes. A
    new amount is never below what is already committed; new terms are checked by the
    conversion kernel and refused once the apps above have locked them (a closed
    position)."""
    agreement = lock_agreement(agreement)
    if not permissions.runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme amends its agreements."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Only a signed agreement is amended; a draft is simply edited."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("An amendment needs its reason, for the record.")})
    changes = {}
    if terms is not None:
        if locked := terms_lock_reason(agreement):
            raise ActionRefused(locked)
        try:
            terms_build(agreement.instrument, terms, agreement.start_date)
        except ConversionInputError as exc:
            raise kernel_refused(exc) from None
        if terms != agreement.terms:
            changes["terms"] = [agreement.terms, terms]
            agreement.terms = terms
            agreement.conversion_deadline = terms_deadline(
                agreement.instrument, terms, agreement.start_date
            )
    tranches = {t.seq: t for t in agreement.tranches.all()}
    new_tranches = {
        seq: positive_amount(a, "tranche_amounts") for seq, a in (tranche_amounts or {}).items()
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
                % {"seq": seq, "used": wan(used)}
            )
    new_total = (
        positive_amount(total_amount, "total_amount")
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
                % {"sum": wan(tranche_sum), "total": wan(new_total)}
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
