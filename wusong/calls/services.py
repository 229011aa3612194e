"""Every write to declarations: one function per thing a user does, each in one
transaction, each leaving an audit entry. A refused action changes nothing."""

import hashlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.audit.transitions import fields_apply, transition_fire
from wusong.documents.uploads import upload_check
from wusong.errors import ActionRefused, NotAllowed, require

from . import permissions
from .models import Attachment, Call, CallField, Declaration, FieldAnswer, Milestone, TeamMember
from .selectors import declaration_snapshot, submission_problems
from .states import State

DECLARATION_FIELDS = (
    "title",
    "summary",
    "keywords",
    "industry",
    "trl",
    "company_status",
    "company_name",
    "uscc",
    "requested_amount",
)
RESUBMIT_DAYS = 10


def _next_reference(call: Call) -> str:
    count = Declaration.objects.filter(call=call).count()
    return f"{call.code}-{count + 1:03d}".upper()


def _save_children(decl: Declaration, team, milestones, answers) -> None:
    if team is not None:
        decl.team.all().delete()
        TeamMember.objects.bulk_create(
            TeamMember(declaration=decl, sort=i, **m) for i, m in enumerate(team)
        )
    if milestones is not None:
        decl.milestones.all().delete()
        Milestone.objects.bulk_create(
            Milestone(declaration=decl, sort=i, **m) for i, m in enumerate(milestones)
        )
    if answers is not None:
        _save_answers(decl, answers)


