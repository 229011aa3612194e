"""How programmes, calls and declarations look in the REST API, and how input is parsed.

Parsing only: what a declaration may become, and who may change it, is decided by
`services` and `permissions`. Amounts are decimal strings in yuan; `*_wan` fields are
the same amounts in 万元, read-only.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wusong.kernels.money import yuan_to_wan

from . import selectors
from .models import Attachment, Call, CallField, Declaration, Milestone, Programme, TeamMember
from .services import DECLARATION_FIELDS
from .states import State


def wan(yuan) -> str | None:
    """Yuan as 万元, exact to the fen, at least two decimals: 5000000 -> "500.00"."""
    if yuan is None:
        return None
    exact = yuan_to_wan(yuan, 6).normalize()
    places = max(2, -exact.as_tuple().exponent)
    return f"{exact:.{places}f}"


@extend_schema_field({"type": "string", "format": "decimal", "readOnly": True})
class WanField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return wan(value)


def state_field(workflow_states) -> serializers.CharField:
    """The state as its code. (Not an enum in the schema: every app has a `state`.)"""
    return serializers.CharField(
        read_only=True, help_text=" | ".join(str(v) for v in workflow_states.values)
    )


class ProgrammeSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    calls = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "label",
            "kind",
            "kind_display",
            "description",
            "funder",
            "calls",
        ]


class CallFieldSerializer(serializers.ModelSerializer):
    label_display = serializers.CharField(source="display_label", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    choices = serializers.ListField(
        source="choice_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = CallField
        fields = [
            "key",
            "label",
            "label_en",
            "label_display",
            "kind",
            "kind_display",
            "required",
            "choices",
            "help_text",
        ]


class CallSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    programme_label = serializers.CharField(source="programme.label", read_only=True)
    budget_wan = WanField(source="budget")
    is_open = serializers.SerializerMethodField()
    extra_fields = CallFieldSerializer(source="fields", many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "code",
            "programme",
            "programme_label",
            "name",
            "name_en",
            "label",
            "description",
            "open_all_year",
            "opens_at",
            "closes_at",
            "is_open",
            "budget",
            "budget_wan",
            "quota",
            "extra_fields",
        ]

    def get_is_open(self, call) -> bool:
        return call.is_open()


class TeamMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMember
        fields = ["name", "role", "title", "affiliation", "is_lead"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["title", "due", "deliverable"]


class AttachmentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    uploaded_by = serializers.StringRelatedField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_display",
            "original_name",
            "file_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, att) -> str:
        url = reverse(
            "api:declaration-attachment-download",
            kwargs={"pk": att.declaration_id, "att_id": att.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AttachmentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Attachment.Kind.choices)
    file = serializers.FileField(allow_empty_file=True)


class ActionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


def _answer_value(answer):
    value = answer.value
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class DeclarationSerializer(serializers.ModelSerializer):
    """A declaration as its reader sees it, with what the reader may do next."""

    call_label = serializers.CharField(source="call.label", read_only=True)
    programme = serializers.IntegerField(source="call.programme_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.label", read_only=True)
    created_by = serializers.StringRelatedField()
    industry_label = serializers.CharField(source="industry.label", read_only=True)
    company_status_display = serializers.CharField(
        source="get_company_status_display", read_only=True
    )
    requested_amount_wan = WanField(source="requested_amount")
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    team = TeamMemberSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    answers = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Declaration
        fields = [
            "id",
            "reference",
            "call",
            "call_label",
            "programme",
            "organisation",
            "organisation_name",
            "created_by",
            "title",
            "summary",
            "keywords",
            "industry",
            "industry_label",
            "trl",
            "company_status",
            "company_status_display",
            "company_name",
            "uscc",
            "requested_amount",
            "requested_amount_wan",
            "state",
            "state_display",
            "submitted_at",
            "resubmit_by",
            "decision_reason",
            "created_at",
            "updated_at",
            "team",
            "milestones",
            "answers",
            "attachments",
            "available_actions",
        ]
        read_only_fields = fields

    def get_answers(self, decl) -> dict:
        """Answers to the call's extra fields, keyed by field key."""
        return {a.field.key: _answer_value(a) for a in decl.answers.all()}

    def get_available_actions(self, decl) -> list[dict]:
        request = self.context.get("request")
        if request is None:
            return []
        return ActionSerializer(
            selectors.declaration_available_actions(request.user, decl), many=True
        ).data


_ANSWER_FIELDS = {
    CallField.Kind.NUMBER: lambda f: serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True
    ),
    CallField.Kind.AMOUNT: lambda f: serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True
    ),
    CallField.Kind.DATE: lambda f: serializers.DateField(allow_null=True),
    CallField.Kind.YESNO: lambda f: serializers.BooleanField(allow_null=True),
    CallField.Kind.CHOICE: lambda f: serializers.ChoiceField(
        choices=f.choice_list(), allow_blank=True, allow_null=True
    ),
    CallField.Kind.TEXT: lambda f: serializers.CharField(allow_blank=True, allow_null=True),
}


