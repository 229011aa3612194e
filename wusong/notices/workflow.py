"""The public notice's and the objection's state machines, declared in one place.

A notice is drafted by an officer, published for a period of working days, ends its
period (fired when the period's last day has passed, by whoever looks first or by the
`notices_close_periods` command), and is approved by a leader only when no objection is
open and none upheld on a project still in the notice. An officer may withdraw a notice
that cannot go on. Services fire the transitions and write the audit; nothing else sets
`state`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from wusong.audit.transitions import may

from . import permissions


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published, in its period")
    PERIOD_ENDED = "period_ended", _("Period ended")
    APPROVED = "approved", pgettext_lazy("public notice state", "Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_NOTICE_STATES = (NoticeState.DRAFT, NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED)
PUBLIC_NOTICE_STATES = (NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED, NoticeState.APPROVED)
# What a call's budget and quota carry: projects in notices published or approved.
COMMITTED_STATES = (NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED, NoticeState.APPROVED)


class ObjectionState(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


def _has_items(notice) -> bool:
    return notice.items.exists()


def _period_over(notice) -> bool:
    return notice.period_over()


def _no_objection_in_the_way(notice) -> bool:
    return not notice.blocking_objections().exists()


class NoticeWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"),
        default=NoticeState.DRAFT,
        choices=NoticeState.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=NoticeState.DRAFT,
        target=NoticeState.PUBLISHED,
        permission=may(permissions.runs_notice),
        conditions=[_has_items],
        custom={"label": _("Publish"), "actor": "officer"},
    )
    def publish(self):
        pass

    @transition(
        field=state,
        source=NoticeState.PUBLISHED,
        target=NoticeState.PERIOD_ENDED,
        permission=may(permissions.anyone),
        conditions=[_period_over],
        custom={"label": _("End the period"), "actor": "system"},
    )
    def end_period(self):
        pass

    @transition(
        field=state,
        source=NoticeState.PERIOD_ENDED,
        target=NoticeState.APPROVED,
        permission=may(permissions.is_leader),
        conditions=[_no_objection_in_the_way],
        custom={"label": _("Approve"), "actor": "leader"},
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=[NoticeState.DRAFT, NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED],
        target=NoticeState.WITHDRAWN,
        permission=may(permissions.runs_notice),
        custom={"label": _("Withdraw the notice"), "actor": "officer", "reason": True},
    )
    def withdraw(self):
        pass


class ObjectionWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("state"),
        default=ObjectionState.OPEN,
        choices=ObjectionState.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=ObjectionState.OPEN,
        target=ObjectionState.UPHELD,
        permission=may(permissions.handles_objection),
        custom={"label": _("Uphold"), "actor": "officer", "reason": True},
    )
    def uphold(self):
        pass

    @transition(
        field=state,
        source=ObjectionState.OPEN,
        target=ObjectionState.DISMISSED,
        permission=may(permissions.handles_objection),
        custom={"label": _("Dismiss"), "actor": "officer", "reason": True},
    )
    def dismiss(self):
        pass
