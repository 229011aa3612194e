from django import template

from wusong.kernels.money import format_wan

register = template.Library()


@register.filter
def wan(yuan, places=2):
    """Yuan shown in 万元, e.g. 59500000 → 5,950.00."""
    if yuan in (None, ""):
        return "—"
    return format_wan(yuan, int(places))