def _save_answers(decl: Declaration, answers: dict) -> None:
    fields = {f.key: f for f in decl.call.fields.all()}
    unknown = set(answers) - set(fields)
    if unknown:
        raise ValidationError(
            _("This call has no field called %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        )
    for key, value in answers.items():
        field = fields[key]
        answer, _created = FieldAnswer.objects.get_or_create(declaration=decl, field=field)
        answer.value_text, answer.value_number, answer.value_date, answer.value_bool = (
            "",
            None,
            None,
            None,
        )
        if value in (None, ""):
            pass
        elif field.kind in (CallField.Kind.NUMBER, CallField.Kind.AMOUNT):
            answer.value_number = value
        elif field.kind == CallField.Kind.DATE:
            answer.value_date = value
        elif field.kind == CallField.Kind.YESNO:
            answer.value_bool = bool(value)
        elif field.kind == CallField.Kind.CHOICE and value not in field.choice_list():
            raise ValidationError(
                _("“%(value)s” is not one of the choices for “%(question)s”: %(choices)s.")
                % {
                    "value": value,
                    "question": field.display_label,
                    "choices": "、".join(field.choice_list()),
                }
            )
        else:
            answer.value_text = str(value)
        answer.save()


def _validate(decl: Declaration) -> None:
    if decl.company_status != Declaration.CompanyStatus.NONE and not decl.uscc:
        raise ValidationError(
            {"uscc": _("A company exists, so its unified social credit code is required.")}
        )
    if decl.company_status == Declaration.CompanyStatus.NONE:
        decl.uscc = ""
    decl.full_clean(exclude=["reference", "created_by", "call", "organisation", "state"])


@transaction.atomic
def declaration_create(
    user,
    call: Call,
    data: dict,
    team=None,
    milestones=None,
    answers=None,
    *,
    on_behalf_of=None,
) -> Declaration:
    """A new draft. An applicant declares for their own organisation; an officer of the
    call's programme may start a draft on behalf of another (a candidate invited into a
    later call), and is then its recorded creator."""
    if on_behalf_of is not None:
        require(
            permissions.runs_programme(user, call.programme),
            _("Only an officer of this programme starts a draft for another organisation."),
        )
    else:
        require(
            permissions.can_declare(user),
            _(
                "Only an applicant account linked to an organisation can declare; ask the "
                "programme office to link your account to your organisation."
            ),
        )
    if call.has_closed():
        raise ActionRefused(
            _("This call closed on %(date)s; it takes no new declarations.")
            % {"date": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")}
        )
    organisation = on_behalf_of if on_behalf_of is not None else user.organisation
    decl = Declaration(call=call, organisation=organisation, created_by=user, **data)
    _validate(decl)
    for attempt in range(5):
        decl.reference = _next_reference(call) + ("" if attempt == 0 else f"-{attempt}")
        try:
            with transaction.atomic():
                decl.save()
            break
        except IntegrityError:
            if attempt == 4:
                raise
    _save_children(decl, team, milestones, answers)
    audit_record(
        decl, actor=user, action="created", changes=field_changes({}, declaration_snapshot(decl))
    )
    return decl


def _locked(decl: Declaration) -> Declaration:
    return Declaration.objects.select_for_update().select_related("call__programme").get(pk=decl.pk)


@transaction.atomic
def declaration_update(
    user, decl: Declaration, data: dict, team=None, milestones=None, answers=None
) -> Declaration:
    decl = _locked(decl)
    if not permissions.can_edit_declaration(user, decl):
        if permissions.declares(user, decl):
            raise ActionRefused(
                _(
                    "A declaration that is %(state)s cannot be edited; only a draft or a returned declaration can."
                )
                % {"state": decl.get_state_display()}
            )
        raise NotAllowed(_("You may not edit this declaration."))
    before = declaration_snapshot(decl)
    fields_apply(decl, data, DECLARATION_FIELDS)
    _validate(decl)
    decl.save()
    _save_children(decl, team, milestones, answers)
    changes = field_changes(before, declaration_snapshot(decl))
    if changes:
        audit_record(decl, actor=user, action="edited", changes=changes)
    return decl


@transaction.atomic
def declaration_submit(user, decl: Declaration, *, now=None) -> tuple[Declaration, bool]:
    """Submit a draft or resubmit a returned declaration. Returns (declaration, changed):
    submitting what is already submitted changes nothing and is not an error."""
    now = now or timezone.now()
    decl = _locked(decl)
    require(permissions.declares(user, decl), _("Only the declaring organisation can submit."))
    if decl.state == State.SUBMITTED:
        return decl, False
    if decl.state not in (State.DRAFT, State.RETURNED):
        raise ActionRefused(
            _("This declaration is %(state)s and cannot be submitted again.")
            % {"state": decl.get_state_display()}
        )
    if decl.state == State.RETURNED and decl.resubmit_by:
        if now > decl.resubmit_by:
            raise ActionRefused(
                _("The revision was due by %(date)s; ask the programme office to reopen it.")
                % {"date": timezone.localtime(decl.resubmit_by).strftime("%Y-%m-%d %H:%M")}
            )
    elif not decl.call.is_open(now):
        if decl.call.has_closed(now):
            raise ActionRefused(
                _("The deadline for this call was %(date)s; submissions are no longer accepted.")
                % {"date": timezone.localtime(decl.call.closes_at).strftime("%Y-%m-%d %H:%M")}
            )
        raise ActionRefused(
            _("This call opens on %(date)s; submit then.")
            % {"date": timezone.localtime(decl.call.opens_at).strftime("%Y-%m-%d %H:%M")}
        )
    problems = submission_problems(decl)
    if problems:
        raise ActionRefused(_("Not ready to submit: ") + " ".join(problems))
    resubmission = decl.state == State.RETURNED
    previous = decl.submitted_snapshot or {}
    snapshot = declaration_snapshot(decl)
    decl.submit()
    decl.submitted_at = now
    decl.resubmit_by = None
    decl.submitted_snapshot = snapshot
    decl.save()
    audit_record(
        decl,
        actor=user,
        action="resubmitted" if resubmission else "submitted",
        changes=field_changes(previous, snapshot) if resubmission else {},
    )
    return decl, True


@transaction.atomic
def declaration_withdraw(user, decl: Declaration) -> Declaration:
    return transition_fire(user, _locked(decl), "withdraw", what=_("declaration"))


@transaction.atomic
def formal_review_start(user, decl: Declaration) -> Declaration:
    return transition_fire(user, _locked(decl), "start_formal_review", what=_("declaration"))


FORMAL_DECISIONS = {
    "pass": "pass_formal_review",
    "return": "return_for_revision",
    "reject": "reject",
}


@transaction.atomic
def formal_review_decide(
    user, decl: Declaration, decision: str, reason: str = "", resubmit_by=None, *, now=None
) -> Declaration:
    """Pass, return for revision (with reasons and a date to resubmit by) or reject (with
    reasons). A submitted declaration is taken into formal review first."""
    now = now or timezone.now()
    if decision not in FORMAL_DECISIONS:
        raise ValidationError(_("Choose pass, return or reject."))
    reason = (reason or "").strip()
    if decision in ("return", "reject") and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Write the reasons: the applicant reads them and must be able to act on them."
                )
            }
        )
    decl = _locked(decl)
    if decl.state == State.SUBMITTED:
        transition_fire(user, decl, "start_formal_review", what=_("declaration"))
    if decision == "return":
        resubmit_by = resubmit_by or now + timedelta(days=RESUBMIT_DAYS)
        if resubmit_by <= now:
            raise ValidationError(
                {"resubmit_by": _("The date to resubmit by must be in the future.")}
            )
    transition_fire(user, decl, FORMAL_DECISIONS[decision], note=reason, what=_("declaration"))
    decl.decision_reason = reason
    decl.resubmit_by = resubmit_by if decision == "return" else None
    decl.save(update_fields=["decision_reason", "resubmit_by", "updated_at"])
    return decl


