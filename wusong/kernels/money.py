"""Money as officers write it: yuan stored, 万元 shown. Decimal only, never float."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

WAN = Decimal(10000)
CENT = Decimal("0.01")


class AmountError(ValueError):
    pass


def to_decimal(value) -> Decimal:
    if isinstance(value, float):
        raise AmountError("amounts are never floats; pass a string or Decimal")
    try:
        result = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError) as exc:
        raise AmountError(f"{value!r} is not a number") from exc
    if not result.is_finite():
        raise AmountError(f"{value!r} is not a finite number")
    return result


def wan_to_yuan(wan) -> Decimal:
    """万元 to yuan, exact to the fen; refuses amounts finer than one fen."""
    yuan = to_decimal(wan) * WAN
    if yuan != yuan.quantize(CENT):
        raise AmountError("an amount in 万元 can have at most six decimal places (one fen)")
    return yuan.quantize(CENT)


def yuan_to_wan(yuan, places: int = 2) -> Decimal:
    """Yuan to 万元, rounded half-up to `places` decimals for display."""
    return (to_decimal(yuan) / WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_wan(yuan, places: int = 2) -> str:
    """'5,950.00' for 59,500,000 yuan: the figure officers read next to the unit 万元."""
    return f"{yuan_to_wan(yuan, places):,.{places}f}"


def plain(value: Decimal) -> str:
    """A Decimal without trailing zeros or exponent: 800.0000 → '800', 12.5000 → '12.5'."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_wan_exact(yuan) -> str:
    """Yuan in 万元 without losing a fen, but with no more decimals than needed (at
    least two): 3,500,000 → '350.00', 123,456.78 → '12.345678'."""
    wan = to_decimal(yuan) / WAN
    text = f"{wan:,.6f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"
