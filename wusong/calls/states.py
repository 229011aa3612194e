"""The states of a declaration, and which of them can still be edited or are final.

Kept apart from the state machine (`workflow`), which names its permissions, so that
the permission predicates can speak of states too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_FORMAL_REVIEW = "under_formal_review", _("Under formal review")
    RETURNED = "returned", _("Returned for revision")
    PASSED = "passed", _("Passed formal review")
    REJECTED = "rejected", _("Rejected at formal review")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    APPROVED = "approved", _("Approved")
    CANDIDATE = "candidate", _("Candidate (shortlisted)")
    NOT_SELECTED = "not_selected", _("Not selected")


EDITABLE_STATES = (State.DRAFT, State.RETURNED)
FINAL_STATES = (State.REJECTED, State.WITHDRAWN, State.APPROVED, State.NOT_SELECTED)
