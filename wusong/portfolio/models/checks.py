"""Mid-term checks, final acceptance (验收) and extension requests on an agreement: the
data and the rules that need no expert panel. The panel (assignment, scoring, meeting)
is added when the review machinery allows; an officer records its outcome meanwhile."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wusong.funding.models import Agreement

from ..workflow import CheckWorkflow, ExtensionWorkflow

RECTIFICATION_MONTHS = 3


class AgreementCheck(CheckWorkflow):
    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("Mid-term check")
        ACCEPTANCE = "acceptance", _("Final acceptance")

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="checks")
    kind = models.CharField(_("check"), max_length=12, choices=Kind.choices)
    scheduled_on = models.DateField(_("scheduled on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True)
    rectification = models.TextField(_("rectification report"), blank=True)
    rectified_on = models.DateField(_("rectification filed on"), null=True, blank=True)
    consequence = models.TextField(_("consequence recorded"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "scheduled_on"]
        verbose_name = _("mid-term check or acceptance")
        verbose_name_plural = _("mid-term checks and acceptances")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="check_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} {self.get_kind_display()}"


class ExtensionRequest(ExtensionWorkflow):
    """A request to extend the task end date: once per agreement, before it expires."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.PROTECT, related_name="extension_request"
    )
    current_end = models.DateField(_("task period ends"))
    new_end = models.DateField(_("extend to"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("requested on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_end__gt=models.F("current_end")),
                name="extension_later_end",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} → {self.new_end}"
