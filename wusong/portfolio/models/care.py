"""Who serves a project (mentors, technical brokers, service agencies, staff), the
targeted service plan drawn from weak links, the service log and the manager's ratings."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wusong.registry.models import Organisation

from ..dimensions import Dimension
from ..workflow import PlanItemWorkflow


class Server(models.Model):
    """Someone assigned to serve a project: a person (mentor, broker, staff) or a service
    agency (any of its members acts for it). They see the project while active."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Office staff")
        MENTOR = "mentor", _("Mentor")
        BROKER = "broker", _("Technical broker")
        AGENCY = "agency", _("Service agency")

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="servers"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(_("serving"), default=True)
    since = models.DateField(_("since"))

    class Meta:
        ordering = ["project", "role", "id"]
        verbose_name = _("service provider on a project")
        verbose_name_plural = _("service providers on projects")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(agency__isnull=True))
                | (Q(user__isnull=True) & Q(agency__isnull=False)),
                name="server_person_or_agency",
            ),
            models.UniqueConstraint(
                fields=["project", "user"], condition=Q(user__isnull=False), name="server_user_once"
            ),
            models.UniqueConstraint(
                fields=["project", "agency"],
                condition=Q(agency__isnull=False),
                name="server_agency_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user or self.agency)


class PlanItem(PlanItemWorkflow):
    """One item of a project's targeted service plan, aimed at a weak dimension."""

    class Kind(models.TextChoices):
        BUSINESS_PLAN = "business_plan", _("Business plan writing or revision")
        TEAM_BUILDING = "team_building", _("Team building and key hires")
        COMPLIANCE_COACHING = "compliance_coaching", _("Compliance coaching")
        MARKET_CHANNELS = "market_channels", _("Market-channel introductions")
        FINANCING_MATCH = "financing_match", _("Financing matchmaking")
        RESOURCE_MATCH = "resource_match", _("Resource matchmaking")

    NAMED_COUNTERPARTS = (Kind.FINANCING_MATCH, Kind.RESOURCE_MATCH)

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="plan_items"
    )
    source = models.ForeignKey(
        "portfolio.Assessment",
        verbose_name=_("from the assessment of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    dimension = models.CharField(_("weak dimension"), max_length=12, choices=Dimension.choices)
    score_then = models.DecimalField(
        _("score when planned"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    kind = models.CharField(_("service"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("what is to be done"), max_length=200)
    counterparts = models.TextField(
        _("named investors or partners"),
        blank=True,
        help_text=_("For matchmaking: who is to be introduced, one per line."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_items_owned",
    )
    owner_agency = models.ForeignKey(
        Organisation,
        verbose_name=_("owning service agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_items_owned",
    )
    due = models.DateField(_("due"))
    outcome = models.TextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("service-plan item")
        verbose_name_plural = _("service-plan items")
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_user__isnull=False) & Q(owner_agency__isnull=True))
                | (Q(owner_user__isnull=True) & Q(owner_agency__isnull=False)),
                name="plan_item_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        return self.owner_user or self.owner_agency

    def counterpart_list(self) -> list[str]:
        return [c.strip() for c in self.counterparts.splitlines() if c.strip()]


class ServiceLog(models.Model):
    """One service given to a project, by whom, when, how long and with what outcome."""

    class Kind(models.TextChoices):
        MENTORING = "mentoring", _("Mentoring session")
        BUSINESS_PLAN = "business_plan", _("Business plan work")
        COMPLIANCE = "compliance", _("Compliance coaching")
        MARKET = "market", _("Market-channel introduction")
        FINANCING = "financing", _("Financing matchmaking")
        RESOURCE = "resource", _("Resource matchmaking")
        TECHNOLOGY = "technology", _("Technology transfer brokerage")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="service_logs"
    )
    server = models.ForeignKey(
        Server, null=True, blank=True, on_delete=models.PROTECT, related_name="logs"
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("for plan item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="logs",
    )
    kind = models.CharField(_("service"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    outcome = models.TextField(_("outcome"))
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-on", "-id"]
        verbose_name = _("service log entry")
        verbose_name_plural = _("service log")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="service_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class Rating(models.Model):
    """The manager's rating of a provider's work on a project (1 to 5)."""

    server = models.ForeignKey(Server, on_delete=models.CASCADE, related_name="ratings")
    stars = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="rating_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.server} {self.stars}★"
