"""How the equity ledger looks in the REST API. Amounts are decimal strings in yuan; units
are shares or yuan of registered capital as the company's form says."""

from django.utils import timezone
from rest_framework import serializers

from .ledger import position_amount
from .models import Conversion, ConvertiblePosition, FinancingRound, RoundInvestor
from .step_labels import labelled


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
