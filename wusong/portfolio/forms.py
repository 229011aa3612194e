"""Forms for post-investment care. Amounts are typed in 万元 and stored in yuan."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wusong.calls.models import Call
from wusong.calls.permissions import programmes_run_by
from wusong.kernels.money import AmountError, plain, wan_to_yuan, yuan_to_wan
from wusong.meetings.forms import DATETIME, DATETIME_FORMATS
from wusong.registry.models import Organisation, User
from wusong.registry.roles import Role

from .dimensions import Dimension
from .models import (
    AgreementCheck,
    Contact,
    FollowUp,
    Indicator,
    KeyTaskProgress,
    PanelSheet,
    PlanItem,
    Project,
    ServiceLog,
)
from .selectors import checks_to_hear
from .workflow import LIVE_PLAN_STATES

WAN = {"max_digits": 14, "decimal_places": 6, "min_value": Decimal(0)}


def date_input() -> forms.DateInput:
    """A browser date picker. Its value must be ISO (YYYY-MM-DD) whatever the language:
    the zh-Hans format (2026/03/05) is one the picker drops, showing an empty field."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class DistinctIds:
    """Forms that share a page (the project page has five) would all render `id_kind`,
    `id_due` or `id_on`: each names its fields' ids with its own prefix, so that every
    label points at its own input. The posted names are unchanged."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class AssessmentForm(forms.Form):
    """One select per active indicator, its choices the scale points with their anchors;
    "—" leaves the indicator unscored (not applicable)."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=date_input())
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(Indicator.objects.filter(active=True).prefetch_related("anchors"))
        for ind in self.indicators:
            anchors = {a.value: a.label for a in ind.anchors.all()}
            choices = [("", "—")] + [
                (str(v), f"{v} · {anchors[v]}" if v in anchors else str(v))
                for v in range(ind.scale_min, ind.scale_max + 1)
            ]
            self.fields[f"i_{ind.code}"] = forms.CharField(
                label=ind.label, required=False, widget=forms.Select(choices=choices)
            )
            self.fields[f"i_{ind.code}"].dimension = ind.dimension

    def grouped(self):
        """(dimension label, [bound fields]) in the dimensions' order."""
        return [
            (label, [self[f"i_{i.code}"] for i in self.indicators if i.dimension == code])
            for code, label in Dimension.choices
        ]

    def scores(self) -> dict:
        return {
            i.code: self.cleaned_data[f"i_{i.code}"]
            for i in self.indicators
            if self.cleaned_data.get(f"i_{i.code}") not in (None, "")
        }


class ReportForm(forms.Form):
    revenue_wan = forms.DecimalField(label=_("Revenue (万元)"), **WAN)
    rd_spend_wan = forms.DecimalField(label=_("R&D spend (万元)"), **WAN)
    headcount = forms.IntegerField(label=_("Headcount at period end"), min_value=0)
    patents_filed = forms.IntegerField(label=_("Patents filed (to date)"), min_value=0, initial=0)
    patents_granted = forms.IntegerField(
        label=_("Patents granted (to date)"), min_value=0, initial=0
    )
    financing_raised_wan = forms.DecimalField(
        label=_("Financing raised in the period (万元)"), initial=0, **WAN
    )
    cash_balance_wan = forms.DecimalField(
        label=_("Cash at period end (万元)"), required=False, **WAN
    )
    monthly_burn_wan = forms.DecimalField(
        label=_("Average monthly net spend (万元)"), required=False, **WAN
    )
    risks = forms.CharField(
        label=_("Risks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    task_kind = forms.ChoiceField(
        label=_("Key task"), choices=[("", "—"), *KeyTaskProgress.Kind.choices], required=False
    )
    task_percent = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, required=False
    )
    task_note = forms.CharField(label=_("Where it stands"), max_length=300, required=False)

    AMOUNTS = ("revenue", "rd_spend", "financing_raised", "cash_balance", "monthly_burn")

    @classmethod
    def initial_from(cls, report) -> dict:
        initial = {
            f"{k}_wan": plain(yuan_to_wan(getattr(report, k), 6))
            for k in cls.AMOUNTS
            if getattr(report, k) is not None
        }
        initial |= {
            k: getattr(report, k)
            for k in ("headcount", "patents_filed", "patents_granted", "risks")
        }
        task = report.tasks.first()
        if task:
            initial |= {
                "task_kind": task.kind,
                "task_percent": task.percent,
                "task_note": task.note,
            }
        return initial

    def service_data(self) -> tuple[dict, list]:
        data = {}
        for key in self.AMOUNTS:
            value = self.cleaned_data.get(f"{key}_wan")
            try:
                data[key] = wan_to_yuan(value) if value is not None else None
            except AmountError as exc:
                raise forms.ValidationError(str(exc)) from exc
        for key in ("headcount", "patents_filed", "patents_granted", "risks"):
            data[key] = self.cleaned_data[key] if self.cleaned_data[key] is not None else 0
        tasks = []
        if self.cleaned_data.get("task_kind"):
            tasks.append(
                {
                    "kind": self.cleaned_data["task_kind"],
                    "percent": self.cleaned_data.get("task_percent") or 0,
                    "note": self.cleaned_data.get("task_note") or "",
                }
            )
        return data, tasks


