"""The expert pool: experts, their commitments, fees and ratings, their declared
conflicts, and the flags for declarations that look like one project declared twice."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import MONEY, Call, Declaration
from wusong.kernels.affinity import split_list
from wusong.registry.models import Organisation
from wusong.registry.validators import validate_mobile


class Expert(models.Model):
    """A reviewer in the pool. Each has an account (role "expert") for the review desk."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="expert_profile",
    )
    name = models.CharField(_("name"), max_length=60)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="experts",
    )
    title = models.CharField(_("title"), max_length=60, blank=True)
    disciplines = models.CharField(
        _("disciplines"), max_length=300, blank=True, help_text=_("Separate with commas or 、.")
    )
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Separate with commas or 、.")
    )
    profile = models.TextField(_("profile"), blank=True)
    phone = models.CharField(_("mobile"), max_length=20, blank=True, validators=[validate_mobile])
    email = models.EmailField(_("e-mail"), blank=True)
    load_limit = models.PositiveSmallIntegerField(
        _("yearly load limit"),
        default=20,
        help_text=_("The most declarations this expert reviews in a calendar year."),
    )
    collaborators = models.TextField(
        _("recent collaborators"),
        blank=True,
        help_text=_(
            "People and organisations this expert worked with in the last three years, "
            "one per line; a declaration naming any of them is a conflict."
        ),
    )
    active = models.BooleanField(_("in the pool"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(load_limit__gte=0), name="expert_load_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def collaborator_list(self) -> tuple[str, ...]:
        return split_list(self.collaborators)


COMMITMENT_TEXT = _(
    "I undertake to keep confidential everything I read in the declarations assigned to "
    "me and in the review, not to copy, use or pass it on; to review impartially and on "
    "the merits alone; to declare at once any conflict of interest (my organisation or a "
    "related one, a team member, a recent collaborator, a financial or personal "
    "interest); and not to contact applicants about the review."
)


class Commitment(models.Model):
    """The commitment of confidentiality and impartiality (承诺书) for one round."""

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="commitments")
    round = models.ForeignKey(
        "experts.ReviewRound", on_delete=models.PROTECT, related_name="commitments"
    )
    text = models.TextField(_("text accepted"))
    accepted_at = models.DateTimeField(_("accepted at"))

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("commitment (承诺书)")
        verbose_name_plural = _("commitments (承诺书)")
        constraints = [
            models.UniqueConstraint(fields=["expert", "round"], name="one_commitment_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.round}"


class ExpertFee(models.Model):
    """A review fee paid to an expert for a round or a meeting."""

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="fees")
    round = models.ForeignKey(
        "experts.ReviewRound",
        verbose_name=_("review round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fees",
    )
    occasion = models.CharField(_("round or meeting"), max_length=200)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("review fee")
        verbose_name_plural = _("review fees")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="expert_fee_positive")
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.occasion} · {self.amount}"


class ExpertRating(models.Model):
    """An officer's rating of an expert's work in a round, 1 (poor) to 5 (excellent)."""

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="ratings")
    round = models.ForeignKey(
        "experts.ReviewRound", on_delete=models.PROTECT, related_name="ratings"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("expert rating")
        verbose_name_plural = _("expert ratings")
        constraints = [
            models.UniqueConstraint(fields=["expert", "round"], name="one_rating_per_round"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="expert_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.round} · {self.rating}"


class ConflictDeclaration(models.Model):
    """An expert's own statement that they have a conflict with a declaration."""

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="conflicts")
    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="expert_conflicts"
    )
    round = models.ForeignKey(
        "experts.ReviewRound", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "declaration"], name="one_conflict_per_expert_declaration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.declaration.reference}"


class DuplicateFlag(models.Model):
    """Two declarations that look like one project declared twice, for an officer to judge."""

    class Decision(models.TextChoices):
        OPEN = "open", _("To be decided")
        DUPLICATE = "duplicate", _("The same project")
        DISTINCT = "distinct", _("Different projects")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="duplicate_flags")
    first = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="+")
    similarity = models.DecimalField(_("text similarity"), max_digits=5, decimal_places=4)
    shared_members = models.JSONField(_("shared team members"), default=list, blank=True)
    reasons = models.JSONField(_("reasons"), default=list)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    flagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-similarity"]
        verbose_name = _("possible duplicate declaration")
        verbose_name_plural = _("possible duplicate declarations")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_flag_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first.reference} ≈ {self.second.reference}"
