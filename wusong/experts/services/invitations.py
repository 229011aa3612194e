"""Getting an expert (or any account without a password) logged in without e-mail: an
officer creates a one-time "set your password" link, built on Django's password-reset
tokens, shows it to copy and send, and it is e-mailed too where the office sends e-mail.

The token is valid until the password changes (or ``PASSWORD_RESET_TIMEOUT`` passes), so a
used link no longer works. The token is never stored or logged: the audit entry records
only that a link was created, by whom, and whether it was e-mailed."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused

from ..models import Expert
from .pool import _require_pool_manager

logger = logging.getLogger(__name__)


def password_link_path(account) -> str:
    """The site path of a fresh one-time set-password link for `account`."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )


def _email_enabled() -> bool:
    return bool(getattr(settings, "WUSONG_NOTIFY_EMAIL", False))


@transaction.atomic
def password_link_create(user, expert: Expert, *, base_url: str = "") -> tuple[str, str]:
    """A one-time link for `expert` to set their password, absolute when `base_url` is
    given (for example ``request.build_absolute_uri("/")``). Returns the link and the
    address it is e-mailed to after commit ("" when not e-mailed)."""
    _require_pool_manager(user)
    account = expert.user
    if account is None or not account.is_active:
        raise ActionRefused(_("This expert has no active account to log in with."))
    link = (base_url or "").rstrip("/") + password_link_path(account)
    address = expert.email or account.email
    emailed = address if _email_enabled() and address else ""
    audit_record(
        expert,
        actor=user,
        action="password_link_created",
        changes={"emailed_to": [None, emailed]} if emailed else {},
        note=_("One-time link to set the password of %(account)s.") % {"account": account.username},
    )
    if emailed:
        subject = _("Set your password for the review desk")
        body = _(
            "Dear %(name)s,\n\nOpen this link to set the password of your account "
            "%(account)s, then log in to the review desk:\n\n%(link)s\n\n"
            "The link works once."
        ) % {"name": expert.name, "account": account.username, "link": link}

        def send():
            try:
                mail.EmailMessage(subject, body, to=[emailed]).send()
            except Exception:  # the link is shown on the page too; the mail is best effort
                logger.exception("Set-password e-mail for expert %s failed", expert.pk)

        transaction.on_commit(send)
    return link, emailed
