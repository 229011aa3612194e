"""The state machines of convertible positions and holdings, declared in one place: each
transition names who may fire it (a predicate in `permissions`). The services fire
the transitions through `wusong.audit.transitions`; nothing else sets a state."""

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may

from . import permissions


class PositionState(models.TextChoices):
    """The same values as the conversion kernel's `PositionState`."""

    OPEN = "open", pgettext_lazy("convertible position state", "Open")
    CONVERTED = "converted", _("Converted into equity")
    WRITTEN_OFF = "written_off", _("Written off as a grant")
    REPAID = "repaid", _("Repaid by the company")


class HoldingState(models.TextChoices):
    HELD = "held", _("Held")
    EXITED = "exited", _("Exited")


def already_closed(position) -> str:
    """Why a closed position cannot be converted, written off or repaid again."""
    return gettext(
        "This position is already %(state)s; a position is converted, written off or repaid once."
    ) % {"state": position.get_state_display().lower()}


class PositionWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=PositionState.OPEN, choices=PositionState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=PositionState.OPEN,
        target=PositionState.CONVERTED,
        permission=may(permissions.runs_position),
        custom={"label": _("Convert into equity")},
    )
    def convert(self):
        pass

    @transition(
        field=state,
        source=PositionState.OPEN,
        target=PositionState.WRITTEN_OFF,
        permission=may(permissions.runs_position),
        custom={"label": _("Write off as a grant")},
    )
    def write_off(self):
        pass

    @transition(
        field=state,
        source=PositionState.OPEN,
        target=PositionState.REPAID,
        permission=may(permissions.runs_position),
        custom={"label": _("Repay")},
    )
    def repay(self):
        pass


class HoldingWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=HoldingState.HELD, choices=HoldingState.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=HoldingState.HELD,
        target=HoldingState.EXITED,
        permission=may(permissions.runs_holding),
        custom={"label": _("Exit the last units")},
    )
    def exit_fully(self):
        pass
