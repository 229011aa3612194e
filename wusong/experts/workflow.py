"""The state machines of expert review, declared in one place.

A review round is set up, its assignment published, then closed. An assignment is
proposed by the solver or a draw, published with the round, and withdrawn when the
expert declares a conflict. A score sheet is a draft until the expert submits it.
Services fire the transitions; nothing else sets `state`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition


class RoundState(models.TextChoices):
    SETUP = "setup", _("Being set up")
    PUBLISHED = "published", _("Assignment published")
    CLOSED = "closed", _("Closed")


class AssignmentState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SheetState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


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
        custom={"label": _("Publish the assignment"), "actor": "officer"},
    )
    def publish(self):
        pass

    @transition(
        field=state,
        source=RoundState.PUBLISHED,
        target=RoundState.CLOSED,
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
        custom={"label": _("Publish"), "actor": "officer"},
    )
    def publish(self):
        pass

    @transition(
        field=state,
        source=[AssignmentState.PROPOSED, AssignmentState.PUBLISHED],
        target=AssignmentState.WITHDRAWN,
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
        custom={"label": _("Submit scores"), "actor": "expert"},
    )
    def submit(self):
        pass
