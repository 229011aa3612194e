"""Every write to public notices: drafting, publishing, the period, withdrawal, the
leader's approval, and the objections the public files; one function per thing a user
does, each in one transaction, each leaving an audit entry. A refused action changes
nothing."""

from .approval import notice_approve
from .notices import (
    notice_create,
    notice_end_period_if_due,
    notice_item_drop,
    notice_publish,
    notice_update,
    notice_withdraw,
    notices_end_due_periods,
    proposal_check,
)
from .objections import (
    OBJECTION_RATE_LIMIT,
    OBJECTION_RATE_WINDOW,
    RateLimited,
    objection_file,
    objection_resolve,
)

__all__ = [
    "OBJECTION_RATE_LIMIT",
    "OBJECTION_RATE_WINDOW",
    "RateLimited",
    "notice_approve",
    "notice_create",
    "notice_end_period_if_due",
    "notice_item_drop",
    "notice_publish",
    "notice_update",
    "notice_withdraw",
    "notices_end_due_periods",
    "objection_file",
    "objection_resolve",
    "proposal_check",
]
