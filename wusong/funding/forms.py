"""Forms for agreements and disbursements. Amounts are typed in 万元 and kept in yuan."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.calls.forms import BaseRowsFormSet
from wusong.kernels.money import wan_to_yuan
from wusong.registry.models import Organisation

from .models import Instrument, KeyTask

DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


def wan_field(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=6, min_value=Decimal(0), **kwargs
    )


class AgreementForm(forms.Form):
    funder = forms.ModelChoiceField(
        label=_("Funder and future holder"), queryset=Organisation.objects.none()
    )
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
    total_wan = wan_field(_("Total amount (万元)"))
    grant_wan = wan_field(
        _("Grant part (万元)"),
        required=False,
        help_text=_("Only for allocation plus investment; a grant agreement is all grant."),
    )
    start_date = forms.DateField(label=_("Task period from"), **DATE)
    end_date = forms.DateField(label=_("Task period to"), **DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Organisation.objects.exclude(
            kind__in=[
                Organisation.Kind.TEAM,
                Organisation.Kind.UNIVERSITY,
                Organisation.Kind.HOSPITAL,
            ]
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        total = wan_to_yuan(data["total_wan"])
        grant = wan_to_yuan(data.get("grant_wan") or 0)
        if data["instrument"] == Instrument.GRANT:
            grant = total
        return {
            "funder": data["funder"],
            "instrument": data["instrument"],
            "total_amount": total,
            "grant_amount": grant,
            "start_date": data["start_date"],
            "end_date": data["end_date"],
        }


class KeyTaskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=KeyTask.Kind.choices)
    title = forms.CharField(label=_("Key task"), max_length=200)
    due = forms.DateField(label=_("Due"), **DATE)


class AgreementMilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(label=_("Due"), **DATE)


class TrancheForm(forms.Form):
    amount_wan = wan_field(_("Tranche amount (万元)"))
    milestone = forms.IntegerField(
        label=_("Released when"),
        min_value=0,
        initial=0,
        help_text=_("0: on signing; 1, 2 …: when that milestone (in the order above) is verified."),
    )

    def row(self) -> dict:
        index = self.cleaned_data["milestone"]
        return {
            "amount": wan_to_yuan(self.cleaned_data["amount_wan"]),
            "milestone": None if index == 0 else index - 1,
        }


class TrancheRowsFormSet(BaseRowsFormSet):
    def rows(self) -> list[dict]:
        return [f.row() for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


KeyTaskFormSet = forms.formset_factory(
    KeyTaskForm, formset=BaseRowsFormSet, extra=2, can_delete=True
)
MilestoneFormSet = forms.formset_factory(
    AgreementMilestoneForm, formset=BaseRowsFormSet, extra=3, can_delete=True
)
TrancheFormSet = forms.formset_factory(
    TrancheForm, formset=TrancheRowsFormSet, extra=3, can_delete=True
)


class DisbursementRequestForm(forms.Form):
    amount_wan = wan_field(_("Amount (万元)"))
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)


class PaymentForm(forms.Form):
    payment_reference = forms.CharField(label=_("Treasury payment reference"), max_length=60)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))


class AmendmentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 3})
    )
    end_date = forms.DateField(label=_("New end of the task period"), required=False, **DATE)
