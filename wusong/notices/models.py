"""Public notices (公示) of proposed approvals and the objections the public files against
them."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wusong.calls.models import MONEY, Call, Declaration
from wusong.registry.validators import validate_mobile

from .workflow import NoticeState, NoticeWorkflow, ObjectionState, ObjectionWorkflow

DEFAULT_PERIOD_DAYS = 5


class PublicNotice(NoticeWorkflow):
    """The proposed approvals of one call, published for a period of working days."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="notices"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text of the notice"),
        blank=True,
        help_text=_("Shown above the list: what is proposed, on what basis, by whom."),
    )
    contact = models.TextField(
        _("how to object in writing"),
        blank=True,
        help_text=_("The office's address, telephone and e-mail for objections on paper."),
    )
    period_days = models.PositiveSmallIntegerField(
        _("period (working days)"),
        default=DEFAULT_PERIOD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    period_estimated = models.BooleanField(
        _("period counted without the holiday calendar"),
        default=False,
        help_text=_("The official holiday arrangement for a year of the period is not held."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closing_note = models.TextField(_("reason given"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_days__gte=1, period_days__lte=30),
                name="notice_period_1_to_30_days",
            ),
            models.CheckConstraint(
                condition=Q(state=NoticeState.DRAFT)
                | Q(state=NoticeState.WITHDRAWN, published_at__isnull=True)
                | Q(published_at__isnull=False, period_end__isnull=False),
                name="notice_published_has_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def period_closes_at(self) -> dt.datetime | None:
        """The first moment after the period: midnight (office time) after its last day."""
        if self.period_end is None:
            return None
        return timezone.make_aware(
            dt.datetime.combine(self.period_end + dt.timedelta(days=1), dt.time.min)
        )

    def period_over(self, now=None) -> bool:
        closes = self.period_closes_at()
        return closes is not None and (now or timezone.now()) >= closes

    def in_period(self, now=None) -> bool:
        return self.state == NoticeState.PUBLISHED and not self.period_over(now)

    def live_items(self):
        return self.items.filter(dropped=False)

    def total(self):
        return self.live_items().aggregate(total=Sum("proposed_amount"))["total"] or 0

    def blocking_objections(self):
        """Objections that stop approval: any still open, and any upheld against a
        project still in the notice."""
        return self.objections.filter(
            Q(state=ObjectionState.OPEN) | Q(state=ObjectionState.UPHELD, item__dropped=False)
        )


class NoticeItem(models.Model):
    """One proposed approval: a declaration that passed formal review, with the amount."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="items")
    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.PROTECT,
        related_name="notice_items",
    )
    proposed_amount = models.DecimalField(_("proposed amount (yuan)"), **MONEY)
    project_title = models.CharField(_("project title"), max_length=200, blank=True)
    organisation_name = models.CharField(_("applicant organisation"), max_length=200, blank=True)
    dropped = models.BooleanField(_("removed from the notice"), default=False)
    drop_reason = models.TextField(_("reason for removal"), blank=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("proposed approval")
        verbose_name_plural = _("proposed approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "declaration"], name="notice_item_once_per_notice"
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount__gt=0), name="notice_item_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.project_title or self.declaration.title

    @property
    def organisation_label(self) -> str:
        return self.organisation_name or str(self.declaration.organisation)


def objection_path(instance, filename: str) -> str:
    return f"objections/{instance.notice_id}/{filename}"


class Objection(ObjectionWorkflow):
    """An objection in writing, signed by a person or an organisation. Who signed it is
    seen only by the officers handling it (see `permissions.handles_objections`)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("A person")
        ORGANISATION = "organisation", _("An organisation")

    reference = models.CharField(_("receipt number"), max_length=40, unique=True)
    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="objections")
    item = models.ForeignKey(
        NoticeItem,
        verbose_name=_("project objected to"),
        on_delete=models.PROTECT,
        related_name="objections",
    )
    kind = models.CharField(_("objecting as"), max_length=12, choices=Kind.choices)
    name = models.CharField(
        pgettext_lazy("objector's name", "name"),
        max_length=200,
        help_text=_("Your name, or the organisation's full name."),
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=60,
        blank=True,
        help_text=_("For an organisation: who the office may call."),
    )
    mobile = models.CharField(_("mobile"), max_length=20, validators=[validate_mobile])
    reason = models.TextField(_("reason"))
    evidence = models.TextField(
        _("evidence"),
        help_text=_("The facts that support the objection and where they can be checked."),
    )
    attachment = models.FileField(upload_to=objection_path, max_length=300, blank=True)
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    attachment_type = models.CharField(max_length=10, blank=True)
    attachment_sha256 = models.CharField(max_length=64, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    filed_at = models.DateTimeField(_("filed at"))
    resolution = models.TextField(_("reasons of the decision"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(mobile="") & ~Q(reason="") & ~Q(evidence=""),
                name="objection_signed_with_reason_and_evidence",
            ),
            models.CheckConstraint(
                condition=Q(kind="person") | ~Q(contact_name=""),
                name="objection_organisation_has_contact",
            ),
        ]

    def __str__(self) -> str:
        # Never the objector: this is what the audit history and lists show.
        return self.reference
