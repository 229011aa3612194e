"""How industries and organisations look in the REST API, and how input is parsed."""

from rest_framework import serializers

from .models import Industry, Organisation


class IndustrySerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Industry
        fields = ["id", "code", "name", "name_en", "label"]


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation. The unified social credit code is checked, check character
    included; a wrong one is reported with the character it should be."""

    label = serializers.CharField(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "name_en",
            "label",
            "kind",
            "kind_display",
            "uscc",
            "parent",
            "park",
            "address",
            "contact_name",
            "contact_phone",
            "fictional",
        ]
        read_only_fields = ["fictional"]

    def validate_uscc(self, value):
        return value.strip().upper().replace(" ", "") if value else None


class OrganisationAuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.IntegerField(source="actor_id", allow_null=True)
    actor_name = serializers.SerializerMethodField()
    action = serializers.CharField()
    changes = serializers.DictField(
        help_text="{field: [before, after]}", child=serializers.JSONField()
    )
    note = serializers.CharField()

    def get_actor_name(self, entry) -> str:
        return str(entry.actor) if entry.actor else ""