class DeclarationWriteSerializer(serializers.ModelSerializer):
    """What an applicant sends to create or change a declaration. Amounts in yuan;
    `answers` maps each of the call's extra-field keys to a value of the field's kind."""

    requested_amount = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="Yuan, as a decimal string.",
        error_messages={"min_value": _("The requested amount must be more than zero (in yuan).")},
    )
    team = TeamMemberSerializer(many=True, required=False)
    milestones = MilestoneSerializer(many=True, required=False)
    answers = serializers.DictField(required=False)

    class Meta:
        model = Declaration
        fields = [*DECLARATION_FIELDS, "team", "milestones", "answers"]

    def _call(self):
        if self.instance is not None:
            return self.instance.call
        try:
            return Call.objects.get(pk=int(self.initial_data.get("call")))
        except (Call.DoesNotExist, TypeError, ValueError):
            return None  # reported as an error of the `call` field

    def validate_answers(self, answers):
        call = self._call()
        return answers if call is None else self._parse_answers(call, answers)

    def _parse_answers(self, call, answers: dict) -> dict:
        fields = {f.key: f for f in call.fields.all()}
        parsed, errors = {}, {}
        for key, raw in answers.items():
            field = fields.get(key)
            if field is None:
                errors[key] = [
                    _("This call has no field called %(key)s; its fields are: %(keys)s.")
                    % {"key": key, "keys": ", ".join(fields) or "—"}
                ]
                continue
            parser = _ANSWER_FIELDS.get(field.kind, _ANSWER_FIELDS[CallField.Kind.TEXT])(field)
            try:
                parsed[key] = parser.run_validation(raw)
            except serializers.ValidationError as exc:
                errors[key] = exc.detail
        if errors:
            raise serializers.ValidationError(errors)
        return parsed


class DeclarationCreateSerializer(DeclarationWriteSerializer):
    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())

    class Meta(DeclarationWriteSerializer.Meta):
        fields = ["call", *DeclarationWriteSerializer.Meta.fields]


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[
            ("pass", _("Pass formal review")),
            ("return", _("Return for revision")),
            ("reject", _("Reject")),
        ]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    resubmit_by = serializers.DateTimeField(required=False, allow_null=True, default=None)


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.IntegerField(source="actor_id", allow_null=True)
    actor_name = serializers.SerializerMethodField()
    action = serializers.CharField()
    action_label = serializers.SerializerMethodField()
    changes = serializers.DictField(
        help_text="{field: [before, after]}", child=serializers.JSONField()
    )
    note = serializers.CharField()

    def get_actor_name(self, entry) -> str:
        return str(entry.actor) if entry.actor else ""

    def get_action_label(self, entry) -> str:
        return selectors.audit_action_label(entry.action)


class LastChangesSerializer(serializers.Serializer):
    resubmitted_at = serializers.DateTimeField(allow_null=True)
    resubmitted_by = serializers.CharField(allow_null=True)
    changes = serializers.DictField(
        help_text="{field: [before, after]}", child=serializers.JSONField()
    )


class DeclarationFilterSerializer(serializers.Serializer):
    """The list's query parameters."""

    call = serializers.CharField(required=False, help_text="Call id or code.")
    state = serializers.CharField(
        required=False, help_text="State code, or several separated by commas."
    )
    industry = serializers.CharField(required=False, help_text="Industry id or code.")
    amount_min = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, help_text="Yuan."
    )
    amount_max = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, help_text="Yuan."
    )
    submitted_from = serializers.DateField(required=False, help_text="Inclusive.")
    submitted_to = serializers.DateField(required=False, help_text="Inclusive.")
    ordering = serializers.ChoiceField(
        required=False,
        choices=[o for key in selectors.DECLARATION_ORDERINGS for o in (key, f"-{key}")],
        help_text="A key, prefixed with - for descending.",
    )

    def validate_state(self, value):
        codes = [c.strip() for c in value.split(",") if c.strip()]
        unknown = selectors.unknown_states(codes)
        if unknown:
            raise serializers.ValidationError(
                _("Unknown state %(codes)s; the states are: %(states)s.")
                % {"codes": ", ".join(unknown), "states": ", ".join(State.values)}
            )
        return codes

    def validate(self, attrs):
        low, high = attrs.get("amount_min"), attrs.get("amount_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"amount_min": _("The lowest amount is larger than the highest.")}
            )
        start, end = attrs.get("submitted_from"), attrs.get("submitted_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"submitted_from": _("The first date is after the last.")}
            )
        return attrs
