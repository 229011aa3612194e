"""How agreements, what accrues under them and their amendments look in the REST API.
Amounts are decimal strings in yuan."""

from rest_framework import serializers

from .models import Agreement, Amendment, ServiceFee, Tranche


class TrancheSerializer(serializers.ModelSerializer):
    milestone = serializers.CharField(source="milestone.title", default=None, read_only=True)

    class Meta:
        model = Tranche
        fields = ["seq", "amount", "state", "milestone", "released_at"]


class AgreementSerializer(serializers.ModelSerializer):
    funder = serializers.CharField(source="funder.name", read_only=True)
    recipient = serializers.CharField(source="recipient.name", read_only=True)
    recipient_id = serializers.IntegerField(read_only=True)
    declaration = serializers.CharField(source="declaration.reference", read_only=True)
    call = serializers.IntegerField(source="declaration.call_id", read_only=True)
    programme = serializers.IntegerField(source="declaration.call.programme_id", read_only=True)
    instrument_display = serializers.CharField(source="get_instrument_display", read_only=True)
    tranches = TrancheSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "reference",
            "declaration",
            "call",
            "programme",
            "funder",
            "recipient",
            "recipient_id",
            "instrument",
            "instrument_display",
            "total_amount",
            "grant_amount",
            "terms",
            "start_date",
            "end_date",
            "state",
            "funder_signed_at",
            "recipient_signed_at",
            "tranches",
        ]


class ServiceFeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceFee
        fields = ["id", "date", "amount", "provider", "description", "reference", "recorded_at"]


class ServiceFeesSerializer(serializers.Serializer):
    """A services-first agreement's fees, what they add up to from its start, and what
    of it converts, within the agreement's amount."""

    fees = ServiceFeeSerializer(many=True)
    accrued = serializers.DecimalField(max_digits=16, decimal_places=2)
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    capped = serializers.BooleanField()


class ServiceFeeInputSerializer(serializers.Serializer):
    date = serializers.DateField()
    amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="The fee in yuan, as a decimal string."
    )
    provider = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=300, required=False, default="")
    reference = serializers.CharField(
        max_length=60,
        required=False,
        default="",
        help_text="Invoice or service record number; each is recorded once.",
    )


class AmendmentSerializer(serializers.ModelSerializer):
    made_by = serializers.CharField(source="made_by.__str__", read_only=True)

    class Meta:
        model = Amendment
        fields = ["seq", "reason", "changes", "made_by", "made_at"]


class TermsAmendmentSerializer(serializers.Serializer):
    reason = serializers.CharField()
    terms = serializers.JSONField(
        help_text="The agreement's whole new terms, as `GET /api/agreements/{id}/` shows them."
    )


class RentChangeSerializer(serializers.Serializer):
    effective = serializers.DateField(help_text="The new rent applies from this date.")
    monthly_rent_per_m2 = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text="Yuan per m² a month; 0 is rent-free.",
    )
    reason = serializers.CharField()
