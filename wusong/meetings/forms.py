"""Forms of the meeting pages: parsing only; the rules are in `services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.experts.models import Expert, ReviewRound

from .models import MEETING_DETAILS, Meeting

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class MeetingForm(forms.ModelForm):
    """The meeting's details; when scheduling, also the panel and the agenda."""

    class Meta:
        model = Meeting
        fields = MEETING_DETAILS
        widgets = {"starts_at": DATETIME}

    def __init__(self, *args, call=None, scheduling=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["starts_at"].input_formats = DATETIME_FORMATS
        call = call or self.instance.call
        self.fields["review_round"].queryset = ReviewRound.objects.filter(call=call)
        if self.instance.pk and not self.instance.selects:
            del self.fields["review_round"]
        if scheduling:
            del self.fields["chair"]
            self.fields["experts"] = forms.ModelMultipleChoiceField(
                Expert.objects.filter(active=True).select_related("organisation"),
                label=_("panel"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Or draw the panel at random from the review round afterwards."),
            )
            self.fields["declarations"] = forms.ModelMultipleChoiceField(
                Declaration.objects.filter(call=call, state=State.PASSED).order_by("reference"),
                label=_("agenda"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        else:
            self.fields["chair"].queryset = Expert.objects.filter(
                meeting_seats__meeting=self.instance
            )

    def meeting_data(self) -> dict:
        keys = [f for f in self.Meta.fields if f in self.fields]
        return {k: self.cleaned_data[k] for k in keys}


class MemberForm(forms.Form):
    expert = forms.ModelChoiceField(
        Expert.objects.filter(active=True).select_related("organisation"), label=_("expert")
    )


class AgendaAddForm(forms.Form):
    declaration = forms.ModelChoiceField(Declaration.objects.none(), label=_("declaration"))

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["declaration"].queryset = (
                Declaration.objects.filter(call=meeting.call, state=State.PASSED)
                .exclude(meeting_items__meeting=meeting)
                .order_by("reference")
            )


class AttendanceForm(forms.Form):
    """Present or absent, for each member of the panel."""

    CHOICES = [("", _("not recorded")), ("1", _("present")), ("0", _("absent"))]

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for m in self.members:
            self.fields[f"m_{m.pk}"] = forms.ChoiceField(
                label=m.expert.name,
                choices=self.CHOICES,
                required=False,
                initial="" if m.present is None else ("1" if m.present else "0"),
            )

    def rows(self):
        return [(m, self[f"m_{m.pk}"]) for m in self.members]

    def attendance(self) -> dict:
        return {
            m.pk: self.cleaned_data[f"m_{m.pk}"] == "1"
            for m in self.members
            if self.cleaned_data.get(f"m_{m.pk}") in ("0", "1")
        }


class ItemForm(forms.Form):
    """The officer's record of one item: notes, the opinion of the meeting, and the vote
    of each member who may vote on it."""

    notes = forms.CharField(
        label=_("discussion notes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    conclusion = forms.CharField(
        label=_("opinion of the meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, seats=(), choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = list(seats)
        for member, vote in self.seats:
            self.fields[f"v_{member.pk}"] = forms.ChoiceField(
                label=member.expert.name,
                choices=[("", "—"), *choices],
                required=False,
                initial=vote.choice if vote else "",
            )
            self.fields[f"c_{member.pk}"] = forms.CharField(
                label=_("comment"),
                required=False,
                initial=vote.comment if vote else "",
            )

    def rows(self):
        return [(m, v, self[f"v_{m.pk}"], self[f"c_{m.pk}"]) for m, v in self.seats]

    def votes(self):
        """(member, choice, comment) for each member with a vote chosen."""
        return [
            (m, self.cleaned_data[f"v_{m.pk}"], self.cleaned_data.get(f"c_{m.pk}", ""))
            for m, _v in self.seats
            if self.cleaned_data.get(f"v_{m.pk}")
        ]


class VoteForm(forms.Form):
    """A member's own vote; the choices are checked by `services.vote_record` against the
    meeting's scale."""

    choice = forms.CharField(label=_("vote"), max_length=10)
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RecusalForm(forms.Form):
    member = forms.ChoiceField(label=_("member"))
    reason = forms.CharField(label=_("reason"), max_length=500)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.expert.name) for m in members]


class PanelDrawForm(forms.Form):
    size = forms.IntegerField(label=_("panel size"), min_value=1, max_value=99, initial=7)
    seed = forms.IntegerField(label=_("seed"), required=False, min_value=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))
