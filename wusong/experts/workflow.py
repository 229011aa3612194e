"""The state machines of expert review, declared in one place.

A review round is set up, its assignment published, then closed. An assignment is
proposed by the solver or a draw, published with the round, and withdrawn when the
expert declares a conflict. A score sheet is a draft until the expert submits it.
Each transition names who may fire it (a `(user, record)` predicate in `permissions`).
Services fire the transitions; nothing else sets `state`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may

from . import permissions
from .states import AssignmentState, RoundState, SheetState


class RoundWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=RoundState.SETUP, choices=RoundState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=RoundState.SETUP,
        target=RoundState.PUBLISHED,
        permission=may(permissions.runs_round),
        custom={"label": _("Publish the assignment"), "actor": "officer"},
    )
    def publish(self):
        pass

    @transition(
        field=state,
        source=RoundState.PUBLISHED,
        target=RoundState.CLOSED,
        permission=may(permissions.runs_round),
        custom={"label": _("Close the round"), "actor": "officer"},
    )
    def close(self):
        pass


class AssignmentWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"),
        default=AssignmentState.PROPOSED,
        choices=AssignmentState.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=AssignmentState.PROPOSED,
        target=AssignmentState.PUBLISHED,
        permission=may(permissions.runs_round_of),
        custom={"label": _("Publish"), "actor": "officer"},
    )
    def publish(self):
        pass

    @transition(
        field=state,
        source=[AssignmentState.PROPOSED, AssignmentState.PUBLISHED],
        target=AssignmentState.WITHDRAWN,
        permission=may(permissions.withdraws_assignment),
        custom={"label": _("Withdraw"), "actor": "expert or officer", "reason": True},
    )
    def withdraw(self):
        pass


class SheetStates(ConcurrentTransitionMixin, models.Model):
    """The states of a score sheet of any kind: a draft until it is submitted. Each kind
    declares its own `submit`, naming who may fire it."""

    state = FSMField(
        _("state"), default=SheetState.DRAFT, choices=SheetState.choices, protected=True
    )

    class Meta:
        abstract = True


class SheetWorkflow(SheetStates):
    class Meta:
        abstract = True

    @transition(
        field="state",
        source=SheetState.DRAFT,
        target=SheetState.SUBMITTED,
        permission=may(permissions.scores_sheet),
        custom={"label": _("Submit scores"), "actor": "expert"},
    )
    def submit(self):
        pass
