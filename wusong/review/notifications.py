"""Portal notifications: written by the services when something an applicant or an
officer must know happens; read in the portal (`review/_notifications.html`)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wusong.errors import NotAllowed

from .models import Notification


def notify(*, organisation=None, user=None, text: str, link: str = "") -> Notification:
    return Notification.objects.create(
        recipient_organisation=organisation, recipient_user=user, text=text[:500], link=link
    )


def office_language():
    """Notifications are read later by someone else: write them in the office language."""
    return translation.override(settings.LANGUAGE_CODE)


@transaction.atomic
def notification_read(user, notification: Notification) -> Notification:
    mine = notification.recipient_user_id == user.pk or (
        notification.recipient_organisation_id is not None
        and notification.recipient_organisation_id == user.organisation_id
    )
    if not mine:
        raise NotAllowed(_("This notification is not for you."))
    if not notification.read:
        notification.read = True
        notification.read_at = timezone.now()
        notification.save(update_fields=["read", "read_at"])
    return notification
