"""The five dimensions every project is assessed on, in their fixed order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    BUSINESS = "business", _("Business")
    TEAM = "team", _("Team")
    COMPLIANCE = "compliance", _("Compliance")
    MARKETING = "marketing", _("Marketing")
    CAPITAL = "capital", _("Capital")


DIMENSIONS = tuple(Dimension.values)
