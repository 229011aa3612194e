"""How notices and objections look in the REST API, and how input is
parsed. Amounts are decimal strings in yuan; `*_wan` fields are the same in 万元.

The public serializers carry only what a notice must show; who objected appears only in
`ObjectionOfficeSerializer`, which only the officers handling the objection receive."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wusong.calls.models import Call
from wusong.calls.serializers import WanField, state_field, wan

from .models import NoticeItem, Objection, PublicNotice
from .workflow import NoticeState, ObjectionState


class PublicItemSerializer(serializers.ModelSerializer):
    project_title = serializers.CharField(source="title", read_only=True)
    organisation = serializers.CharField(source="organisation_label", read_only=True)
    proposed_amount_wan = WanField(source="proposed_amount")

    class Meta:
        model = NoticeItem
        fields = [
            "id",
            "project_title",
            "organisation",
            "proposed_amount",
            "proposed_amount_wan",
            "dropped",
        ]


class PublicNoticeSerializer(serializers.ModelSerializer):
    call = serializers.CharField(source="call.name", read_only=True)
    programme = serializers.CharField(source="call.programme.name", read_only=True)
    items = PublicItemSerializer(many=True, read_only=True)
    state = state_field(NoticeState)
    open_for_objections = serializers.SerializerMethodField()

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "title",
            "call",
            "programme",
            "body",
            "contact",
            "state",
            "published_at",
            "period_days",
            "period_start",
            "period_end",
            "open_for_objections",
            "items",
        ]

    def get_open_for_objections(self, notice) -> bool:
        return notice.in_period()


class ObjectionFileSerializer(serializers.Serializer):
    kind = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="person | organisation"
    )
    item = serializers.IntegerField(required=False, allow_null=True, help_text="The item's id.")
    name = serializers.CharField(required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(required=False, allow_blank=True, default="")
    mobile = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    attachment = serializers.FileField(required=False, allow_null=True)


class ObjectionReceiptSerializer(serializers.ModelSerializer):
    """What the objector gets back: the receipt, not their own details echoed."""

    state = state_field(ObjectionState)

    class Meta:
        model = Objection
        fields = ["reference", "filed_at", "state"]


class OfficeItemSerializer(serializers.ModelSerializer):
    declaration_reference = serializers.CharField(source="declaration.reference", read_only=True)
    declaration_state = serializers.CharField(source="declaration.state", read_only=True)
    project_title = serializers.CharField(source="title", read_only=True)
    organisation = serializers.CharField(source="organisation_label", read_only=True)
    proposed_amount_wan = WanField(source="proposed_amount")

    class Meta:
        model = NoticeItem
        fields = [
            "id",
            "declaration",
            "declaration_reference",
            "declaration_state",
            "project_title",
            "organisation",
            "proposed_amount",
            "proposed_amount_wan",
            "dropped",
            "drop_reason",
        ]


class ObjectionSummarySerializer(serializers.ModelSerializer):
    """An objection without who filed it."""

    item = serializers.PrimaryKeyRelatedField(read_only=True)
    state = state_field(ObjectionState)

    class Meta:
        model = Objection
        fields = [
            "id",
            "reference",
            "item",
            "state",
            "filed_at",
            "reason",
            "evidence",
            "resolution",
            "resolved_at",
        ]


class ObjectionOfficeSerializer(ObjectionSummarySerializer):
    """With who filed it: for the officers handling it only."""

    has_attachment = serializers.SerializerMethodField()
    notice = serializers.PrimaryKeyRelatedField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="person | organisation")

    class Meta(ObjectionSummarySerializer.Meta):
        fields = [
            *ObjectionSummarySerializer.Meta.fields,
            "notice",
            "kind",
            "name",
            "contact_name",
            "mobile",
            "attachment_name",
            "has_attachment",
            "resolved_by",
        ]

    def get_has_attachment(self, obj) -> bool:
        return bool(obj.attachment)


class OfficeNoticeSerializer(serializers.ModelSerializer):
    state = state_field(NoticeState)
    items = OfficeItemSerializer(many=True, read_only=True)
    objections = ObjectionSummarySerializer(many=True, read_only=True)
    total_wan = serializers.SerializerMethodField()

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "call",
            "title",
            "body",
            "contact",
            "state",
            "period_days",
            "published_at",
            "period_start",
            "period_end",
            "period_estimated",
            "approved_at",
            "approved_by",
            "closing_note",
            "total_wan",
            "items",
            "objections",
        ]
        read_only_fields = fields

    def get_total_wan(self, notice) -> str:
        return wan(notice.total())


class ProposedItemSerializer(serializers.Serializer):
    declaration = serializers.IntegerField()
    proposed_amount = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0)


class NoticeWriteSerializer(serializers.Serializer):
    call = serializers.SlugRelatedField(
        slug_field="code", queryset=Call.objects.all(), required=False
    )
    title = serializers.CharField(required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True)
    contact = serializers.CharField(required=False, allow_blank=True)
    period_days = serializers.IntegerField(required=False, min_value=1, max_value=30)
    items = ProposedItemSerializer(many=True, required=False)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ResolveSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("upheld", _("Uphold")), ("dismissed", _("Dismiss"))],
        help_text="upheld | dismissed",
    )
    reason = serializers.CharField(allow_blank=True)


class OtherOutcomeSerializer(serializers.Serializer):
    declaration = serializers.IntegerField()
    outcome = serializers.ChoiceField(
        choices=[("candidate", _("Candidate")), ("not_selected", _("Not selected"))]
    )
    reason = serializers.CharField(allow_blank=True)


class ApproveSerializer(serializers.Serializer):
    others = OtherOutcomeSerializer(many=True, required=False, default=list)
