"""The expert panel of a mid-term check or final acceptance (验收): who sits on it (drawn
from the pool or chosen, conflicted experts excluded), the rubric it scores against, and
each member's score sheet with a recommendation. A check is heard once and, after a
rectification is filed, a second time (the second sitting); each sitting has its own
sheets. The officer records the outcome through the checks' own rules, or the panel sits
as a review meeting which decides it (`CheckHearing`, `check_meetings`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wusong.experts.models import Criterion, Expert, Rubric
from wusong.experts.states import SheetState
from wusong.meetings.models import AgendaItem

from ..workflow import PanelSheetWorkflow
from .checks import AgreementCheck

PANEL_SCORE = {"max_digits": 6, "decimal_places": 2}


class CheckPanel(models.Model):
    class Method(models.TextChoices):
        DRAW = "draw", _("Drawn from the pool")
        CHOSEN = "chosen", _("Chosen by the officer")

    check_record = models.OneToOneField(
        AgreementCheck,
        verbose_name=_("check"),
        on_delete=models.CASCADE,
        related_name="panel",
        db_column="check_id",
    )
    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT)
    method = models.CharField(_("how the panel was formed"), max_length=8, choices=Method.choices)
    seed = models.CharField(_("draw seed"), max_length=100, blank=True)
    eligible = models.JSONField(
        _("eligible experts (ids)"), default=list, blank=True, help_text=_("As drawn from.")
    )
    excluded = models.JSONField(
        _("experts excluded for a conflict"),
        default=dict,
        blank=True,
        help_text=_("Expert id → the reasons of the conflict."),
    )
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    formed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check panel")
        verbose_name_plural = _("check panels")

    def __str__(self) -> str:
        return str(self.check_record)


class PanelMember(models.Model):
    panel = models.ForeignKey(CheckPanel, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="check_panels"
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        ordering = ["panel", "-is_chair", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["panel", "expert"], name="panel_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.panel} · {self.expert.name}"


class PanelSheet(PanelSheetWorkflow):
    """One member's scores for one sitting of the check."""

    class Recommendation(models.TextChoices):
        PASS = "pass", _("Pass")
        RECTIFY = "rectify", _("Pass after rectification")
        FAIL = "fail", _("Fail")

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="sheets")
    sitting = models.PositiveSmallIntegerField(_("sitting"), default=1)
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    total = models.DecimalField(_("total (0–100)"), **PANEL_SCORE, null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member", "sitting"]
        verbose_name = _("panel score sheet")
        verbose_name_plural = _("panel score sheets")
        constraints = [
            models.UniqueConstraint(fields=["member", "sitting"], name="panel_sheet_per_sitting")
        ]

    def __str__(self) -> str:
        return f"{self.member} #{self.sitting}"

    @property
    def submitted(self) -> bool:
        return self.state == SheetState.SUBMITTED


class PanelScore(models.Model):
    sheet = models.ForeignKey(PanelSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), **PANEL_SCORE)

    class Meta:
        ordering = ["sheet", "criterion__sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="panel_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.sheet}: {self.criterion.code} = {self.score}"


class CheckHearing(models.Model):
    """A check on a review meeting's agenda: the item of the meeting that hears it, at the
    item's sitting. The meeting decides the check when it closes (`check_meetings`)."""

    check_record = models.ForeignKey(
        AgreementCheck,
        verbose_name=_("mid-term check or acceptance"),
        on_delete=models.PROTECT,
        related_name="hearings",
        db_column="check_id",
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="check_hearing",
    )

    class Meta:
        verbose_name = _("check hearing")
        verbose_name_plural = _("check hearings")

    def __str__(self) -> str:
        return f"{self.check_record} · {self.agenda_item.meeting}"
