"""Portal notifications: written by the services when something an applicant or an
officer must know happens; read in the portal (`notifications/_notifications.html`).
Where ``settings.WUSONG_NOTIFY_EMAIL`` is on, some are also sent by e-mail
(`email_organisation`)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wusong.errors import NotAllowed

from .models import Notification

logger = logging.getLogger(__name__)


def notify(*, organisation=None, user=None, text: str, link: str = "") -> Notification:
    return Notification.objects.create(
        recipient_organisation=organisation, recipient_user=user, text=text[:500], link=link
    )


def email_enabled() -> bool:
    return bool(getattr(settings, "WUSONG_NOTIFY_EMAIL", False))


def email_organisation(organisation, *, subject: str, text: str, link: str = "") -> list[str]:
    """Send `text` to each active user of `organisation` with an e-mail address, once the
    current transaction commits (nothing is sent for a change rolled back). One message
    per recipient, so users do not see each other's addresses. Off unless
    ``settings.WUSONG_NOTIFY_EMAIL``; a mail server that fails is logged, never fatal.
    Returns the addresses queued."""
    if not email_enabled() or organisation is None:
        return []
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(organisation=organisation, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return []
    body = text
    if link:
        body += "\n\n" + getattr(settings, "WUSONG_SITE_URL", "").rstrip("/") + link
    subject = " ".join(subject.split())[:200]

    def send():
        messages = [mail.EmailMessage(subject, body, to=[r]) for r in recipients]
        try:
            mail.get_connection().send_messages(messages)
        except Exception:  # the portal notification stands; the mail is best effort
            logger.exception("Notification e-mail to %s failed", organisation)

    transaction.on_commit(send)
    return recipients


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
