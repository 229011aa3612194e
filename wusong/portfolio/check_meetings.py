"""Check meetings: the expert panel of a mid-term check or final acceptance (验收) sits as a
review meeting, with the same attendance, automatic recusal, votes, quorum rule and
minutes as a selection meeting. A check is a kind of agenda item (`CheckAgenda`,
registered with `wusong.meetings` when this app is ready); the link from the check to
the item that hears it is this app's `CheckHearing`.

- An officer of the programme puts a check on a meeting once its panel is formed
  (`services.panel.panel_form`, conflicted experts excluded): a new meeting takes the
  panel as its members and the panel's chair as its chair; adding a check to a scheduled
  check meeting of the same call adds its panel members who are not yet on it. Each item
  is the check at its current sitting (the second after a rectification).
- Members vote pass, pass after rectification, or fail; at the second sitting only pass
  or fail, since a check is rectified once.
- Closing the meeting records each decided check's outcome through
  `services.checks.check_record_outcome`, with the opinion of the meeting (else the
  discussion notes) as the findings, so the one-rectification period and the stop on
  further tranches apply unchanged. A rectification or failure with no written opinion
  stops the close, and nothing changes. A check short of its quorum stays undecided, for
  another meeting or the officer.
- While a check is on the agenda of a meeting not yet closed, its outcome is decided
  only there.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wusong.documents.models import DocumentKey
from wusong.errors import ActionRefused
from wusong.kernels.votes import CHECK, PASS, RECTIFY
from wusong.meetings import services as meetings
from wusong.meetings.agenda import AgendaKind, Heard
from wusong.meetings.models import AgendaItem, Meeting, Purpose
from wusong.meetings.workflow import MeetingState
from wusong.notifications.services import office_language

from .forms import CheckAddForm
from .models import AgreementCheck, CheckHearing, CheckPanel
from .selectors import open_hearing, panel_summary, sitting_of
from .services import checks
from .workflow import SITTING_STATES


def check_label(check: AgreementCheck) -> str:
    return f"{check.agreement.reference} {check.get_kind_display()}"


def _problems(meeting: Meeting, check: AgreementCheck) -> list[str]:
    label = check_label(check)
    if check.agreement.declaration.call_id != meeting.call_id:
        return [_("%(check)s is not a project of this meeting's call.") % {"check": label}]
    if check.state not in SITTING_STATES:
        return [
            _("%(check)s is %(state)s; only a check waiting for its panel is heard.")
            % {"check": label, "state": check.get_state_display()}
        ]
    panel = CheckPanel.objects.filter(check_record=check).first()
    if panel is None or not panel.members.exists():
        return [_("Form the expert panel of %(check)s first.") % {"check": label}]
    hearing = open_hearing(check)
    if hearing is not None:
        return [
            _("%(check)s is already on the agenda of %(meeting)s.")
            % {"check": label, "meeting": hearing.meeting.title}
        ]
    if meeting.items.filter(declaration=check.agreement.declaration).exists():
        return [
            _("%(ref)s already has an item on this meeting's agenda.")
            % {"ref": check.agreement.declaration.reference}
        ]
    return []


def _check_add(user, meeting: Meeting, check: AgreementCheck) -> AgendaItem:
    problems = _problems(meeting, check)
    if problems:
        raise ValidationError(problems)
    panel = CheckPanel.objects.get(check_record=check)
    members = list(panel.members.select_related("expert").order_by("-is_chair", "id"))
    item = meetings.agenda_item_add(
        user,
        meeting,
        check.agreement.declaration,
        label=check_label(check),
        sitting=sitting_of(check),
        panel=[m.expert for m in members],
        chair=next((m.expert for m in members if m.is_chair), None),
    )
    CheckHearing.objects.create(check_record=check, agenda_item=item)
    return item


def _locked_check(check: AgreementCheck) -> AgreementCheck:
    return (
        AgreementCheck.objects.select_for_update(of=("self",))
        .select_related("agreement__declaration__call__programme")
        .get(pk=check.pk)
    )


@transaction.atomic
def check_meeting_schedule(user, check: AgreementCheck, data: dict) -> Meeting:
    """Schedule a meeting for the check's panel to sit (date and time, place; optional
    title and quorum rule), with the check on its agenda."""
    check = _locked_check(check)
    declaration = check.agreement.declaration
    data = dict(data)
    if not data.get("title"):
        with office_language():  # the title heads the minutes
            data["title"] = _("%(check)s: %(title)s") % {
                "check": check.get_kind_display(),
                "title": declaration.title,
            }
    meeting = meetings.meeting_schedule(user, declaration.call, data, purpose=Purpose.CHECK)
    return _check_add(user, meeting, check).meeting  # as the agenda left it, chair and all


@transaction.atomic
def check_agenda_add(user, meeting: Meeting, check: AgreementCheck) -> AgendaItem:
    """Put another check of the call on a scheduled check meeting."""
    meeting = meetings.meeting_to_change(
        user, meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda")
    )
    if meeting.purpose != Purpose.CHECK:
        raise ActionRefused(_("This meeting selects declarations; it does not hear checks."))
    return _check_add(user, meeting, _locked_check(check))


def check_outcomes_record(user, meeting: Meeting, items) -> None:
    """Record the outcome of each decided check on the closed meeting's agenda."""
    hearings = {
        h.agenda_item_id: h.check_record
        for h in CheckHearing.objects.filter(agenda_item__in=items).select_related(
            "check_record__agreement"
        )
    }
    decided = [(i, hearings[i.pk]) for i in items if i.pk in hearings and i.outcome]
    errors = [
        _(
            "Write the opinion of the meeting on %(check)s: it is recorded as the findings "
            "of a check that is not passed."
        )
        % {"check": check_label(check)}
        for item, check in decided
        if item.outcome != PASS and not (item.conclusion or item.notes).strip()
    ]
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate(meeting.closed_at)
    for item, check in decided:
        checks.check_record_outcome(
            user, check, item.outcome, (item.conclusion or item.notes).strip(), today=today
        )


