"""Review meetings (评审会): the panel of experts, the agenda, the recusals found from
conflicts of interest, attendance, discussion notes, each member's vote and, once the
meeting closes, each item's outcome under the quorum rule.

A meeting has a purpose, which names the kind of item its agenda holds (`agenda`). A
selection meeting hears a call's declarations that passed formal review and votes
approve / candidate / reject. A check meeting is the sitting of the expert panel of a
mid-term check or final acceptance (验收) of funded projects: each item is one check at one
sitting (the second after a rectification), and the members vote pass / pass after
rectification / fail; the app that keeps the checks records what was decided."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wusong.calls.models import Call, Declaration
from wusong.kernels.votes import (
    APPROVE,
    CANDIDATE,
    CHECK,
    FAIL,
    NO_MAJORITY,
    PASS,
    QUORUM_NOT_MET,
    RECTIFY,
    REJECT,
    SELECTION,
    Quorum,
    Scale,
)

from .agenda import AgendaKind, Heard, agenda_kind
from .workflow import MeetingState, MeetingWorkflow


class VoteChoice(models.TextChoices):
    APPROVE = APPROVE, pgettext_lazy("meeting vote", "Approve")
    CANDIDATE = CANDIDATE, _("Candidate (shortlist)")
    REJECT = REJECT, _("Reject")
    PASS = PASS, _("Pass")
    RECTIFY = RECTIFY, _("Pass after rectification")
    FAIL = FAIL, _("Fail")


class Purpose(models.TextChoices):
    SELECTION = "selection", _("Selection of declarations")
    CHECK = "check", _("Mid-term check or final acceptance")


class ItemFlag(models.TextChoices):
    NONE = "", _("—")
    QUORUM_NOT_MET = QUORUM_NOT_MET, _("Quorum not met: no outcome")
    NO_MAJORITY = NO_MAJORITY, _("Votes split evenly: no outcome")


# What an officer sets when scheduling a meeting and may change while it is scheduled.
MEETING_DETAILS = (
    "title",
    "starts_at",
    "place",
    "review_round",
    "chair",
    "quorum_numerator",
    "quorum_denominator",
    "quorum_min_votes",
    "members_vote_themselves",
)


class Meeting(MeetingWorkflow):
    """One review meeting of a call: a selection meeting, optionally tied to the call's
    online review round, or a check meeting of the call's funded projects."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="meetings"
    )
    review_round = models.ForeignKey(
        "experts.ReviewRound",
        verbose_name=_("review round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=10,
        choices=Purpose.choices,
        default=Purpose.SELECTION,
        db_index=True,
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    chair = models.ForeignKey(
        "experts.Expert",
        verbose_name=_("chair of the panel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum: share of members (numerator)"), default=2, validators=[MinValueValidator(1)]
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum: share of members (denominator)"), default=3, validators=[MinValueValidator(1)]
    )
    quorum_min_votes = models.PositiveSmallIntegerField(
        _("quorum: fewest votes"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("An item is decided only when at least this many members vote on it."),
    )
    members_vote_themselves = models.BooleanField(
        _("members record their own votes"),
        default=False,
        help_text=_("Panel members vote on their review desk; officers can still record votes."),
    )
    draw = models.ForeignKey(
        "experts.Draw",
        verbose_name=_("panel draw"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("reason given"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    quorum_numerator__gte=1,
                    quorum_denominator__gte=1,
                    quorum_numerator__lte=models.F("quorum_denominator"),
                ),
                name="meeting_quorum_share_at_most_one",
            ),
            models.CheckConstraint(
                condition=Q(quorum_min_votes__gte=1), name="meeting_quorum_min_votes_positive"
            ),
            models.CheckConstraint(
                condition=~Q(state=MeetingState.CLOSED) | Q(closed_at__isnull=False),
                name="meeting_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def quorum(self) -> Quorum:
        return Quorum(self.quorum_numerator, self.quorum_denominator, self.quorum_min_votes)

    @property
    def agenda_kind(self) -> AgendaKind:
        return agenda_kind(self.purpose)

    @property
    def selects(self) -> bool:
        """Whether the meeting selects declarations (rather than hearing other records)."""
        return self.purpose == Purpose.SELECTION

    @property
    def scale(self) -> Scale:
        return self.agenda_kind.scale

    def vote_choices(self, *, sitting: int | None = None) -> list[tuple[str, str]]:
        """(value, label) of the votes an item heard at `sitting` takes."""
        allowed = self.agenda_kind.vote_choices(sitting)
        return [(v, label) for v, label in VoteChoice.choices if v in allowed]


class MeetingMember(models.Model):
    """An expert on the meeting's panel, with their attendance (None until recorded)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(
        "experts.Expert",
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="meeting_seats",
    )
    present = models.BooleanField(_("present"), null=True, blank=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "expert"], name="one_seat_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.expert}"


class AgendaItem(models.Model):
    """A declaration on the agenda, with the discussion notes and, once the meeting has
    closed, the outcome under the quorum and majority rules (`kernels.votes`). At a check
    meeting the item is one agreement's check at one sitting (the app that keeps checks
    links its check to the item); `declaration` is then the agreement's, so that
    conflicts of interest are found the same way."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.PROTECT,
        related_name="meeting_items",
    )
    sitting = models.PositiveSmallIntegerField(
        _("sitting"),
        null=True,
        blank=True,
        help_text=_("1 for the first hearing of a check, 2 after its rectification."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    notes = models.TextField(_("discussion notes"), blank=True)
    conclusion = models.TextField(
        _("opinion of the meeting"),
        blank=True,
        help_text=_("What the minutes say the meeting advises, e.g. the amount it supports."),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=VoteChoice.choices, blank=True)
    flag = models.CharField(
        _("flag"), max_length=16, choices=ItemFlag.choices, blank=True, default=""
    )
    quorum_met = models.BooleanField(_("quorum met"), null=True, blank=True)
    tally = models.JSONField(
        _("tally"),
        default=dict,
        blank=True,
        help_text=_("Members who count, votes cast, votes needed and votes per choice."),
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "declaration"], name="declaration_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(flag=""), name="agenda_item_outcome_or_flag"
            ),
            models.CheckConstraint(
                condition=Q(sitting__isnull=True) | Q(sitting__gte=1),
                name="agenda_item_sitting_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.declaration.reference}"

    @cached_property
    def heard(self) -> Heard | None:
        """What else the item hears (a check, at a check meeting), as its kind shows it."""
        return self.meeting.agenda_kind.heard(self)


class Recusal(models.Model):
    """A panel member who takes no part in one item: found from the conflicts of
    interest, or declared at the meeting and recorded by the officer."""

    class Source(models.TextChoices):
        DETECTED = "detected", _("Conflict of interest found by Wusong")
        DECLARED = "declared", _("Declared at the meeting")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(MeetingMember, on_delete=models.CASCADE, related_name="recusals")
    reasons = models.JSONField(_("reasons"), default=list)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item__order", "item_id", "member__sort", "member_id"]
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_recusal_per_item_member")
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.member.expert}"


class Vote(models.Model):
    """One member's vote on one item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(MeetingMember, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        ordering = ["member__sort", "member_id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_item_member"),
            models.CheckConstraint(
                condition=Q(choice__in=[*SELECTION.choices, *CHECK.choices]),
                name="vote_choice_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.member.expert} · {self.choice}"
