"""The declaration's state machine, declared in one place.

Each transition names who may fire it (a `(user, record)` predicate in `permissions`)
and what it records (the services write the audit entry and the reason). Services fire
transitions through `wusong.audit.transitions.transition_fire`; nothing else sets
`state`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may

from . import permissions
from .states import State


class DeclarationWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"), default=State.DRAFT, choices=State.choices, protected=True, db_index=True
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=[State.DRAFT, State.RETURNED],
        target=State.SUBMITTED,
        permission=may(permissions.declares),
        custom={"label": _("Submit"), "actor": "applicant"},
    )
    def submit(self):
        pass

    @transition(
        field=state,
        source=[State.DRAFT, State.RETURNED, State.SUBMITTED],
        target=State.WITHDRAWN,
        permission=may(permissions.declares),
        custom={"label": _("Withdraw"), "actor": "applicant"},
    )
    def withdraw(self):
        pass

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.UNDER_FORMAL_REVIEW,
        permission=may(permissions.runs_declaration),
        custom={"label": _("Start formal review"), "actor": "officer"},
    )
    def start_formal_review(self):
        pass

    @transition(
        field=state,
        source=State.UNDER_FORMAL_REVIEW,
        target=State.PASSED,
        permission=may(permissions.runs_declaration),
        custom={"label": _("Pass formal review"), "actor": "officer"},
    )
    def pass_formal_review(self):
        pass

    @transition(
        field=state,
        source=State.UNDER_FORMAL_REVIEW,
        target=State.RETURNED,
        permission=may(permissions.runs_declaration),
        custom={"label": _("Return for revision"), "actor": "officer", "reason": True},
    )
    def return_for_revision(self):
        pass

    @transition(
        field=state,
        source=State.UNDER_FORMAL_REVIEW,
        target=State.REJECTED,
        permission=may(permissions.runs_declaration),
        custom={"label": _("Reject"), "actor": "officer", "reason": True},
    )
    def reject(self):
        pass

    # Selection outcomes. The expert-review procedure that leads to them is built on top;
    # until then a leader records the outcome decided elsewhere (the demo's pilot batches).
    @transition(
        field=state,
        source=State.PASSED,
        target=State.APPROVED,
        permission=may(permissions.leads),
        custom={"label": pgettext_lazy("approve a declaration", "Approve"), "actor": "leader"},
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=State.PASSED,
        target=State.CANDIDATE,
        permission=may(permissions.leads),
        custom={"label": _("Shortlist as candidate"), "actor": "leader", "reason": True},
    )
    def shortlist(self):
        pass

    @transition(
        field=state,
        source=[State.PASSED, State.CANDIDATE],
        target=State.NOT_SELECTED,
        permission=may(permissions.leads),
        custom={"label": _("Not selected"), "actor": "leader", "reason": True},
    )
    def not_select(self):
        pass
