"""How post-investment records look in the REST API, and how input is parsed. Amounts
are decimal strings in yuan. Parsing only: rules live in the services."""

from rest_framework import serializers

from .dimensions import DIMENSIONS, Dimension
from .models import (
    AgreementCheck,
    Alert,
    Anchor,
    Assessment,
    CompanyReport,
    Contact,
    ExtensionRequest,
    FollowUp,
    Indicator,
    KeyTaskProgress,
    PlanItem,
    Project,
    Rating,
    Server,
    ServiceLog,
)


class AnchorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Anchor
        fields = ["value", "description", "description_en"]


class IndicatorSerializer(serializers.ModelSerializer):
    anchors = AnchorSerializer(many=True, required=False)

    class Meta:
        model = Indicator
        fields = ["id", *Indicator.EDITABLE_FIELDS, "anchors"]


class ProjectSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="declaration.reference", read_only=True)
    title = serializers.CharField(source="declaration.title", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    manager_name = serializers.CharField(source="manager.__str__", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "declaration",
            "reference",
            "title",
            "organisation",
            "organisation_name",
            "kind",
            "manager",
            "manager_name",
            "profile",
            "report_every",
            "reporting_from",
            "created_at",
        ]
        read_only_fields = fields


class ProjectFollowSerializer(serializers.Serializer):
    declaration = serializers.IntegerField()
    reporting_from = serializers.DateField(required=False)
    profile = serializers.CharField(required=False, allow_blank=True)


class ProjectUpdateSerializer(serializers.Serializer):
    profile = serializers.CharField(required=False, allow_blank=True)
    report_every = serializers.ChoiceField(choices=Project.ReportEvery.choices, required=False)
    reporting_from = serializers.DateField(required=False)


class ScoreSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    value = serializers.IntegerField()
    scale_min = serializers.IntegerField()
    scale_max = serializers.IntegerField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    comment = serializers.CharField()


class AssessmentSerializer(serializers.ModelSerializer):
    items = ScoreSerializer(many=True, read_only=True)
    assessed_by_name = serializers.CharField(source="assessed_by.__str__", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "project",
            "kind",
            "assessed_on",
            "assessed_by",
            "assessed_by_name",
            "self_assessment",
            *DIMENSIONS,
            "overall",
            "weakest",
            "summary",
            "items",
        ]
        read_only_fields = fields


class AssessmentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Assessment.Kind.choices)
    scores = serializers.DictField(
        child=serializers.JSONField(),
        help_text="{indicator code: score} or {indicator code: [score, comment]}.",
    )
    assessed_on = serializers.DateField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class PlanItemSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.__str__", read_only=True)

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "project",
            "source",
            "dimension",
            "score_then",
            "kind",
            "title",
            "counterparts",
            "owner_user",
            "owner_agency",
            "owner_name",
            "due",
            "state",
            "outcome",
            "closed_at",
        ]
        read_only_fields = fields


class PlanItemInputSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    kind = serializers.ChoiceField(choices=PlanItem.Kind.choices)
    title = serializers.CharField(required=False, allow_blank=True, default="")
    counterparts = serializers.CharField(required=False, allow_blank=True, default="")
    owner_user = serializers.IntegerField(required=False)
    owner_agency = serializers.IntegerField(required=False)
    due = serializers.DateField()


class PlanFromAssessmentSerializer(serializers.Serializer):
    due = serializers.DateField(required=False)
    owner_user = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="a person (the manager if none)"
    )
    owner_agency = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="a service agency"
    )
    counterparts = serializers.DictField(child=serializers.CharField(), required=False)


class TextSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class ServerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Server
        fields = ["id", "project", "role", "user", "agency", "name", "active", "since"]
        read_only_fields = fields


class ServerInputSerializer(serializers.Serializer):
    user = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="a mentor, broker or staff"
    )
    agency = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="a service agency"
    )


class ServiceLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceLog
        fields = [
            "id",
            "project",
            "server",
            "plan_item",
            "kind",
            "on",
            "hours",
            "outcome",
            "logged_by",
        ]
        read_only_fields = ["id", "project", "server", "logged_by"]


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "server", "stars", "comment", "rated_by", "rated_at"]
        read_only_fields = ["id", "server", "rated_by", "rated_at"]


class KeyTaskProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyTaskProgress
        fields = ["kind", "percent", "note"]


class CompanyReportSerializer(serializers.ModelSerializer):
    tasks = KeyTaskProgressSerializer(many=True, read_only=True)
    runway_months = serializers.DecimalField(max_digits=10, decimal_places=1, read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = CompanyReport
        fields = [
            "id",
            "project",
            "year",
            "period",
            "months",
            "label",
            "revenue",
            "rd_spend",
            "headcount",
            "patents_filed",
            "patents_granted",
            "financing_raised",
            "cash_balance",
            "monthly_burn",
            "runway_months",
            "risks",
            "tasks",
            "state",
            "submitted_at",
            "return_reason",
        ]
        read_only_fields = fields


class CompanyReportInputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    period = serializers.IntegerField()
    revenue = serializers.DecimalField(max_digits=16, decimal_places=2)
    rd_spend = serializers.DecimalField(max_digits=16, decimal_places=2)
    headcount = serializers.IntegerField(min_value=0)
    patents_filed = serializers.IntegerField(min_value=0, default=0)
    patents_granted = serializers.IntegerField(min_value=0, default=0)
    financing_raised = serializers.DecimalField(max_digits=16, decimal_places=2, default=0)
    cash_balance = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    monthly_burn = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    risks = serializers.CharField(required=False, allow_blank=True, default="")
    tasks = KeyTaskProgressSerializer(many=True, required=False)
    submit = serializers.BooleanField(default=False)


class AlertSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alert
        fields = [
            "id",
            "project",
            "report",
            "kind",
            "period",
            "message",
            "raised_at",
            "resolved_at",
            "resolution",
        ]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "project", "kind", "on", "note", "by"]
        read_only_fields = ["id", "project", "by"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "project", "name", "role", "phone", "email"]
        read_only_fields = ["id", "project"]


class InviteSerializer(serializers.Serializer):
    call = serializers.IntegerField()


class ExtensionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "agreement",
            "current_end",
            "new_end",
            "reason",
            "state",
            "requested_by",
            "requested_on",
            "decided_by",
            "decided_on",
            "decision_note",
        ]
        read_only_fields = fields


class ExtensionInputSerializer(serializers.Serializer):
    agreement = serializers.IntegerField()
    new_end = serializers.DateField()
    reason = serializers.CharField()


class CheckInputSerializer(serializers.Serializer):
    agreement = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AgreementCheck.Kind.choices)
    scheduled_on = serializers.DateField()


class ExtensionDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AgreementCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementCheck
        fields = [
            "id",
            "agreement",
            "kind",
            "scheduled_on",
            "state",
            "decided_on",
            "findings",
            "rectify_by",
            "rectification",
            "rectified_on",
            "consequence",
        ]
        read_only_fields = fields


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["pass", "rectify", "fail"])
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    rectify_months = serializers.IntegerField(required=False, default=3)
    consequence = serializers.CharField(required=False, allow_blank=True, default="")


class CheckMeetingSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="a scheduled check meeting of the same call to add the check to; "
        "leave out to schedule a new one",
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    starts_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