def _check_heard(item) -> AgreementCheck | None:
    hearing = (
        CheckHearing.objects.filter(agenda_item=item)
        .select_related("check_record__agreement")
        .first()
    )
    return hearing.check_record if hearing else None


class CheckAgenda(AgendaKind):
    """A check heard at a meeting of the `check` purpose."""

    purpose = Purpose.CHECK
    scale = CHECK
    heading = gettext_lazy("Project and check")
    minutes_document = DocumentKey.CHECK_MINUTES.value
    agenda_choose = gettext_lazy("Choose a check whose panel is formed.")
    agenda_added = gettext_lazy("The check is on the agenda.")
    agenda_help = gettext_lazy(
        "A check goes on the agenda once its expert panel is formed; its panel members join "
        "the meeting's panel."
    )
    notes_hint = gettext_lazy(
        "The opinion of the meeting is recorded as the check's findings; a rectification or "
        "a failure needs one."
    )

    def vote_choices(self, sitting):
        choices = frozenset(self.scale.choices)
        return choices - {RECTIFY} if (sitting or 1) > 1 else choices

    def vote_refusal(self, sitting):
        if (sitting or 1) > 1:
            return _("At the second sitting vote pass or fail: a check is rectified only once.")
        return _("Vote pass, pass after rectification or fail.")

    def declarations_refusal(self, *, scheduling):
        if scheduling:
            return _("A check meeting hears checks, not declarations or a review round.")
        return _("A check meeting's agenda holds checks: put a check on it from its panel page.")

    def heard(self, item):
        check = _check_heard(item)
        if check is None:
            return None
        return Heard(
            pk=check.pk,
            kind=check.kind,
            label=check.get_kind_display(),
            url=reverse("portfolio:check_panel", args=[check.pk]),
            note=_("Second sitting, after the rectification") if (item.sitting or 1) > 1 else "",
        )

    def panel_summary(self, item):
        check = _check_heard(item)
        return panel_summary(check, item.sitting) if check is not None else None

    def minutes_entry(self, item, panel):
        check = _check_heard(item)
        if check is None:
            return None
        return {
            "kind": check.kind,
            "agreement": check.agreement.reference,
            "sitting": item.sitting,
            "rectification": check.rectification if (item.sitting or 1) > 1 else "",
            "panel_mean": panel["mean"] if panel else None,
            "panel_submitted": panel["submitted"] if panel else 0,
        }

    def agenda_form(self, meeting, data=None):
        form = CheckAddForm(data, meeting=meeting)
        if data is None and not form.fields["check_record"].queryset.exists():
            return None  # nothing to add
        return form

    def agenda_add(self, user, meeting, form):
        check_agenda_add(user, meeting, form.cleaned_data["check_record"])

    def meeting_closed(self, user, meeting, items):
        check_outcomes_record(user, meeting, items)
