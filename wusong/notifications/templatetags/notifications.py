"""The unread portal notifications of the signed-in person, for
`notifications/_notifications.html`."""

from django import template

from wusong.notifications.selectors import notifications_unread

register = template.Library()

SHOWN = 20


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return list(notifications_unread(user)[:SHOWN])
