"""Forms of the expert pages: parsing only; the rules are in `services`."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Declaration
from wusong.registry.models import Organisation, User

from .models import DuplicateFlag, Expert, PairRule, ReviewRound, ScoreSheet
from .services.assignment import ROUND_SETTINGS
from .services.pool import EXPERT_FIELDS


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        help_text=_(
            "One expert per row under a heading row; download the template for the columns."
        ),
    )


class ExpertForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"), label=_("organisation")
    )
    account = forms.CharField(
        label=_("existing account (user name)"),
        required=False,
        max_length=150,
        help_text=_(
            "Leave empty to create an account from the mobile or e-mail; name an existing "
            "account (a mentor's, say) to add that person to the pool."
        ),
    )

    def __init__(self, *args, adding=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not adding:
            del self.fields["account"]

    def clean_account(self):
        name = (self.cleaned_data.get("account") or "").strip()
        if not name:
            return None
        found = User.objects.filter(username__iexact=name).first()
        if found is None:
            raise forms.ValidationError(_("No account %(who)s.") % {"who": name})
        return found

    class Meta:
        model = Expert
        fields = ("organisation", *EXPERT_FIELDS)
        widgets = {
            "profile": forms.Textarea(attrs={"rows": 4}),
            "collaborators": forms.Textarea(attrs={"rows": 3}),
        }


class FeeForm(forms.Form):
    occasion = forms.CharField(label=_("round or meeting"), max_length=200)
    amount = forms.DecimalField(
        label=_("amount (yuan)"), min_value=Decimal("0.01"), decimal_places=2
    )


class RatingForm(forms.Form):
    round = forms.ModelChoiceField(ReviewRound.objects.none(), label=_("review round"))
    rating = forms.TypedChoiceField(
        label=_("rating"), coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)]
    )
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rounds is not None:
            self.fields["round"].queryset = rounds


class RoundForm(forms.ModelForm):
    class Meta:
        model = ReviewRound
        fields = ROUND_SETTINGS
        widgets = {
            "deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubric"].required = False
        self.fields["name"].required = False
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        label=_("seed"),
        required=False,
        min_value=0,
        help_text=_("Leave empty for a fresh seed; give a recorded seed to repeat a draw."),
    )


class PanelForm(forms.Form):
    size = forms.IntegerField(label=_("panel size"), min_value=1, max_value=99, initial=7)
    seed = forms.IntegerField(label=_("seed"), required=False, min_value=0)


class PairRuleForm(forms.Form):
    declaration = forms.ModelChoiceField(Declaration.objects.none(), label=_("declaration"))
    expert = forms.ModelChoiceField(Expert.objects.filter(active=True), label=_("expert"))
    kind = forms.ChoiceField(label=_("rule"), choices=PairRule.Kind.choices)

    def __init__(self, *args, review_round=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review_round is not None:
            self.fields["declaration"].queryset = review_round.declarations.order_by("reference")


class DuplicateDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[c for c in DuplicateFlag.Decision.choices if c[0] != DuplicateFlag.Decision.OPEN]
    )
    note = forms.CharField(required=False, max_length=500)


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("the conflict of interest"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a former student on the team, a joint paper, a shared grant."),
    )


class ScoreForm(forms.Form):
    """One number field per criterion of the rubric, a comment and a recommendation.
    Ranges are shown to the browser; the service checks them again."""

    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendation = forms.ChoiceField(
        label=_("recommendation"),
        required=False,
        choices=[("", "—"), *ScoreSheet.Recommendation.choices],
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            anchors = "；".join(f"{score}: {text}" for score, text in c.anchors or [])
            self.fields[f"c_{c.code}"] = forms.CharField(
                label=f"{c.label} ({format(c.min_score.normalize(), 'f')}–"
                f"{format(c.max_score.normalize(), 'f')}, "
                + str(_("weight"))
                + f" {format(c.weight.normalize(), 'f')})",
                required=False,
                help_text=anchors,
                widget=forms.NumberInput(
                    attrs={"min": c.min_score, "max": c.max_score, "step": "0.01"}
                ),
            )
        self.order_fields([f"c_{c.code}" for c in self.criteria] + ["comment", "recommendation"])

    def scores(self) -> dict:
        return {c.code: self.cleaned_data.get(f"c_{c.code}") for c in self.criteria}

    def score_fields(self):
        return [self[f"c_{c.code}"] for c in self.criteria]
