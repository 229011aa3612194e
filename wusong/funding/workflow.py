"""The state machines of agreements, tranches and disbursements, declared in one place:
each transition names who may fire it (a predicate in `permissions`). Services fire the
transitions through `wusong.audit.transitions`; nothing else sets a state."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may

from . import permissions


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


class TrancheState(models.TextChoices):
    LOCKED = "locked", _("Awaiting its milestone")
    RELEASED = "released", _("Released")


class DisbursementState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved (first level)")
    CONFIRMED = "confirmed", _("Approved (second level)")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", pgettext_lazy("disbursement state", "Rejected")


# Disbursements in these states count against the tranche and the agreement.
COMMITTED_DISBURSEMENT_STATES = (
    DisbursementState.REQUESTED,
    DisbursementState.APPROVED,
    DisbursementState.CONFIRMED,
    DisbursementState.PAID,
)


class AgreementWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=AgreementState.DRAFT, choices=AgreementState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=AgreementState.DRAFT,
        target=AgreementState.SIGNED,
        permission=may(permissions.signs_agreement),
        custom={"label": _("Signed by both sides")},
    )
    def sign(self):
        pass

    @transition(
        field=state,
        source=AgreementState.SIGNED,
        target=AgreementState.COMPLETED,
        permission=may(permissions.runs_agreement),
        custom={"label": _("Complete")},
    )
    def complete(self):
        pass

    @transition(
        field=state,
        source=[AgreementState.DRAFT, AgreementState.SIGNED],
        target=AgreementState.TERMINATED,
        permission=may(permissions.runs_agreement),
        custom={"label": _("Terminate"), "reason": True},
    )
    def terminate(self):
        pass


class TrancheWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=TrancheState.LOCKED, choices=TrancheState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=TrancheState.LOCKED,
        target=TrancheState.RELEASED,
        permission=may(permissions.releases_tranche),
        custom={"label": _("Release")},
    )
    def release(self):
        pass


class DisbursementWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"),
        default=DisbursementState.REQUESTED,
        choices=DisbursementState.choices,
        protected=True,
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=DisbursementState.REQUESTED,
        target=DisbursementState.APPROVED,
        permission=may(permissions.approves_first_level),
        custom={"label": pgettext_lazy("approve a disbursement", "Approve")},
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=DisbursementState.APPROVED,
        target=DisbursementState.CONFIRMED,
        permission=may(permissions.approves_second_level),
        custom={"label": _("Approve at the second level")},
    )
    def confirm(self):
        pass

    @transition(
        field=state,
        source=[DisbursementState.APPROVED, DisbursementState.CONFIRMED],
        target=DisbursementState.PAID,
        permission=may(permissions.pays_disbursement),
        custom={"label": _("Record payment")},
    )
    def pay(self):
        pass

    @transition(
        field=state,
        source=[
            DisbursementState.REQUESTED,
            DisbursementState.APPROVED,
            DisbursementState.CONFIRMED,
        ],
        target=DisbursementState.REJECTED,
        permission=may(permissions.rejects_disbursement),
        custom={"label": _("Reject"), "reason": True},
    )
    def reject(self):
        pass
