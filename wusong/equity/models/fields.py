"""Fields every part of the equity ledger shares: units, prices, percentages, and the
person who recorded a row."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from wusong.funding.models import MONEY

UNITS = {"max_digits": 20, "decimal_places": 2}
PRICE = {"max_digits": 22, "decimal_places": 6}
PERCENT = {"max_digits": 7, "decimal_places": 4}
ZERO = Decimal(0)

__all__ = ["MONEY", "PERCENT", "PRICE", "UNITS", "ZERO", "user_fk"]


def user_fk(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", **kwargs
    )
