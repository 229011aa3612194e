"""How review meetings look in the REST API, and how input is parsed. The office sees
the panel, recusals and every vote; a panel member sees only the items they are not
recused on and their own votes."""

from django.urls import reverse
from rest_framework import serializers

from wusong.calls.models import Call
from wusong.calls.serializers import state_field

from . import permissions
from .models import AgendaItem, Meeting, MeetingMember, Recusal, Vote, VoteChoice
from .selectors import member_items
from .workflow import MeetingState


class MemberSerializer(serializers.ModelSerializer):
    expert = serializers.IntegerField(source="expert_id", read_only=True)
    name = serializers.CharField(source="expert.name", read_only=True)
    organisation = serializers.CharField(source="expert.organisation.name", read_only=True)

    class Meta:
        model = MeetingMember
        fields = ["id", "expert", "name", "organisation", "present"]


class RecusalSerializer(serializers.ModelSerializer):
    expert = serializers.IntegerField(source="member.expert_id", read_only=True)
    name = serializers.CharField(source="member.expert.name", read_only=True)

    class Meta:
        model = Recusal
        fields = ["expert", "name", "reasons", "source"]


VOTES = "approve | candidate | reject (selection); pass | rectify | fail (check)"


class VoteSerializer(serializers.ModelSerializer):
    expert = serializers.IntegerField(source="member.expert_id", read_only=True)
    name = serializers.CharField(source="member.expert.name", read_only=True)
    choice = serializers.CharField(read_only=True, help_text=VOTES)

    class Meta:
        model = Vote
        fields = ["expert", "name", "choice", "comment", "recorded_at"]


class ItemSerializer(serializers.ModelSerializer):
    declaration = serializers.IntegerField(source="declaration_id", read_only=True)
    reference = serializers.CharField(source="declaration.reference", read_only=True)
    title = serializers.CharField(source="declaration.title", read_only=True)
    organisation = serializers.CharField(source="declaration.organisation.name", read_only=True)
    votes = VoteSerializer(many=True, read_only=True)
    recusals = RecusalSerializer(many=True, read_only=True)
    outcome = serializers.CharField(
        read_only=True, help_text=f"{VOTES}, or empty when the item has no outcome"
    )
    flag = serializers.CharField(read_only=True, help_text="quorum_not_met | no_majority | empty")
    check = serializers.IntegerField(
        source="heard.pk",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="the mid-term check or acceptance heard (check meetings)",
    )
    check_kind = serializers.CharField(
        source="heard.kind", read_only=True, default=None, help_text="midterm | acceptance"
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "order",
            "check",
            "check_kind",
            "sitting",
            "declaration",
            "reference",
            "title",
            "organisation",
            "notes",
            "conclusion",
            "recusals",
            "votes",
            "outcome",
            "flag",
            "quorum_met",
            "tally",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    call = serializers.CharField(source="call.code", read_only=True)
    state = state_field(MeetingState)
    chair = serializers.IntegerField(source="chair_id", read_only=True, allow_null=True)
    members = MemberSerializer(many=True, read_only=True)
    items = ItemSerializer(many=True, read_only=True)
    minutes_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "call",
            "purpose",
            "review_round",
            "title",
            "starts_at",
            "place",
            "chair",
            "quorum_numerator",
            "quorum_denominator",
            "quorum_min_votes",
            "members_vote_themselves",
            "state",
            "opened_at",
            "closed_at",
            "closing_note",
            "members",
            "items",
            "minutes_url",
        ]
        read_only_fields = fields

    def get_minutes_url(self, meeting) -> str:
        return reverse("documents:minutes_pdf", args=[meeting.pk])


class MeetingWriteSerializer(serializers.Serializer):
    call = serializers.SlugRelatedField(
        slug_field="code", queryset=Call.objects.all(), required=False
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    starts_at = serializers.DateTimeField(required=False)
    place = serializers.CharField(required=False, max_length=200)
    review_round = serializers.IntegerField(required=False, allow_null=True)
    chair = serializers.IntegerField(required=False, allow_null=True, help_text="expert id")
    quorum_numerator = serializers.IntegerField(required=False, min_value=1)
    quorum_denominator = serializers.IntegerField(required=False, min_value=1)
    quorum_min_votes = serializers.IntegerField(required=False, min_value=1)
    members_vote_themselves = serializers.BooleanField(required=False)
    experts = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="the panel: expert ids"
    )
    declarations = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="the agenda: declaration ids, in order",
    )


class ExpertsSerializer(serializers.Serializer):
    experts = serializers.ListField(child=serializers.IntegerField(), help_text="expert ids")


class DeclarationsSerializer(serializers.Serializer):
    declarations = serializers.ListField(
        child=serializers.IntegerField(), help_text="declaration ids, in order"
    )


class PanelDrawSerializer(serializers.Serializer):
    size = serializers.IntegerField(min_value=1, max_value=99)
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    absent = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class NotesSerializer(serializers.Serializer):
    notes = serializers.CharField(allow_blank=True)
    conclusion = serializers.CharField(allow_blank=True, required=False)


class VoteInputSerializer(serializers.Serializer):
    expert = serializers.IntegerField(required=False, help_text="whose vote (officers)")
    choice = serializers.ChoiceField(choices=VoteChoice.choices, help_text=VOTES)
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class RecusalInputSerializer(serializers.Serializer):
    expert = serializers.IntegerField()
    reason = serializers.CharField(allow_blank=True)


class DeskItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.id")
    title = serializers.CharField(source="item.declaration.title")
    organisation = serializers.CharField(source="item.declaration.organisation.name")
    check_kind = serializers.CharField(source="item.heard.kind", default=None)
    sitting = serializers.IntegerField(source="item.sitting", allow_null=True)
    my_vote = serializers.CharField(source="vote.choice", default=None, allow_null=True)
    my_comment = serializers.CharField(source="vote.comment", default=None, allow_null=True)


class DeskMeetingSerializer(serializers.ModelSerializer):
    state = state_field(MeetingState)
    present = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "starts_at",
            "place",
            "purpose",
            "state",
            "members_vote_themselves",
            "present",
            "items",
        ]

    def _member(self, meeting):
        return permissions.membership_of(self.context["request"].user, meeting)

    def get_present(self, meeting) -> bool | None:
        member = self._member(meeting)
        return member.present if member else None

    def get_items(self, meeting) -> list[dict]:
        member = self._member(meeting)
        if member is None:
            return []
        return DeskItemSerializer(member_items(member), many=True).data


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)
