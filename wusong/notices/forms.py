"""Forms for notices and objections. Amounts are typed in 万元 and stored in yuan.

Required-ness of an objection's fields is checked by the service, so that the page
and the API give the same words; the form only parses."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.kernels.money import plain, wan_to_yuan, yuan_to_wan

from .models import Objection, PublicNotice


class NoticeForm(forms.ModelForm):
    """The notice and, for each passed declaration, the amount proposed (blank: not
    proposed)."""

    class Meta:
        model = PublicNotice
        fields = ["title", "period_days", "body", "contact"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4}),
            "contact": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, declarations=(), proposed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave blank for the usual title.")
        self.declarations = list(declarations)
        proposed = proposed or {}
        for decl in self.declarations:
            name = f"amount_{decl.pk}"
            self.fields[name] = forms.DecimalField(
                label=decl.title,
                required=False,
                min_value=Decimal("0.01"),
                max_digits=14,
                decimal_places=6,
            )
            if decl.pk in proposed:
                self.initial[name] = plain(yuan_to_wan(proposed[decl.pk], 6))

    def rows(self):
        return [(decl, self[f"amount_{decl.pk}"]) for decl in self.declarations]

    def items(self):
        """[(declaration, yuan)] for the amounts filled in."""
        return [
            (decl, wan_to_yuan(self.cleaned_data[f"amount_{decl.pk}"]))
            for decl in self.declarations
            if self.cleaned_data.get(f"amount_{decl.pk}") is not None
        ]

    def notice_data(self):
        return {k: self.cleaned_data[k] for k in ("title", "period_days", "body", "contact")}


class ObjectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Objecting as"),
        choices=Objection.Kind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    item = forms.ChoiceField(label=_("Project objected to"), required=False)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Your name, or the organisation's full name."),
    )
    contact_name = forms.CharField(
        label=_("Contact person (organisations)"), max_length=60, required=False
    )
    mobile = forms.CharField(label=_("Mobile"), max_length=20, required=False)
    reason = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The facts that support the objection and where they can be checked."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PNG or JPG."),
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "—")] + [
            (str(i.pk), f"{i.title} · {i.organisation_label}") for i in items
        ]

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "attachment"}
        data["item"] = data.get("item") or None
        return data


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("dismissed", _("Dismiss")), ("upheld", _("Uphold"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    """For each other passed declaration: leave, candidate or not selected, with reasons."""

    OUTCOMES = [
        ("", _("Leave as it is")),
        ("candidate", _("Candidate (shortlisted)")),
        ("not_selected", _("Not selected")),
    ]

    def __init__(self, *args, declarations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.declarations = list(declarations)
        for decl in self.declarations:
            self.fields[f"outcome_{decl.pk}"] = forms.ChoiceField(
                label=decl.title, choices=self.OUTCOMES, required=False
            )
            self.fields[f"reason_{decl.pk}"] = forms.CharField(
                label=_("Reasons"), required=False, max_length=1000
            )

    def rows(self):
        return [
            (decl, self[f"outcome_{decl.pk}"], self[f"reason_{decl.pk}"])
            for decl in self.declarations
        ]

    def outcomes(self) -> dict:
        return {
            decl.pk: (
                self.cleaned_data.get(f"outcome_{decl.pk}"),
                self.cleaned_data.get(f"reason_{decl.pk}", ""),
            )
            for decl in self.declarations
            if self.cleaned_data.get(f"outcome_{decl.pk}")
        }
