"""An agreement's history as people read it: each recorded action under its label in the
reader's language. Its entries come from the agreement's own services and from those of
the checks and extensions recorded on it (`<record>_<transition>`)."""

from django.utils.translation import gettext_lazy as _

from wusong.audit.services import audit_history

ACTION_LABELS = {
    "drafted": _("Agreement drafted"),
    "edited": _("Agreement edited"),
    "signed_funder": _("Signed for the funder"),
    "signed_recipient": _("Signed for the project company"),
    "sign": _("Agreement in force"),
    "complete": _("Agreement completed"),
    "terminate": _("Agreement terminated"),
    "amended": _("Agreement amended"),
    "milestone_verified": _("Milestone verified"),
    "tranche_released": _("Tranche released"),
    "disbursement_requested": _("Disbursement requested"),
    "disbursement_approve": _("Disbursement approved"),
    "disbursement_confirm": _("Disbursement confirmed (second level)"),
    "disbursement_pay": _("Disbursement paid"),
    "disbursement_reject": _("Disbursement rejected"),
    "service_fee_recorded": _("Service fee recorded"),
    "check_scheduled": _("Check scheduled"),
    "agreementcheck_pass_check": _("Check passed"),
    "agreementcheck_require_rectification": _("Rectification required"),
    "agreementcheck_file_rectification": _("Rectification filed"),
    "agreementcheck_pass_after_rectification": _("Passed after rectification"),
    "agreementcheck_fail": _("Check failed"),
    "check_failed_consequence": _("Consequence of the failed check recorded"),
    "extension_requested": _("Extension requested"),
    "extensionrequest_approve": _("Extension approved"),
    "extensionrequest_refuse": _("Extension refused"),
}


def action_label(action: str) -> str:
    """The label of an action in the active language; the action's code when it has none."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def agreement_history(agreement) -> list:
    """The agreement's audit entries, oldest first, each with its `label`."""
    entries = list(audit_history(agreement))
    for entry in entries:
        entry.label = action_label(entry.action)
    return entries
