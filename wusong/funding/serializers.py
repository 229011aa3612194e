"""How agreements and the equity ledger look in the REST API. Amounts are decimal strings
in yuan; units are shares or yuan of registered capital as the company's form says."""

from rest_framework import serializers

from .models import (
    Agreement,
    Amendment,
    Conversion,
    ConvertiblePosition,
    FinancingRound,
    RoundInvestor,
    ServiceFee,
    Tranche,
)
from .step_labels import labelled


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


class ConversionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conversion
        fields = [
            "id",
            "position",
            "financing_round",
            "kind",
            "price_rule",
            "price",
            "units",
            "amount",
            "amount_converted",
            "residual_amount",
            "residual_treatment",
            "stake_after_percent",
            "confirmed_at",
            "inputs",
            "result",
        ]

    def to_representation(self, instance):
        """The kernel's inputs and result as recorded, each step and check labelled in
        the reader's language (`label`) beside the kernel's English (`label_en`)."""
        data = super().to_representation(instance)
        data["inputs"] = labelled(data["inputs"])
        data["result"] = labelled(data["result"])
        return data


class PositionSerializer(serializers.ModelSerializer):
    agreement = serializers.CharField(source="agreement.reference", read_only=True)
    agreement_id = serializers.IntegerField(read_only=True)
    holder = serializers.CharField(source="holder.name", read_only=True)
    company = serializers.CharField(source="company.name", read_only=True)
    company_id = serializers.IntegerField(read_only=True)
    amount_now = serializers.SerializerMethodField()
    conversion = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ConvertiblePosition
        fields = [
            "id",
            "agreement",
            "agreement_id",
            "holder",
            "company",
            "company_id",
            "instrument",
            "state",
            "residual_of",
            "claim_amount",
            "amount",
            "amount_now",
            "written_off_amount",
            "repayable_amount",
            "opened_at",
            "closed_at",
            "conversion",
        ]

    def get_amount_now(self, position) -> str | None:
        """While open: what would convert today (paid out, or accrued)."""
        if position.state != "open":
            return None
        from django.utils import timezone

        from .ledger import position_amount

        try:
            amount, _basis = position_amount(position, timezone.localdate())
        except ValueError:
            return None
        return str(amount)


class RoundInvestorSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoundInvestor
        fields = ["name", "amount", "market", "units"]


class RoundSerializer(serializers.ModelSerializer):
    company = serializers.CharField(source="company.organisation.name", read_only=True)
    company_id = serializers.IntegerField(source="company.organisation_id", read_only=True)
    form = serializers.CharField(source="company.form", read_only=True)
    investors = RoundInvestorSerializer(many=True, read_only=True)

    class Meta:
        model = FinancingRound
        fields = [
            "id",
            "company",
            "company_id",
            "form",
            "name",
            "date",
            "price_per_unit",
            "pre_money_valuation",
            "units_before",
            "round_price",
            "investors",
            "cap_table_before",
        ]


class HoldingRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="holding.pk")
    company = serializers.CharField(source="company.name")
    company_id = serializers.IntegerField(source="company.pk")
    holder = serializers.CharField(source="holding.holder.name")
    unit_class = serializers.CharField()
    units = serializers.DecimalField(max_digits=20, decimal_places=2)
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    mark = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    multiple = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    state = serializers.CharField()
    acquired_on = serializers.DateField(source="holding.acquired_on")


FIGURES = [
    "committed",
    "disbursed",
    "converted",
    "written_off",
    "repayable",
    "held_at_cost",
    "held_at_mark",
    "exited_at_cost",
    "proceeds",
    "realised_gain",
    "team_reward",
    "returned_to_pool",
]


class FiguresSerializer(serializers.Serializer):
    agreements = serializers.IntegerField()
    open_positions = serializers.IntegerField()

    def get_fields(self):
        fields = super().get_fields()
        for name in FIGURES:
            fields[name] = serializers.DecimalField(max_digits=18, decimal_places=2)
        return fields


class PortfolioRowSerializer(FiguresSerializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class PortfolioSerializer(serializers.Serializer):
    by = serializers.CharField()
    totals = FiguresSerializer()
    rows = PortfolioRowSerializer(many=True)


class CapTableLineSerializer(serializers.Serializer):
    name = serializers.CharField()
    units = serializers.DecimalField(max_digits=20, decimal_places=2)
    stake_percent = serializers.DecimalField(max_digits=9, decimal_places=4)
    ours = serializers.BooleanField()


class CapTableSerializer(serializers.Serializer):
    company = serializers.CharField(source="company.name")
    company_id = serializers.IntegerField(source="company.pk")
    form = serializers.CharField()
    units = serializers.DecimalField(max_digits=20, decimal_places=2)
    lines = CapTableLineSerializer(many=True)
    not_itemised = serializers.DecimalField(max_digits=20, decimal_places=2)
    our_units = serializers.DecimalField(max_digits=20, decimal_places=2)
    our_stake_percent = serializers.DecimalField(max_digits=9, decimal_places=4)
    our_rank = serializers.IntegerField(allow_null=True)
    mark = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)
    rounds = RoundSerializer(many=True)


class PreviewRequestSerializer(serializers.Serializer):
    """The kernel's inputs as JSON: numbers as decimal strings, dates as ISO strings."""

    position = serializers.JSONField(help_text='{"amount": "5000000.00", "instrument": …}')
    terms = serializers.JSONField(help_text='{"agreement_date", "deadline", "fallback", …}')
    round = serializers.JSONField(
        help_text='{"date", "company", "investors", "price_per_unit" | …}'
    )


class PositionPreviewSerializer(serializers.Serializer):
    round_id = serializers.IntegerField(required=False, help_text="A recorded round.")
    round = serializers.JSONField(
        required=False,
        help_text='A round not recorded yet: {"date", "price_per_unit" | '
        '"pre_money_valuation", "investors": [{"name", "amount", "market"}]}; the '
        "company's units and holders default to its equity on the ledger.",
    )

    def validate(self, attrs):
        if ("round_id" in attrs) == ("round" in attrs):
            raise serializers.ValidationError("Give either round_id or round, not both.")
        return attrs


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
