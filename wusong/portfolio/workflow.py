"""The state machines of the portfolio's records that have a life: service-plan items,
company reports, extension requests, mid-term / acceptance checks and the score sheets
of a check's panel. Declared in one
place; services fire the transitions, nothing else sets a state. Each transition names
who may fire it (a `(user, record)` predicate in `permissions`, through `may`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may
from wusong.experts.workflow import SheetState, SheetStates

from . import permissions


class PlanItemState(models.TextChoices):
    OPEN = "open", pgettext_lazy("service-plan item state", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


LIVE_PLAN_STATES = (PlanItemState.OPEN, PlanItemState.IN_PROGRESS)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Accepted")


FILED_REPORT_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
EDITABLE_REPORT_STATES = (ReportState.DRAFT, ReportState.RETURNED)


class ExtensionState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", pgettext_lazy("extension request state", "Approved")
    REFUSED = "refused", _("Refused")


class CheckState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    PASSED = "passed", _("Passed")
    RECTIFYING = "rectifying", _("Rectification required")
    RECTIFIED = "rectified", _("Rectification filed")
    PASSED_AFTER_RECTIFICATION = "passed_after_rectification", _("Passed after rectification")
    FAILED = "failed", _("Failed")


# The states in which a check's panel sits: before the first decision, and after the
# company filed its rectification.
SITTING_STATES = (CheckState.SCHEDULED, CheckState.RECTIFIED)


class PlanItemWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("status"), default=PlanItemState.OPEN, choices=PlanItemState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=PlanItemState.OPEN,
        target=PlanItemState.IN_PROGRESS,
        permission=may(permissions.works_on_plan_item),
        custom={"label": _("Start")},
    )
    def start(self):
        pass

    @transition(
        field=state,
        source=[PlanItemState.OPEN, PlanItemState.IN_PROGRESS],
        target=PlanItemState.DONE,
        permission=may(permissions.works_on_plan_item),
        custom={"label": _("Mark done"), "reason": True},
    )
    def complete(self):
        pass

    @transition(
        field=state,
        source=[PlanItemState.OPEN, PlanItemState.IN_PROGRESS],
        target=PlanItemState.CANCELLED,
        permission=may(permissions.manages_plan_item),
        custom={"label": _("Cancel"), "reason": True},
    )
    def cancel(self):
        pass


class ReportWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=ReportState.DRAFT, choices=ReportState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=[ReportState.DRAFT, ReportState.RETURNED],
        target=ReportState.SUBMITTED,
        permission=may(permissions.is_report_company),
        custom={"label": _("Submit")},
    )
    def submit(self):
        pass

    @transition(
        field=state,
        source=ReportState.SUBMITTED,
        target=ReportState.ACCEPTED,
        permission=may(permissions.manages_report),
        custom={"label": _("Accept")},
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=ReportState.SUBMITTED,
        target=ReportState.RETURNED,
        permission=may(permissions.manages_report),
        custom={"label": _("Return for correction"), "reason": True},
    )
    def return_for_correction(self):
        pass


class ExtensionWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=ExtensionState.REQUESTED, choices=ExtensionState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=ExtensionState.REQUESTED,
        target=ExtensionState.APPROVED,
        permission=may(permissions.runs_agreement_of),
        custom={"label": _("Approve the extension")},
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=ExtensionState.REQUESTED,
        target=ExtensionState.REFUSED,
        permission=may(permissions.runs_agreement_of),
        custom={"label": _("Refuse the extension"), "reason": True},
    )
    def refuse(self):
        pass


class CheckWorkflow(ConcurrentTransitionMixin, models.Model):
    """A mid-term check or final acceptance. The panel that decides is built elsewhere;
    until then an officer records the outcome it reached. One rectification only: there
    is no way back from RECTIFIED to RECTIFYING."""

    state = FSMField(
        _("state"), default=CheckState.SCHEDULED, choices=CheckState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=CheckState.SCHEDULED,
        target=CheckState.PASSED,
        permission=may(permissions.runs_agreement_of),
        custom={"label": _("Pass")},
    )
    def pass_check(self):
        pass

    @transition(
        field=state,
        source=CheckState.SCHEDULED,
        target=CheckState.RECTIFYING,
        permission=may(permissions.runs_agreement_of),
        custom={"label": _("Require rectification"), "reason": True},
    )
    def require_rectification(self):
        pass

    @transition(
        field=state,
        source=CheckState.RECTIFYING,
        target=CheckState.RECTIFIED,
        permission=may(permissions.is_check_recipient),
        custom={"label": _("File the rectification")},
    )
    def file_rectification(self):
        pass

    @transition(
        field=state,
        source=CheckState.RECTIFIED,
        target=CheckState.PASSED_AFTER_RECTIFICATION,
        permission=may(permissions.runs_agreement_of),
        custom={"label": _("Pass after rectification")},
    )
    def pass_after_rectification(self):
        pass

    @transition(
        field=state,
        source=[CheckState.SCHEDULED, CheckState.RECTIFYING, CheckState.RECTIFIED],
        target=CheckState.FAILED,
        permission=may(permissions.runs_agreement_of),
        custom={"label": _("Fail"), "reason": True},
    )
    def fail(self):
        pass


class PanelSheetWorkflow(SheetStates):
    """A panel member's score sheet: a draft until the member submits it, as an expert's
    score sheet is."""

    class Meta:
        abstract = True

    @transition(
        field="state",
        source=SheetState.DRAFT,
        target=SheetState.SUBMITTED,
        permission=may(permissions.scores_on_sheet),
        custom={"label": _("Submit scores")},
    )
    def submit(self):
        pass
