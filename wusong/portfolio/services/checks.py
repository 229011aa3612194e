"""Writes for an agreement's mid-term check, final acceptance and extension request —
the rules that need no expert panel:

- the task end date may be extended once, requested before it expires, and only an
  officer of the programme approves (the agreement is then amended through
  `funding.services.agreement_amend`, which keeps the amendment record);
- a check may require rectification once, within a set period (three months by
  default); a rectification filed after it is refused;
- a failed check records the consequence the agreement names and stops further
  tranches (see `selectors.tranche_stop_reason`, the hook for the funding services).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, require
from wusong.funding import services as funding_services
from wusong.funding.models import Agreement
from wusong.funding.permissions import is_recipient, runs_agreement
from wusong.funding.workflow import AgreementState
from wusong.kernels.accrual import add_months
from wusong.notifications.services import office_language

from ..models import AgreementCheck, ExtensionRequest
from ..models.checks import RECTIFICATION_MONTHS
from ..workflow import CheckState

CONSEQUENCE_TERM = "failure_consequence"


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def extension_request(
    user, agreement: Agreement, new_end: dt.date, reason: str, *, today=None
) -> ExtensionRequest:
    today = today or _today()
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(
        is_recipient(user, agreement) or runs_agreement(user, agreement),
        _("Only the project company or an officer of the programme requests an extension."),
    )
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Only a signed agreement's task period is extended."))
    if ExtensionRequest.objects.filter(agreement=agreement).exists():
        raise ActionRefused(
            _("The task period can be extended only once; an extension was already requested.")
        )
    if today > agreement.end_date:
        raise ActionRefused(
            _("The task period ended on %(end)s; an extension is requested before it expires.")
            % {"end": agreement.end_date.isoformat()}
        )
    if new_end <= agreement.end_date:
        raise ValidationError(
            {"new_end": _("The new end date must be after %(end)s.") % {"end": agreement.end_date}}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    request = ExtensionRequest.objects.create(
        agreement=agreement,
        current_end=agreement.end_date,
        new_end=new_end,
        reason=reason.strip(),
        requested_by=user,
        requested_on=today,
    )
    audit_record(
        agreement,
        actor=user,
        action="extension_requested",
        changes={"end_date": [agreement.end_date.isoformat(), new_end.isoformat()]},
        note=reason,
    )
    return request


@transaction.atomic
def extension_decide(
    user, request: ExtensionRequest, approve: bool, note: str = "", *, today=None
) -> ExtensionRequest:
    today = today or _today()
    request = (
        ExtensionRequest.objects.select_for_update().select_related("agreement").get(pk=request.pk)
    )
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for refusing.")})
    transition_fire(
        user,
        request,
        "approve" if approve else "refuse",
        audit_on=request.agreement,
        note=note,
    )
    request.decided_by, request.decided_on, request.decision_note = user, today, note.strip()
    request.save(update_fields=["decided_by", "decided_on", "decision_note"])
    if approve:
        with office_language():  # the amendment is a record, read by others later
            reason = _("Task period extended (extension request approved): %(reason)s") % {
                "reason": request.reason
            }
        funding_services.agreement_amend(user, request.agreement, reason, end_date=request.new_end)
    return request


@transaction.atomic
def check_schedule(user, agreement: Agreement, kind: str, scheduled_on: dt.date) -> AgreementCheck:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(
        runs_agreement(user, agreement), _("Only an officer of the programme schedules checks.")
    )
    if kind not in AgreementCheck.Kind.values:
        raise ValidationError({"kind": _("Choose a mid-term check or the final acceptance.")})
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Checks are scheduled only under a signed agreement."))
    if AgreementCheck.objects.filter(agreement=agreement, kind=kind).exists():
        raise ActionRefused(_("This check is already scheduled for the agreement."))
    if not isinstance(scheduled_on, dt.date):
        raise ValidationError({"scheduled_on": _("Give the date of the check.")})
    if scheduled_on < agreement.start_date:
        raise ValidationError(
            {
                "scheduled_on": _("The task period starts on %(start)s; a check cannot come first.")
                % {"start": agreement.start_date}
            }
        )
    if kind == AgreementCheck.Kind.MIDTERM and scheduled_on > agreement.end_date:
        raise ValidationError(
            {
                "scheduled_on": _(
                    "A mid-term check falls within the task period, which ends on %(end)s."
                )
                % {"end": agreement.end_date}
            }
        )
    check = AgreementCheck.objects.create(
        agreement=agreement, kind=kind, scheduled_on=scheduled_on, created_by=user
    )
    audit_record(
        agreement,
        actor=user,
        action="check_scheduled",
        changes={kind: [None, scheduled_on.isoformat()]},
    )
    return check


def _locked_check(check: AgreementCheck) -> AgreementCheck:
    return AgreementCheck.objects.select_for_update().select_related("agreement").get(pk=check.pk)


@transaction.atomic
def check_record_outcome(
    user,
    check: AgreementCheck,
    outcome: str,
    findings: str = "",
    *,
    rectify_months: int = RECTIFICATION_MONTHS,
    consequence: str = "",
    today=None,
) -> AgreementCheck:
    """Record what the panel decided: "pass", "rectify" (once, within `rectify_months`)
    or "fail" (with the consequence the agreement names, or the one given)."""
    today = today or _today()
    check = _locked_check(check)
    if outcome == "pass":
        name = "pass_after_rectification" if check.state == CheckState.RECTIFIED else "pass_check"
    elif outcome == "rectify":
        name = "require_rectification"
        if check.rectify_by or check.rectified_on:
            raise ActionRefused(_("Only one rectification is allowed."))
        if not 1 <= rectify_months <= 12:
            raise ValidationError({"rectify_months": _("Allow from 1 to 12 months.")})
    elif outcome == "fail":
        name = "fail"
    else:
        raise ValidationError({"outcome": _("Choose pass, rectify or fail.")})
    if outcome != "pass" and not (findings or "").strip():
        raise ValidationError({"findings": _("Write the panel's findings.")})
    transition_fire(
        user,
        check,
        name,
        audit_on=check.agreement,
        note=findings,
        changes={"check": [None, check.kind]},
    )
    check.decided_on = today
    check.findings = "\n\n".join(x for x in (check.findings, (findings or "").strip()) if x)
    if outcome == "rectify":
        check.rectify_by = add_months(today, rectify_months)
    if outcome == "fail":
        named = (check.agreement.terms or {}).get(CONSEQUENCE_TERM, "")
        with office_language():
            check.consequence = (consequence or named or "").strip() or _(
                "Further tranches stopped; the agreement names no other consequence."
            )
        audit_record(
            check.agreement,
            actor=user,
            action="check_failed_consequence",
            changes={"tranches": ["open", "stopped"]},
            note=check.consequence,
        )
    check.save()
    return check


@transaction.atomic
def rectification_file(user, check: AgreementCheck, report: str, *, today=None) -> AgreementCheck:
    today = today or _today()
    check = _locked_check(check)
    if check.rectify_by and today > check.rectify_by:
        raise ActionRefused(
            _("The rectification was due by %(date)s; it can no longer be filed.")
            % {"date": check.rectify_by.isoformat()}
        )
    if not (report or "").strip():
        raise ValidationError({"rectification": _("Describe what was rectified.")})
    transition_fire(user, check, "file_rectification", audit_on=check.agreement, note=report)
    check.rectification, check.rectified_on = report.strip(), today
    check.save(update_fields=["rectification", "rectified_on"])
    return check
