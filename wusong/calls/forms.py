"""Forms for declaring: the declaration itself, its team, its milestones and the call's
extra fields. Amounts are typed in 万元 and stored in yuan."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.kernels.money import AmountError, plain, wan_to_yuan, yuan_to_wan
from wusong.registry.models import Industry

from .models import Attachment, CallField, Declaration
from .services import DECLARATION_FIELDS
from .states import State


class DeclarationForm(forms.ModelForm):
    requested_wan = forms.DecimalField(
        label=_("Requested amount (万元)"),
        min_value=Decimal("0.0001"),
        max_digits=14,
        decimal_places=4,
        help_text=_("In 万元 (ten thousand yuan), e.g. 500 for RMB 5,000,000."),
    )

    class Meta:
        model = Declaration
        # The requested amount is typed in 万元, as `requested_wan`.
        fields = [f for f in DECLARATION_FIELDS if f != "requested_amount"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "trl": forms.Select(choices=[(i, str(i)) for i in range(1, 10)]),
        }
        help_texts = {"keywords": _("Separate keywords with commas.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.requested_amount is not None:
            self.initial["requested_wan"] = plain(yuan_to_wan(self.instance.requested_amount, 4))
        self.fields["uscc"].help_text = _(
            "Required when a company exists: 18 characters from the business licence."
        )

    def clean_uscc(self):
        return (self.cleaned_data.get("uscc") or "").strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("company_status") not in (None, "", Declaration.CompanyStatus.NONE):
            if not data.get("uscc") and "uscc" not in self.errors:
                self.add_error(
                    "uscc", _("A company exists, so its unified social credit code is required.")
                )
            if not data.get("company_name"):
                self.add_error("company_name", _("Give the company's registered name."))
        return data

    def service_data(self) -> dict:
        data = {f: self.cleaned_data[f] for f in self.Meta.fields}
        try:
            data["requested_amount"] = wan_to_yuan(self.cleaned_data["requested_wan"])
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    role = forms.CharField(label=_("Role in the project"), max_length=60, required=False)
    title = forms.CharField(label=_("Job title"), max_length=60, required=False)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=200, required=False)
    is_lead = forms.BooleanField(label=_("Lead"), required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(
        label=_("Expected by"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    deliverable = forms.CharField(label=_("Deliverable or measure"), max_length=300, required=False)


class BaseRowsFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


TeamFormSet = forms.formset_factory(
    TeamMemberForm, formset=BaseRowsFormSet, extra=2, can_delete=True
)
MilestoneFormSet = forms.formset_factory(
    MilestoneForm, formset=BaseRowsFormSet, extra=2, can_delete=True
)


def team_initial(decl) -> list[dict]:
    return [
        {
            "name": m.name,
            "role": m.role,
            "title": m.title,
            "affiliation": m.affiliation,
            "is_lead": m.is_lead,
        }
        for m in decl.team.all()
    ]


def milestone_initial(decl) -> list[dict]:
    return [
        {"title": m.title, "due": m.due, "deliverable": m.deliverable}
        for m in decl.milestones.all()
    ]


class ExtraFieldsForm(forms.Form):
    """The call's own questions, one form field per CallField."""

    def __init__(self, call, *args, declaration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call_fields = list(call.fields.all())
        answers = {}
        if declaration is not None and declaration.pk:
            answers = {a.field_id: a.value for a in declaration.answers.select_related("field")}
        for field in self.call_fields:
            self.fields[field.key] = self._form_field(field)
            if field.pk in answers:
                self.initial[field.key] = answers[field.pk]

    @staticmethod
    def _form_field(field: CallField) -> forms.Field:
        common = {"label": field.display_label, "required": False, "help_text": field.help_text}
        kind = field.kind
        if kind == CallField.Kind.NUMBER:
            return forms.DecimalField(max_digits=20, decimal_places=4, **common)
        if kind == CallField.Kind.AMOUNT:
            return forms.DecimalField(max_digits=14, decimal_places=4, min_value=0, **common)
        if kind == CallField.Kind.DATE:
            return forms.DateField(
                widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}), **common
            )
        if kind == CallField.Kind.CHOICE:
            choices = [("", "—")] + [(c, c) for c in field.choice_list()]
            return forms.ChoiceField(choices=choices, **common)
        if kind == CallField.Kind.YESNO:
            return forms.TypedChoiceField(
                choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))],
                coerce=lambda v: v == "1",
                empty_value=None,
                **common,
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)

    def answers(self) -> dict:
        return {f.key: self.cleaned_data.get(f.key) for f in self.call_fields}


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, PNG or JPG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )


class FormalReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("pass", _("Pass")),
            ("return", _("Return for revision")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to return or reject: the applicant reads them."),
    )
    resubmit_by = forms.DateTimeField(
        label=_("Resubmit by"),
        required=False,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        help_text=_("Only when returning; ten days from now if left empty."),
    )


class DeclarationFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    industry = forms.ModelChoiceField(label=_("Industry"), queryset=None, required=False)
    amount_min = forms.DecimalField(label=_("Amount from (万元)"), required=False, min_value=0)
    amount_max = forms.DecimalField(label=_("to (万元)"), required=False, min_value=0)
    submitted_from = forms.DateField(
        label=_("Submitted from"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    submitted_to = forms.DateField(
        label=_("to"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    ordering = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-submitted_at", _("Submitted, newest first")),
            ("submitted_at", _("Submitted, oldest first")),
            ("-requested_amount", _("Amount, largest first")),
            ("requested_amount", _("Amount, smallest first")),
            ("title", _("Project title")),
            ("state", _("State")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states"))] + [
            (s.value, s.label) for s in State if s != State.DRAFT
        ]
        self.fields["industry"].queryset = Industry.objects.all()
        self.fields["industry"].empty_label = _("All industries")