class ServiceLogForm(DistinctIds, forms.ModelForm):
    id_prefix = "log"

    class Meta:
        model = ServiceLog
        fields = ["kind", "on", "hours", "outcome", "plan_item"]
        widgets = {
            "on": date_input(),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = (  # a service is logged against live items
            project.plan_items.filter(state__in=LIVE_PLAN_STATES)
            if project
            else PlanItem.objects.none()
        )
        self.fields["plan_item"].required = False


OWNER_ROLES = (Role.MENTOR, Role.BROKER, Role.OFFICER)


def owner_choices():
    """Who may own a plan item or serve a project, grouped by what they are: mentors,
    technical brokers, office staff, service agencies."""
    groups = []
    for role in OWNER_ROLES:
        users = User.objects.filter(is_active=True, groups__name=role).order_by(
            "display_name", "username"
        )
        if users:
            groups.append((str(Role(role).label), [(f"u{u.pk}", str(u)) for u in users]))
    agencies = Organisation.objects.filter(kind=Organisation.Kind.SERVICE_AGENCY).order_by("name")
    if agencies:
        groups.append((str(_("Service agencies")), [(f"o{o.pk}", str(o)) for o in agencies]))
    return [("", "—"), *groups]


def owner_from(value: str) -> dict:
    if value.startswith("u"):
        return {"owner_user": User.objects.get(pk=int(value[1:]))}
    if value.startswith("o"):
        return {"owner_agency": Organisation.objects.get(pk=int(value[1:]))}
    return {}


class ServerForm(DistinctIds, forms.Form):
    """Someone to serve the project: a mentor, technical broker, staff member or agency."""

    id_prefix = "server"
    who = forms.ChoiceField(label=_("Mentor, broker, staff or service agency"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].choices = owner_choices()

    def assignee(self) -> dict:
        """{"person": user} or {"agency": organisation}, as `server_assign` takes it."""
        owner = owner_from(self.cleaned_data["who"])
        if "owner_user" in owner:
            return {"person": owner["owner_user"]}
        return {"agency": owner.get("owner_agency")}


class PlanItemForm(DistinctIds, forms.Form):
    id_prefix = "plan"

    dimension = forms.ChoiceField(label=_("Weak dimension"), choices=Dimension.choices)
    kind = forms.ChoiceField(label=_("Service"), choices=PlanItem.Kind.choices)
    title = forms.CharField(label=_("What is to be done"), max_length=200, required=False)
    counterparts = forms.CharField(
        label=_("Named investors or partners (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.ChoiceField(label=_("Owner"))
    due = forms.DateField(label=_("Due"), widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices()


class PlanFromAssessmentForm(DistinctIds, forms.Form):
    id_prefix = "plan_from"

    due = forms.DateField(label=_("Due"), widget=date_input())
    owner = forms.ChoiceField(
        label=_("Owner"),
        required=False,
        help_text=_("Left empty, the project's manager owns the items."),
    )
    capital_investors = forms.CharField(
        label=_("Investors to introduce if capital is weak (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices()

    def owner_kwargs(self) -> dict:
        return owner_from(self.cleaned_data.get("owner") or "")


class FollowUpForm(DistinctIds, forms.ModelForm):
    id_prefix = "follow_up"

    class Meta:
        model = FollowUp
        fields = ["kind", "on", "note"]
        widgets = {
            "on": date_input(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class InviteForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Invite into the call"),
        queryset=Call.objects.none(),
        empty_label=_("— choose an open call —"),
    )

    def __init__(self, *args, exclude_call=None, user=None, open_calls=None, **kwargs):
        """`open_calls` (from `open_calls_for`) lets a page of many candidates read the
        calls once; the choices are then given as they are, without a query per form."""
        super().__init__(*args, **kwargs)
        given = open_calls is not None
        if not given:
            open_calls = self.open_calls_for(user)
        calls = [c for c in open_calls if c.pk != exclude_call]
        self.has_calls = bool(calls)
        self.fields["call"].queryset = Call.objects.filter(pk__in=[c.pk for c in calls])
        if given:
            field = self.fields["call"]
            field.choices = [
                ("", field.empty_label),
                *((c.pk, field.label_from_instance(c)) for c in calls),
            ]

    @staticmethod
    def open_calls_for(user) -> list:
        """The open calls a candidate may be invited into by `user`: those of the
        programmes they run (every one for an administrator)."""
        calls = Call.objects.all()
        if user is not None:
            calls = calls.filter(programme__in=programmes_run_by(user))  # calls the user runs
        return [c for c in calls if c.is_open()]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["profile", "report_every"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 3})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "phone", "email"]


class PanelScoreForm(forms.Form):
    """A panel member's sheet: one score per criterion of the panel's rubric, a
    recommendation and a comment. Scores are kept as typed; the service checks them
    against each criterion's range, and its errors are put beside the fields they name.
    The inputs are named as on the page: ``score_<code>``, ``recommendation``, ``comment``."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", "—"), *PanelSheet.Recommendation.choices],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria=(), sheet=None, **kwargs):
        self.criteria = list(criteria)
        self.sheet = sheet
        initial = kwargs.pop("initial", None) or {}
        if sheet is not None:
            given = {s.criterion_id: s.score for s in sheet.scores.all()}
            initial = (
                {f"score_{c.code}": given[c.pk] for c in self.criteria if c.pk in given}
                | {"recommendation": sheet.recommendation, "comment": sheet.comment}
                | initial
            )
        kwargs.setdefault("auto_id", "%s")  # ids score_<code>, as the page always had
        super().__init__(*args, initial=initial, **kwargs)
        for c in self.criteria:
            self.fields[f"score_{c.code}"] = forms.CharField(
                label=c.label,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )
        self.order_fields([f"score_{c.code}" for c in self.criteria])
        if sheet is not None and sheet.submitted:
            for field in self.fields.values():
                field.disabled = True

    def scores(self) -> dict:
        """{criterion code: score as typed} for the service."""
        return {c.code: self.cleaned_data.get(f"score_{c.code}", "") for c in self.criteria}

    def rows(self):
        return [{"criterion": c, "field": self[f"score_{c.code}"]} for c in self.criteria]

    def weight_total(self):
        return sum((c.weight for c in self.criteria), Decimal(0))

    def add_service_errors(self, exc) -> None:
        """Put a ValidationError of `panel_score_save` beside the fields it names: a
        criterion code goes to its score, anything unknown to the top of the form."""
        if not hasattr(exc, "error_dict"):
            for error in exc.messages:
                self.add_error(None, error)
            return
        for key, errors in exc.message_dict.items():
            name = key if key in ("recommendation", "comment") else f"score_{key}"
            for error in errors:
                self.add_error(name if name in self.fields else None, error)


class CheckAddForm(forms.Form):
    """Another check of the call for a check meeting's agenda."""

    check_record = forms.ModelChoiceField(
        AgreementCheck.objects.none(), label=_("mid-term check or acceptance")
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            field = self.fields["check_record"]
            field.queryset = checks_to_hear(meeting)
            field.label_from_instance = lambda c: (
                f"{c.agreement.reference} {c.get_kind_display()} · {c.agreement.declaration.title}"
            )


class CheckMeetingForm(forms.Form):
    """When and where a check's panel sits."""

    title = forms.CharField(label=_("title"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("date and time"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    place = forms.CharField(label=_("place"), max_length=200)
