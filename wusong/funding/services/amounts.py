"""Amounts as the funding services take them: yuan as Decimal, more than zero, exact to
the fen; and how a message shows them (万元)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wusong.kernels.money import format_wan

FEN = Decimal("0.01")


def wan(amount) -> str:
    return f"{format_wan(amount)} 万元"


def positive_amount(amount, field: str) -> Decimal:
    """A Decimal amount in yuan, more than zero, exact to the fen."""
    if not isinstance(amount, Decimal):
        raise ValidationError({field: _("Give the amount as a decimal number of yuan.")})
    if amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("The amount cannot be finer than one fen (0.01 yuan).")})
    return amount


def yuan_amount(value, field: str) -> Decimal:
    """A positive amount in yuan, exact to the fen."""
    if isinstance(value, float) or not isinstance(value, Decimal | int | str):
        raise ValidationError({field: _("Give the amount as a decimal number of yuan.")})
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise ValidationError({field: _("Give the amount as a decimal number of yuan.")}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount != amount.quantize(FEN):
        raise ValidationError({field: _("The amount cannot be finer than one fen (0.01 yuan).")})
    return amount.quantize(FEN)
