"""A message in the portal, for one organisation's users or for one person. Its
recipients are the user model and the organisation a user belongs to."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message in the portal, for one organisation's applicants or for one person."""

    recipient_organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    read = models.BooleanField(_("read"), default=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_organisation__isnull=False) | Q(recipient_user__isnull=False),
                name="notification_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.text
