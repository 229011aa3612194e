"""How expert review looks in the REST API, and how input is parsed. Parsing only: the
rules are in `services` and `permissions`. An expert's view never carries another
expert's identity or scores."""

from rest_framework import serializers

from wusong.calls.models import Call, Declaration
from wusong.registry.models import Organisation

from .models import (
    Assignment,
    Criterion,
    DuplicateFlag,
    Expert,
    ExpertFee,
    ExpertRating,
    PairRule,
    ReviewRound,
    Rubric,
    ScoreSheet,
)
from .services.assignment import ROUND_SETTINGS
from .services.pool import EXPERT_FIELDS


class ExpertFeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertFee
        fields = ["id", "round", "occasion", "amount", "recorded_at"]
        read_only_fields = ["id", "recorded_at"]


class ExpertRatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertRating
        fields = ["id", "round", "rating", "comment", "rated_at"]
        read_only_fields = ["id", "rated_at"]


class ExpertSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    account = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="when adding: an existing account's user name, to add that person to the "
        "pool instead of creating an account from the mobile or e-mail",
    )
    fees = ExpertFeeSerializer(many=True, read_only=True)
    ratings = ExpertRatingSerializer(many=True, read_only=True)

    class Meta:
        model = Expert
        fields = [
            "id",
            "username",
            "account",
            "organisation",
            "organisation_name",
            *EXPERT_FIELDS,
            "fees",
            "ratings",
        ]


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["code", "group", "name", "name_en", "weight", "min_score", "max_score", "anchors"]


class RubricSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Rubric
        fields = ["id", "code", "name", "name_en", "criteria"]


class ReviewRoundSerializer(serializers.ModelSerializer):
    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    rubric = serializers.PrimaryKeyRelatedField(queryset=Rubric.objects.all(), required=False)

    class Meta:
        model = ReviewRound
        fields = [
            "id",
            "call",
            *ROUND_SETTINGS,
            "method",
            "seed",
            "state",
            "result",
            "declarations",
        ]
        read_only_fields = ["method", "seed", "state", "result", "declarations"]
        extra_kwargs = {"name": {"required": False}}


class DrawSerializer(serializers.Serializer):
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class PanelInputSerializer(serializers.Serializer):
    size = serializers.IntegerField(min_value=1, max_value=99)
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class PairRuleSerializer(serializers.ModelSerializer):
    declaration = serializers.PrimaryKeyRelatedField(queryset=Declaration.objects.all())
    expert = serializers.PrimaryKeyRelatedField(queryset=Expert.objects.all())
    kind = serializers.ChoiceField(choices=PairRule.Kind.choices, required=False)

    class Meta:
        model = PairRule
        fields = ["declaration", "expert", "kind"]
        validators = []


class OfficerAssignmentSerializer(serializers.ModelSerializer):
    """The officer's view of one assignment: who, what, how close, in which state."""

    expert_name = serializers.CharField(source="expert.name", read_only=True)
    reference = serializers.CharField(source="declaration.reference", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "declaration",
            "reference",
            "expert",
            "expert_name",
            "affinity",
            "pinned",
            "source",
            "state",
            "withdrawn_reason",
        ]


class DuplicateFlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuplicateFlag
        fields = [
            "id",
            "first",
            "second",
            "similarity",
            "shared_members",
            "reasons",
            "decision",
            "note",
        ]
        read_only_fields = ["first", "second", "similarity", "shared_members", "reasons"]


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(source="row.rank")
    adjusted_rank = serializers.IntegerField(source="row.adjusted_rank")
    declaration = serializers.IntegerField(source="declaration.pk")
    reference = serializers.CharField(source="declaration.reference")
    title = serializers.CharField(source="declaration.title")
    sheets = serializers.IntegerField(source="row.sheets")
    mean = serializers.DecimalField(source="row.mean", max_digits=10, decimal_places=4)
    adjusted = serializers.DecimalField(source="row.adjusted", max_digits=10, decimal_places=4)
    spread = serializers.DecimalField(source="row.spread", max_digits=10, decimal_places=4)
    disagreement = serializers.BooleanField(source="row.disagreement")
    disagreement_reasons = serializers.ListField(source="row.disagreement_reasons")
    recommendations = serializers.DictField(source="row.recommendations")
    scores = serializers.SerializerMethodField()

    def get_scores(self, line) -> list[dict]:
        return [
            {
                "expert": s.assignment.expert_id,
                "expert_name": s.assignment.expert.name,
                "total": str(s.total),
                "recommendation": s.recommendation,
                "comment": s.comment,
            }
            for s in line.sheets
        ]


class SheetSerializer(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = ScoreSheet
        fields = ["state", "scores", "comment", "recommendation", "total", "submitted_at"]

    def get_scores(self, sheet) -> dict:
        return {s.criterion.code: str(s.score) for s in sheet.scores.select_related("criterion")}


class DeskAssignmentSerializer(serializers.ModelSerializer):
    """The expert's own assignment. Before the commitment and the conflict check it shows
    only what they need to judge a conflict; then the declaration itself."""

    round_name = serializers.CharField(source="round.name", read_only=True)
    deadline = serializers.DateTimeField(source="round.deadline", read_only=True)
    committed = serializers.SerializerMethodField()
    declaration = serializers.SerializerMethodField()
    sheet = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "round",
            "round_name",
            "deadline",
            "committed",
            "no_conflict_confirmed_at",
            "declaration",
            "sheet",
        ]

    def get_committed(self, a) -> bool:
        return a.round.commitments.filter(expert=a.expert).exists()

    def get_declaration(self, a) -> dict:
        d = a.declaration
        out = {"reference": d.reference}
        if self.get_committed(a):
            out.update(
                title=d.title,
                organisation=str(d.organisation),
                company_name=d.company_name,
                team=[m.name for m in d.team.all()],
            )
        if self.get_committed(a) and a.no_conflict_confirmed_at:
            out.update(
                summary=d.summary,
                keywords=d.keywords,
                industry=str(d.industry),
                trl=d.trl,
                requested_amount=str(d.requested_amount),
                milestones=[
                    {"due": m.due.isoformat(), "title": m.title, "deliverable": m.deliverable}
                    for m in d.milestones.all()
                ],
                attachments=[
                    {"id": f.pk, "kind": f.kind, "name": f.original_name}
                    for f in d.attachments.all()
                ],
                rubric=RubricSerializer(a.round.rubric).data,
            )
        return out

    def get_sheet(self, a) -> dict | None:
        sheet = ScoreSheet.objects.filter(assignment=a).first()
        return SheetSerializer(sheet).data if sheet else None


class ScoreInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.CharField(allow_blank=True, allow_null=True))
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.ChoiceField(
        choices=[("", "—"), *ScoreSheet.Recommendation.choices], required=False, default=""
    )
    submit = serializers.BooleanField(required=False, default=False)


class ConflictInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


class CommitInputSerializer(serializers.Serializer):
    round = serializers.IntegerField()
