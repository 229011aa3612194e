"""Programmes, calls (batches) with their extra fields, declarations and attachments."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wusong.registry.models import BilingualName, Industry, Organisation, bilingual
from wusong.registry.validators import validate_uscc

from .states import State
from .workflow import DeclarationWorkflow

MONEY = {"max_digits": 16, "decimal_places": 2}


class Programme(BilingualName):
    class Kind(models.TextChoices):
        INVEST_FIRST = "invest_first", _("Investment first, shares later")
        LEASE_FIRST = "lease_first", _("Lease first, shares later")
        SERVICE_FIRST = "service_first", _("Services first, shares later")
        ALLOCATION_INVESTMENT = "allocation_investment", _("Allocation plus investment")
        POC_SUPPORT = "poc_support", _("Proof-of-concept support")
        CONSORTIUM = "consortium", _("Innovation consortium cultivation")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder and future holder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme officers"),
        blank=True,
        related_name="programmes_run",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class Call(BilingualName):
    """One batch of a programme, with its window, budget, quota and extra fields."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = models.TextField(_("description"), blank=True)
    open_all_year = models.BooleanField(_("open all year"), default=False)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    budget = models.DecimalField(_("budget (yuan)"), **MONEY, default=Decimal(0))
    quota = models.PositiveIntegerField(_("quota (projects)"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "code"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(open_all_year=True)
                | (models.Q(opens_at__isnull=False) & models.Q(closes_at__isnull=False)),
                name="call_has_window_or_all_year",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="call_budget_not_negative"
            ),
        ]

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        if self.open_all_year:
            return True
        return self.opens_at <= at <= self.closes_at

    def has_closed(self, at=None) -> bool:
        at = at or timezone.now()
        return not self.open_all_year and at > self.closes_at


class CallField(models.Model):
    """An extra question a call asks; answers are stored typed, so reports can sum them."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        AMOUNT = "amount", _("Amount (万元)")
        DATE = "date", _("Date")
        CHOICE = "choice", _("Choice")
        YESNO = "yesno", _("Yes / no")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("question (Chinese)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(_("choices, one per line"), blank=True)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort", "id"]
        unique_together = [("call", "key")]
        verbose_name = _("extra field")
        verbose_name_plural = _("extra fields")

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return bilingual(self.label, self.label_en)

    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


class Declaration(DeclarationWorkflow):
    class CompanyStatus(models.TextChoices):
        NONE = "none", _("No company yet (research team)")
        LLC = "llc", _("Limited liability company (有限责任公司)")
        JSC = "jsc", _("Joint-stock company (股份有限公司)")

    reference = models.CharField(_("reference"), max_length=60, unique=True)
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="declarations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("declaring organisation"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("summary"))
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    industry = models.ForeignKey(Industry, verbose_name=_("industry"), on_delete=models.PROTECT)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 (basic principles observed) to 9 (proven in operation)."),
    )
    company_status = models.CharField(
        _("company status"), max_length=8, choices=CompanyStatus.choices
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc]
    )
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    requested_amount = models.DecimalField(_("requested amount (yuan)"), **MONEY)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    resubmit_by = models.DateTimeField(_("resubmit by"), null=True, blank=True)
    decision_reason = models.TextField(_("reason given"), blank=True)
    submitted_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested_amount__gt=0), name="declaration_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(trl__gte=1, trl__lte=9), name="declaration_trl_1_to_9"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_editable_state(self) -> bool:
        return self.state in (State.DRAFT, State.RETURNED)


class TeamMember(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("role in the project"), max_length=60, blank=True)
    title = models.CharField(_("job title"), max_length=60, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    is_lead = models.BooleanField(_("project lead"), default=False)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due = models.DateField(_("expected by"))
    deliverable = models.CharField(_("deliverable or measure"), max_length=300, blank=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "due", "id"]
        verbose_name = _("expected milestone")
        verbose_name_plural = _("expected milestones")

    def __str__(self) -> str:
        return self.title


class FieldAnswer(models.Model):
    """The answer to one extra field, in the column of its kind."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="answers")
    field = models.ForeignKey(CallField, on_delete=models.PROTECT, related_name="answers")
    value_text = models.TextField(blank=True)
    value_number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    value_date = models.DateField(null=True, blank=True)
    value_bool = models.BooleanField(null=True, blank=True)

    class Meta:
        unique_together = [("declaration", "field")]

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"

    @property
    def value(self):
        kind = self.field.kind
        if kind in (CallField.Kind.NUMBER, CallField.Kind.AMOUNT):
            return self.value_number
        if kind == CallField.Kind.DATE:
            return self.value_date
        if kind == CallField.Kind.YESNO:
            return self.value_bool
        return self.value_text


def attachment_path(instance, filename: str) -> str:
    return f"declarations/{instance.declaration.call_id}/{instance.declaration_id}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_PLAN = "business_plan", _("Business plan")
        TECHNICAL_REPORT = "technical_report", _("Technical report")
        OTHER = "other", _("Other supporting document")

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        pgettext_lazy("attachment kind", "document"), max_length=20, choices=Kind.choices
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    file_type = models.CharField(_("file type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
