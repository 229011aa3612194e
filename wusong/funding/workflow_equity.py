"""The state machines of convertible positions and holdings, declared in one place.
`services_equity` fires the transitions; nothing else sets a state."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition


class PositionState(models.TextChoices):
    """The same values as the conversion kernel's `PositionState`."""

    OPEN = "open", pgettext_lazy("convertible position state", "Open")
    CONVERTED = "converted", _("Converted into equity")
    WRITTEN_OFF = "written_off", _("Written off as a grant")
    REPAID = "repaid", _("Repaid by the company")


class HoldingState(models.TextChoices):
    HELD = "held", _("Held")
    EXITED = "exited", _("Exited")


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
        custom={"label": _("Convert into equity")},
    )
    def convert(self):
        pass

    @transition(
        field=state,
        source=PositionState.OPEN,
        target=PositionState.WRITTEN_OFF,
        custom={"label": _("Write off as a grant")},
    )
    def write_off(self):
        pass

    @transition(
        field=state,
        source=PositionState.OPEN,
        target=PositionState.REPAID,
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
        custom={"label": _("Exit the last units")},
    )
    def exit_fully(self):
        pass
