"""The roles a person can hold. Each role is a Django auth group of the same code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    EXPERT = "expert", _("Expert")
    OFFICER = "officer", _("Programme officer")
    LEADER = "leader", _("Leader")
    MENTOR = "mentor", _("Mentor")
    BROKER = "broker", _("Technical broker")
    COMMISSIONER = "commissioner", _("Commissioner")
    ADMINISTRATOR = "administrator", _("Administrator")
