"""Check meetings: the expert panel of a mid-term check or final acceptance (验收) sits as
a review meeting, with the same attendance, automatic recusal, votes, quorum rule and
minutes as a selection meeting.

- An officer of the programme puts a check on a meeting once its panel is formed
  (`portfolio.services_panel.panel_form`, conflicted experts excluded): a new meeting
  takes the panel as its members and the panel's chair as its chair; adding a check to
  a scheduled check meeting of the same call adds its panel members who are not yet on
  it. Each item is the check at its current sitting (the second after a rectification).
- Members vote pass, pass after rectification, or fail; at the second sitting only pass
  or fail, since a check is rectified once.
- Closing the meeting records each decided check's outcome through
  `portfolio.services_checks.check_record_outcome`, with the opinion of the meeting
  (else the discussion notes) as the findings, so the one-rectification period and the
  stop on further tranches apply unchanged. A rectification or failure with no written
  opinion stops the close, and nothing changes. A check short of its quorum stays
  undecided, for another meeting or the officer.
- While a check is on the agenda of a meeting not yet closed, its outcome is decided
  only there.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused
from wusong.notifications.services import office_language
from wusong.portfolio import services_checks as checks
from wusong.portfolio.models import AgreementCheck, CheckPanel
from wusong.portfolio.services_panel import SITTING_STATES, open_hearing, sitting_of

from .meeting_rules import PASS
from .models_meetings import AgendaItem, Meeting, Purpose
from .services_meetings import (
    _locked,
    _members_set,
    _recusals_sync,
    _require_runs,
    _require_state,
    meeting_schedule,
)
from .workflow_meetings import MeetingState


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
    seated = [m.expert for m in meeting.members.select_related("expert")]
    have = {e.pk for e in seated}
    _members_set(user, meeting, seated + [m.expert for m in members if m.expert_id not in have])
    if meeting.chair_id is None:
        chair = next((m.expert for m in members if m.is_chair), None)
        if chair is not None:
            meeting.chair = chair
            meeting.save(update_fields=["chair", "updated_at"])
    before = [i.declaration.reference for i in meeting.items.select_related("declaration")]
    item = AgendaItem.objects.create(
        meeting=meeting,
        declaration=check.agreement.declaration,
        check_record=check,
        sitting=sitting_of(check),
        order=len(before) + 1,
    )
    audit_record(
        meeting,
        actor=user,
        action="agenda_set",
        changes={"agenda": [before, [*before, check_label(check)]]},
        note=_("Sitting %(n)s") % {"n": item.sitting},
    )
    _recusals_sync(user, meeting)
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
    meeting = meeting_schedule(user, declaration.call, data, purpose=Purpose.CHECK)
    _check_add(user, meeting, check)
    return meeting


@transaction.atomic
def check_agenda_add(user, meeting: Meeting, check: AgreementCheck) -> AgendaItem:
    """Put another check of the call on a scheduled check meeting."""
    meeting = _locked(meeting)
    _require_runs(user, meeting)
    _require_state(meeting, MeetingState.SCHEDULED, doing=_("Changing the agenda"))
    if not meeting.hears_checks:
        raise ActionRefused(_("This meeting selects declarations; it does not hear checks."))
    return _check_add(user, meeting, _locked_check(check))


def checks_to_hear(meeting: Meeting):
    """The checks of the meeting's call that could go on its agenda: waiting for their
    panel, with a panel formed, and on no meeting not yet closed."""
    open_items = AgendaItem.objects.filter(
        check_record__isnull=False,
        meeting__state__in=(MeetingState.SCHEDULED, MeetingState.IN_SESSION),
    ).values("check_record")
    return (
        AgreementCheck.objects.filter(
            agreement__declaration__call=meeting.call,
            state__in=SITTING_STATES,
            panel__members__isnull=False,
        )
        .exclude(pk__in=open_items)
        .exclude(agreement__declaration__meeting_items__meeting=meeting)
        .select_related("agreement__declaration")
        .distinct()
        .order_by("scheduled_on", "pk")
    )


def check_outcomes_record(user, meeting: Meeting, items) -> None:
    """Record the outcome of each decided check on the closed meeting's agenda."""
    decided = [i for i in items if i.check_record_id and i.outcome]
    errors = [
        _(
            "Write the opinion of the meeting on %(check)s: it is recorded as the findings "
            "of a check that is not passed."
        )
        % {"check": check_label(i.check_record)}
        for i in decided
        if i.outcome != PASS and not (i.conclusion or i.notes).strip()
    ]
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate(meeting.closed_at)
    for item in decided:
        checks.check_record_outcome(
            user,
            item.check_record,
            item.outcome,
            (item.conclusion or item.notes).strip(),
            today=today,
        )
