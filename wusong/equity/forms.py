"""Forms for the equity ledger: a company's equity and holders, a financing round with its
investors, an exit. Amounts are typed in 万元 and kept in yuan."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.calls.forms import BaseRowsFormSet
from wusong.funding.forms import DATE, TrancheRowsFormSet, wan_field
from wusong.kernels.money import wan_to_yuan

from .models import CompanyForm, Exit

UNITS = {"max_digits": 20, "decimal_places": 2, "min_value": Decimal(0)}


class EquityProfileForm(forms.Form):
    form = forms.ChoiceField(label=_("Company form"), choices=CompanyForm.choices)
    units = forms.DecimalField(
        label=_("Fully diluted units"),
        help_text=_("Yuan of registered capital, or shares for a joint-stock company."),
        **UNITS,
    )


class CapTableLineForm(forms.Form):
    name = forms.CharField(label=_("Holder"), max_length=200)
    units = forms.DecimalField(label=_("Units"), **UNITS)


CapTableFormSet = forms.formset_factory(
    CapTableLineForm, formset=BaseRowsFormSet, extra=3, can_delete=True
)


class RoundForm(forms.Form):
    date = forms.DateField(label=_("Date the round closed"), **DATE)
    name = forms.CharField(label=_("Round"), max_length=100, required=False)
    price_per_unit = forms.DecimalField(
        label=_("Price per unit (yuan)"),
        required=False,
        max_digits=20,
        decimal_places=6,
        help_text=_("Give either the price per unit or the pre-money valuation."),
    )
    pre_money_wan = wan_field(_("Pre-money valuation (万元)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("price_per_unit") is None and data.get("pre_money_wan") is None:
            raise forms.ValidationError(
                _("Give either the price per unit or the pre-money valuation.")
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"date": data["date"], "name": data["name"]}
        if data.get("price_per_unit") is not None:
            kwargs["price_per_unit"] = data["price_per_unit"]
        else:
            kwargs["pre_money_valuation"] = wan_to_yuan(data["pre_money_wan"])
        return kwargs


class RoundInvestorForm(forms.Form):
    name = forms.CharField(label=_("Investor"), max_length=200)
    amount_wan = wan_field(_("New money (万元)"))
    market = forms.BooleanField(label=_("Market investor"), required=False, initial=True)

    def row(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "amount": wan_to_yuan(data["amount_wan"]),
            "market": bool(data.get("market")),
        }


RoundInvestorFormSet = forms.formset_factory(
    RoundInvestorForm, formset=TrancheRowsFormSet, extra=2, can_delete=True
)


class ExitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of exit"), choices=Exit.Kind.choices)
    date = forms.DateField(label=_("Date"), **DATE)
    units = forms.DecimalField(label=_("Units sold"), **UNITS)
    proceeds_wan = wan_field(_("Proceeds (万元)"))
    counterparty = forms.CharField(label=_("Buyer"), max_length=200)
    team_reward_percent = forms.DecimalField(
        label=_("Team's share of the gain (%)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
        help_text=_("Leave empty to apply the agreement's terms."),
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "date": data["date"],
            "units": data["units"],
            "proceeds": wan_to_yuan(data["proceeds_wan"]),
            "counterparty": data["counterparty"],
            "team_reward_percent": data.get("team_reward_percent"),
        }
