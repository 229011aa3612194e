"""Forms for agreements and disbursements. Amounts are typed in 万元 and kept in yuan."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.calls.forms import BaseRowsFormSet
from wusong.kernels.money import wan_to_yuan
from wusong.registry.models import Organisation

from .models import CONVERTIBLE_INSTRUMENTS, Instrument, KeyTask

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
    # Convertible terms (all but a grant) -------------------------------------------------
    deadline = forms.DateField(label=_("Deadline for a qualifying round"), required=False, **DATE)
    fallback = forms.ChoiceField(
        label=_("If no qualifying round by the deadline"),
        required=False,
        choices=[
            ("write_off", _("Write off as a grant")),
            ("convert_at_valuation", _("Convert at the set valuation")),
            ("repay", _("Repay")),
        ],
        initial="write_off",
    )
    fallback_valuation_wan = wan_field(
        _("Set valuation for the fallback (万元)"),
        required=False,
        help_text=_("Only when the fallback is conversion at the set valuation."),
    )
    min_new_money_wan = wan_field(_("Minimum new money in the round (万元)"), required=False)
    require_market_investor = forms.BooleanField(
        label=_("The round needs at least one market investor"), required=False, initial=True
    )
    discount_percent = forms.DecimalField(
        label=_("Discount on the round price (%)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_("Leave empty to convert at market price."),
    )
    valuation_cap_wan = wan_field(_("Valuation cap (万元)"), required=False)
    max_stake_percent = forms.DecimalField(
        label=_("Maximum stake (%)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal(0),
    )
    never_largest_holder = forms.BooleanField(
        label=_("Never the largest holder"), required=False, initial=True
    )
    residual_treatment = forms.ChoiceField(
        label=_("What does not convert"),
        required=False,
        choices=[
            ("repay", _("Repaid")),
            ("keep_as_claim", _("Kept as a claim for a later round")),
            ("write_off", _("Written off as a grant")),
        ],
        initial="repay",
    )
    team_reward_percent = forms.DecimalField(
        label=_("Team's share of an exit gain (%)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
    )
    lease_area_m2 = forms.DecimalField(
        label=_("Leased area (m²)"), required=False, max_digits=12, decimal_places=2
    )
    lease_rent = forms.DecimalField(
        label=_("Monthly rent (yuan per m²)"), required=False, max_digits=12, decimal_places=2
    )
    lease_start = forms.DateField(label=_("Lease starts"), required=False, **DATE)

    TERM_FIELDS = (
        "deadline",
        "fallback",
        "fallback_valuation_wan",
        "min_new_money_wan",
        "require_market_investor",
        "discount_percent",
        "valuation_cap_wan",
        "max_stake_percent",
        "never_largest_holder",
        "residual_treatment",
        "team_reward_percent",
    )
    LEASE_FIELDS = ("lease_area_m2", "lease_rent", "lease_start")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Organisation.objects.exclude(
            kind__in=[
                Organisation.Kind.TEAM,
                Organisation.Kind.UNIVERSITY,
                Organisation.Kind.HOSPITAL,
            ]
        )

    def clean(self):
        data = super().clean()
        instrument = data.get("instrument")
        if instrument in CONVERTIBLE_INSTRUMENTS:
            if not data.get("deadline"):
                self.add_error(
                    "deadline", _("A convertible agreement needs the deadline for its round.")
                )
            if not data.get("fallback"):
                self.add_error("fallback", _("Say what happens if no round comes in time."))
            if data.get("fallback") == "convert_at_valuation" and not data.get(
                "fallback_valuation_wan"
            ):
                self.add_error(
                    "fallback_valuation_wan", _("Give the valuation the fallback converts at.")
                )
            if instrument == "lease_first":
                for name in self.LEASE_FIELDS:
                    if data.get(name) in (None, ""):
                        self.add_error(name, _("A lease-first agreement gives its lease."))
        return data

    def terms(self) -> dict:
        """The terms JSON in the shape `funding.terms` reads; empty for a grant."""
        data = self.cleaned_data
        instrument = data["instrument"]
        if instrument not in CONVERTIBLE_INSTRUMENTS:
            return {}

        def wan(name):
            value = data.get(name)
            return None if value is None else str(wan_to_yuan(value))

        def plain(name):
            value = data.get(name)
            return None if value is None else str(value)

        terms = {
            "deadline": data["deadline"].isoformat(),
            "fallback": data["fallback"],
            "min_new_money": wan("min_new_money_wan") or "0",
            "require_market_investor": bool(data.get("require_market_investor")),
            "discount_percent": plain("discount_percent"),
            "valuation_cap": wan("valuation_cap_wan"),
            "max_stake_percent": plain("max_stake_percent"),
            "never_largest_holder": bool(data.get("never_largest_holder")),
            "residual_treatment": data.get("residual_treatment") or "repay",
            "team_reward_percent": plain("team_reward_percent"),
        }
        if data["fallback"] == "convert_at_valuation":
            terms["fallback_valuation"] = wan("fallback_valuation_wan")
        if instrument == "lease_first":
            terms["lease"] = {
                "area_m2": str(data["lease_area_m2"]),
                "monthly_rent_per_m2": str(data["lease_rent"]),
                "start": data["lease_start"].isoformat(),
            }
        return {k: v for k, v in terms.items() if v is not None}

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
            "terms": self.terms(),
        }


class KeyTaskForm(forms.Form):
    # The initial value lets an untouched extra row count as empty.
    kind = forms.ChoiceField(
        label=_("Kind"), choices=KeyTask.Kind.choices, initial=KeyTask.Kind.PROTOTYPE
    )
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


class ServiceFeeForm(forms.Form):
    """A service fee that accrues under a services-first agreement; typed in 万元, like
    every amount on the agreement pages, and kept in yuan."""

    date = forms.DateField(label=_("Date of the service"), **DATE)
    amount_wan = wan_field(_("Service fee (万元)"))
    provider = forms.CharField(label=_("Service provider"), max_length=200)
    description = forms.CharField(label=_("Service rendered"), max_length=300, required=False)
    reference = forms.CharField(
        label=_("Invoice or service record number"), max_length=60, required=False
    )

    def clean_amount_wan(self):
        amount = self.cleaned_data["amount_wan"]
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be more than zero."))
        return amount

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "amount": wan_to_yuan(data["amount_wan"]),
            "provider": data["provider"],
            "description": data["description"],
            "reference": data["reference"],
        }


class RentChangeForm(forms.Form):
    """A new monthly rent per m² for a lease-first agreement, from a date, recorded as an
    amendment of its terms."""

    effective = forms.DateField(
        label=_("New rent applies from"),
        help_text=_("Changes already agreed for later dates still apply from their dates."),
        **DATE,
    )
    monthly_rent_per_m2 = forms.DecimalField(
        label=_("New monthly rent (yuan per m²)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_("0 for a rent-free period."),
    )
    reason = forms.CharField(
        label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
