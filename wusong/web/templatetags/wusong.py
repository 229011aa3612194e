from decimal import Decimal

from django import template

from wusong.kernels.money import format_wan, format_wan_exact, plain

register = template.Library()


@register.filter
def wan(yuan, places=2):
    """Yuan shown in 万元, e.g. 59500000 → 5,950.00."""
    if yuan in (None, ""):
        return "—"
    if places == "exact":
        return format_wan_exact(yuan)
    return format_wan(yuan, int(places))


@register.filter
def number(value):
    """A Decimal without trailing zeros (5.0000 → 5); anything else unchanged."""
    return plain(value) if isinstance(value, Decimal) else value