SELECTION_OUTCOMES = {"approve": "approve", "candidate": "shortlist", "not_selected": "not_select"}


@transaction.atomic
def selection_record(user, decl: Declaration, outcome: str, reason: str = "") -> Declaration:
    """Record a selection outcome decided by the review procedure."""
    if outcome not in SELECTION_OUTCOMES:
        raise ValidationError(_("Unknown selection outcome."))
    decl = _locked(decl)
    transition_fire(user, decl, SELECTION_OUTCOMES[outcome], note=reason, what=_("declaration"))
    decl.decision_reason = reason
    decl.save(update_fields=["decision_reason", "updated_at"])
    return decl


@transaction.atomic
def attachment_add(user, decl: Declaration, kind: str, upload) -> Attachment:
    """Check size and real type before anything is stored; a refused file changes nothing."""
    decl = _locked(decl)
    if not permissions.can_edit_declaration(user, decl):
        raise ActionRefused(
            _("Attachments can be changed only while the declaration is a draft or returned.")
        )
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": _("Choose which document this is.")})
    content, real = upload_check(upload)
    attachment = Attachment(
        declaration=decl,
        kind=kind,
        original_name=upload.name[-200:],
        file_type=real,
        size=upload.size,
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save(f"{attachment.sha256[:16]}.{real}", upload, save=False)
    attachment.save()
    audit_record(
        decl,
        actor=user,
        action="attachment_added",
        changes={
            "attachments": [None, f"{attachment.get_kind_display()}: {attachment.original_name}"]
        },
    )
    return attachment


@transaction.atomic
def attachment_remove(user, attachment: Attachment) -> None:
    decl = _locked(attachment.declaration)
    if not permissions.can_edit_declaration(user, decl):
        raise ActionRefused(
            _("Attachments can be changed only while the declaration is a draft or returned.")
        )
    label = f"{attachment.get_kind_display()}: {attachment.original_name}"
    # The stored file is kept (named by its hash in the audit note) so that an auditor can
    # still retrieve what was once submitted; only the link to the declaration goes.
    attachment.delete()
    audit_record(
        decl,
        actor=user,
        action="attachment_removed",
        changes={"attachments": [label, None]},
        note=f"sha256 {attachment.sha256} {attachment.file.name}",
    )
