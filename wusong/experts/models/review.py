"""Review rounds, their rubric, the assignment of experts to declarations (with the
officer's pins and bans and the random draws), and the experts' score sheets."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wusong.calls.models import Call, Declaration
from wusong.registry.models import bilingual

from ..states import AssignmentState
from ..workflow import AssignmentWorkflow, RoundWorkflow, SheetWorkflow
from .pool import Expert

SCORE = {"max_digits": 6, "decimal_places": 2}
AFFINITY = {"max_digits": 6, "decimal_places": 4}


class Rubric(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self) -> str:
        return bilingual(self.name, self.name_en)


class Criterion(models.Model):
    """One scored criterion: its weight in the total, its range and anchor descriptions."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    group = models.CharField(_("group"), max_length=100, blank=True)
    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3)
    min_score = models.DecimalField(_("lowest score"), **SCORE, default=Decimal(0))
    max_score = models.DecimalField(_("highest score"), **SCORE, default=Decimal(10))
    anchors = models.JSONField(
        _("anchor descriptions"),
        default=list,
        blank=True,
        help_text=_('A list of [score, description] pairs, e.g. [[10, "world-leading"], ...].'),
    )
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_code_per_rubric"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_pos"),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=models.F("min_score")),
                name="criterion_range_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return bilingual(self.name, self.name_en)


class ReviewRound(RoundWorkflow):
    """One online review of a call's passed declarations."""

    class Method(models.TextChoices):
        SOLVER = "solver", _("Best match (maximum total affinity)")
        RANDOM = "random", _("Random draw (随机抽取)")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="review_rounds"
    )
    name = models.CharField(pgettext_lazy("review round", "name"), max_length=200)
    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT)
    reviewers_per_declaration = models.PositiveSmallIntegerField(
        _("experts per declaration"), default=3
    )
    load_limit = models.PositiveSmallIntegerField(_("most declarations per expert"), default=8)
    one_per_organisation = models.BooleanField(
        _("at most one expert from any one organisation per declaration"), default=False
    )
    min_affinity = models.DecimalField(_("minimum affinity"), **AFFINITY, default=Decimal(0))
    fairness = models.BooleanField(
        _("raise the weakest declaration first"),
        default=False,
        help_text=_("Costs some total affinity; the result shows how much."),
    )
    method = models.CharField(
        _("method"), max_length=10, choices=Method.choices, default=Method.SOLVER
    )
    seed = models.BigIntegerField(_("draw seed"), null=True, blank=True)
    deadline = models.DateTimeField(_("scoring deadline"))
    declarations = models.ManyToManyField(
        Declaration, verbose_name=_("declarations"), blank=True, related_name="review_rounds"
    )
    result = models.JSONField(
        _("last solve"),
        default=dict,
        blank=True,
        help_text=_("Objective, shortfalls with reasons and rejected pins of the last solve."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewers_per_declaration__gte=1), name="round_k_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(min_affinity__gte=0, min_affinity__lte=1),
                name="round_floor_0_to_1",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def deadline_passed(self, at=None) -> bool:
        return (at or timezone.now()) > self.deadline


class PairRule(models.Model):
    """An officer's pin (always assign) or ban (never assign) of one expert to one
    declaration in a round."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Pin")
        BAN = "ban", _("Forbid")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="rules")
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="+")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pin or ban")
        verbose_name_plural = _("pins and bans")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "declaration", "expert"], name="one_rule_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.declaration.reference} · {self.expert}"


class Assignment(AssignmentWorkflow):
    class Source(models.TextChoices):
        SOLVER = "solver", _("Best match")
        DRAW = "draw", _("Random draw")
        PIN = "pin", _("Pinned by the officer")
        REPLACEMENT = "replacement", _("Replacement")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="assignments")
    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="expert_assignments"
    )
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    affinity = models.DecimalField(_("affinity"), **AFFINITY)
    pinned = models.BooleanField(_("pinned"), default=False)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    no_conflict_confirmed_at = models.DateTimeField(
        _("no conflict confirmed at"), null=True, blank=True
    )
    withdrawn_reason = models.TextField(_("reason withdrawn"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declaration_id", "-affinity", "expert_id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "declaration", "expert"],
                condition=~models.Q(state=AssignmentState.WITHDRAWN),
                name="one_live_assignment_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.declaration.reference} · {self.expert}"


class Draw(models.Model):
    """One random draw (随机抽取) for one declaration: the seed, the eligible experts in
    the order drawn from and who was drawn, so anyone can repeat it."""

    class Reason(models.TextChoices):
        INITIAL = "initial", _("Draw")
        REDRAW = "redraw", _("Re-draw")
        REPLACEMENT = "replacement", _("Replacement after a conflict")
        PANEL = "panel", _("Meeting panel")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="draws")
    declaration = models.ForeignKey(
        Declaration,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a meeting panel drawn for the whole round."),
    )
    seed = models.CharField(_("seed"), max_length=100)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    eligible = models.JSONField(
        _("eligible experts"),
        default=list,
        help_text=_("[expert id, organisation group] pairs, in the order drawn from."),
    )
    taken_groups = models.JSONField(
        _("organisation groups already on the declaration"), default=list, blank=True
    )
    wanted = models.PositiveSmallIntegerField(_("experts wanted"))
    drawn = models.JSONField(_("experts drawn (ids)"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["drawn_at", "id"]
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")

    def __str__(self) -> str:
        what = self.declaration.reference if self.declaration_id else self.get_reason_display()
        return f"{self.round} · {what} · {self.seed}"


class ScoreSheet(SheetWorkflow):
    class Recommendation(models.TextChoices):
        FUND = "fund", _("Fund")
        CANDIDATE = "candidate", _("Candidate (shortlist)")
        DO_NOT_FUND = "do_not_fund", _("Do not fund")

    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="sheet")
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices, blank=True
    )
    total = models.DecimalField(
        _("weighted score"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return str(self.assignment)


class CriterionScore(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), **SCORE)

    class Meta:
        ordering = ["criterion__sort", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.score}"
