"""Document templates an office edits. A key without a saved row uses the default that
ships with the app (defaults/<key>.html); saving one replaces it, deleting it goes back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKey(models.TextChoices):
    AGREEMENT = "agreement", _("Project construction cooperation agreement")
    APPROVAL_CERTIFICATE = "approval_certificate", _("Approval certificate")
    MEETING_MINUTES = "meeting_minutes", _("Meeting minutes")
    CHECK_MINUTES = "check_minutes", _("Minutes of a mid-term check or acceptance meeting")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    PORTFOLIO_REPORT = "portfolio_report", _("Project assessment report")


class DocumentTemplate(models.Model):
    key = models.CharField(_("document"), max_length=40, unique=True, choices=DocumentKey.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("template"),
        help_text=_(
            "HTML in the Django template language. Leave empty when adding to start from "
            "the default text."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.key})"
