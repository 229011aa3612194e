"""The projects followed (portfolio and candidates), the five-dimension indicators the
office edits, assessments with their scores, and the candidate pool's contacts,
follow-ups and invitations."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Call, Declaration
from wusong.registry.models import Organisation, bilingual

from ..dimensions import DIMENSIONS, Dimension

SCORE = {"max_digits": 5, "decimal_places": 1}


class Project(models.Model):
    """A declaration the office follows after selection: an approved project in the
    portfolio, or a shortlisted candidate kept in the pool."""

    class Kind(models.TextChoices):
        PORTFOLIO = "portfolio", _("Portfolio project")
        CANDIDATE = "candidate", _("Candidate")

    class ReportEvery(models.IntegerChoices):
        QUARTER = 3, _("Quarterly")
        HALF_YEAR = 6, _("Half-yearly")
        YEAR = 12, _("Yearly")

    declaration = models.OneToOneField(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.PROTECT,
        related_name="portfolio_project",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("company or team"),
        on_delete=models.PROTECT,
        related_name="portfolio_projects",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("investment manager"),
        on_delete=models.PROTECT,
        related_name="portfolio_projects_managed",
    )
    profile = models.TextField(
        _("project profile"),
        blank=True,
        help_text=_("The manager's portrait of the project: stage, strengths, what it needs."),
    )
    report_every = models.PositiveSmallIntegerField(
        _("reports"), choices=ReportEvery.choices, default=ReportEvery.QUARTER
    )
    reporting_from = models.DateField(_("reports due from"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declaration__reference"]
        verbose_name = _("followed project")
        verbose_name_plural = _("followed projects")

    def __str__(self) -> str:
        return f"{self.declaration.reference} {self.declaration.title}"

    @property
    def title(self) -> str:
        return self.declaration.title


class Indicator(models.Model):
    """One thing assessed within a dimension, on an integer scale with anchors. The
    office edits the set; a retired indicator stays for the assessments that used it."""

    EDITABLE_FIELDS = (
        "dimension",
        "code",
        "name",
        "name_en",
        "scale_min",
        "scale_max",
        "weight",
        "active",
        "sort",
    )

    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("indicator (Chinese)"), max_length=200)
    name_en = models.CharField(_("indicator (English)"), max_length=200, blank=True)
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dimension", "sort", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="indicator_scale_ordered"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return bilingual(self.name, self.name_en)


class Anchor(models.Model):
    """What a point on an indicator's scale means, so two managers score alike."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="anchors")
    value = models.SmallIntegerField(_("score"))
    description = models.CharField(_("meaning (Chinese)"), max_length=300)
    description_en = models.CharField(_("meaning (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "value"]
        verbose_name = _("anchor")
        verbose_name_plural = _("anchors")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "value"], name="anchor_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"

    @property
    def label(self) -> str:
        return bilingual(self.description, self.description_en)


class Assessment(models.Model):
    """One five-dimension assessment of a project: by its manager, or the company's own
    self-assessment. Dimension scores are computed by `scoring.dimension_scores` when the
    assessment is recorded and kept, so later edits to indicators never change them."""

    class Kind(models.TextChoices):
        MANAGER = "manager", _("Manager's assessment")
        SELF = "self", _("Company self-assessment")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    self_assessment = models.ForeignKey(
        "self",
        verbose_name=_("company's self-assessment beside it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    business = models.DecimalField(_("business"), **SCORE, null=True, blank=True)
    team = models.DecimalField(_("team"), **SCORE, null=True, blank=True)
    compliance = models.DecimalField(_("compliance"), **SCORE, null=True, blank=True)
    marketing = models.DecimalField(_("marketing"), **SCORE, null=True, blank=True)
    capital = models.DecimalField(_("capital"), **SCORE, null=True, blank=True)
    overall = models.DecimalField(_("overall"), **SCORE, null=True, blank=True)
    weakest = models.CharField(
        _("weakest dimension"), max_length=12, choices=Dimension.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "assessed_on", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(business__gte=0, business__lte=100) | Q(business__isnull=True),
                name="assessment_business_0_100",
            ),
            models.CheckConstraint(
                condition=Q(team__gte=0, team__lte=100) | Q(team__isnull=True),
                name="assessment_team_0_100",
            ),
            models.CheckConstraint(
                condition=Q(compliance__gte=0, compliance__lte=100) | Q(compliance__isnull=True),
                name="assessment_compliance_0_100",
            ),
            models.CheckConstraint(
                condition=Q(marketing__gte=0, marketing__lte=100) | Q(marketing__isnull=True),
                name="assessment_marketing_0_100",
            ),
            models.CheckConstraint(
                condition=Q(capital__gte=0, capital__lte=100) | Q(capital__isnull=True),
                name="assessment_capital_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.declaration.reference} {self.get_kind_display()} {self.assessed_on}"

    def scores(self) -> dict[str, Decimal | None]:
        return {d: getattr(self, d) for d in DIMENSIONS}


class Score(models.Model):
    """The score one indicator got, with its scale and weight as they were then."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField(_("score"))
    scale_min = models.SmallIntegerField()
    scale_max = models.SmallIntegerField()
    weight = models.DecimalField(max_digits=5, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator__dimension", "indicator__sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="score_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=models.F("scale_min"), value__lte=models.F("scale_max")),
                name="score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"


class Contact(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("role"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class FollowUp(models.Model):
    """A note of contact with a candidate (or any followed project)."""

    class Kind(models.TextChoices):
        CALL = "call", _("Phone call")
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")
        SERVICE_OFFERED = "service_offered", _("Service offered")
        NOTE = "note", _("Note")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-on", "-id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class CandidateInvitation(models.Model):
    """A candidate invited into a later call, with the draft declaration carried over."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+")
    declaration = models.OneToOneField(Declaration, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "call"], name="invitation_once_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.call}"
