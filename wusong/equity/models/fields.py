"""What every part of the equity ledger's models shares: the sizes of units, prices and
percentages (amounts are funding's `MONEY`), and the person who recorded a row."""

from decimal import Decimal

from django.conf import settings
from django.db import models

UNITS = {"max_digits": 20, "decimal_places": 2}
PRICE = {"max_digits": 22, "decimal_places": 6}
PERCENT = {"max_digits": 7, "decimal_places": 4}
ZERO = Decimal(0)


def user_fk(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", **kwargs
    )
