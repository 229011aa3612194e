"""The states of expert review's records: a review round, an assignment, a score sheet.

Kept apart from the state machines (`workflow`), which name their permissions, so that
the permission predicates can speak of states too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
