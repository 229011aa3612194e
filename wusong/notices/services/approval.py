"""The leader's approval of a notice once its period is over: each project in it is
approved, the applicants are told (by e-mail too, where configured), and other passed
declarations of the call may be recorded as candidates or not selected."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.transitions import transition_fire
from wusong.calls import services as call_services
from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.notifications.services import email_organisation, notify, office_language

from .. import permissions
from ..models import PublicNotice
from ..workflow import NoticeState, ObjectionState
from .notices import date_text, locked_notice, notice_end_period_if_due, wan_text

OTHER_OUTCOMES = ("candidate", "not_selected")


def notice_approve(user, notice: PublicNotice, outcomes=None) -> PublicNotice:
    """The leader's approval once the period is over and no objection is open or upheld
    against a project still in the notice. Each project in the notice is approved;
    `outcomes` may record other passed declarations of the call as candidates or not
    selected: {declaration id: (outcome, reason)}.

    An ended period is recorded even when the approval itself is refused."""
    notice_end_period_if_due(notice)
    return _notice_approve(user, notice, outcomes)


@transaction.atomic
def _notice_approve(user, notice: PublicNotice, outcomes) -> PublicNotice:
    notice = locked_notice(notice)
    if not permissions.is_leader(user, notice):
        raise NotAllowed(_("Only a leader can approve a public notice."))
    if notice.state == NoticeState.PUBLISHED:
        raise ActionRefused(
            _("The notice period runs until %(date)s; it can be approved after that day.")
            % {"date": date_text(notice.period_end)}
        )
    if notice.state != NoticeState.PERIOD_ENDED:
        raise ActionRefused(
            _("This notice is %(state)s and cannot be approved.")
            % {"state": notice.get_state_display()}
        )
    still_open = list(notice.objections.filter(state=ObjectionState.OPEN))
    if still_open:
        raise ActionRefused(
            _(
                "Objections %(refs)s are still open: the programme officers must resolve "
                "them before the notice can be approved."
            )
            % {"refs": "、".join(o.reference for o in still_open)}
        )
    upheld = list(notice.blocking_objections().select_related("item"))
    if upheld:
        raise ActionRefused(
            _(
                "An objection was upheld against %(titles)s: remove the project from the "
                "notice, or withdraw the notice, before approval."
            )
            % {"titles": "、".join(sorted({f"“{o.item.title}”" for o in upheld}))}
        )
    others = _other_outcomes(notice, outcomes or {})
    items = list(notice.live_items().select_related("declaration__organisation"))
    transition_fire(
        user,
        notice,
        "approve",
        what=_("notice"),
        changes={
            "approved": [
                None,
                [f"{i.declaration.reference}: {wan_text(i.proposed_amount)}" for i in items],
            ]
        },
    )
    notice.approved_at = timezone.now()
    notice.approved_by = user
    notice.save(update_fields=["approved_at", "approved_by", "updated_at"])
    with office_language():
        basis = _("Approved after the public notice “%(notice)s” (%(start)s – %(end)s).") % {
            "notice": notice.title,
            "start": date_text(notice.period_start),
            "end": date_text(notice.period_end),
        }
    for item in items:
        call_services.selection_record(user, item.declaration, "approve", reason=basis)
        with office_language():
            text = _("“%(title)s” is approved with %(amount)s.") % {
                "title": item.title,
                "amount": wan_text(item.proposed_amount),
            }
            link = reverse("calls:declaration", args=[item.declaration_id])
            notify(organisation=item.declaration.organisation, text=text, link=link)
            email_organisation(
                item.declaration.organisation,
                subject=_("Project approved: %(title)s") % {"title": item.title},
                text=text
                + "\n\n"
                + _("The approval certificate can be downloaded from the declaration's page."),
                link=link,
            )
    for decl, outcome, reason in others:
        decl = call_services.selection_record(user, decl, outcome, reason=reason)
        with office_language():
            notify(
                organisation=decl.organisation,
                text=_("“%(title)s”: %(state)s.")
                % {"title": decl.title, "state": decl.get_state_display()},
                link=reverse("calls:declaration", args=[decl.pk]),
            )
    return notice


def _other_outcomes(notice: PublicNotice, outcomes: dict) -> list[tuple]:
    in_notice = set(notice.live_items().values_list("declaration_id", flat=True))
    chosen = []
    errors = []
    for key, value in outcomes.items():
        outcome, reason = value
        if not outcome:
            continue
        decl = Declaration.objects.filter(pk=getattr(key, "pk", key), call=notice.call).first()
        if (
            decl is None
            or decl.pk in in_notice
            or decl.state not in (State.PASSED, State.CANDIDATE)
        ):
            errors.append(
                _("Declaration %(id)s is not a passed declaration of this call outside the notice.")
                % {"id": getattr(key, "pk", key)}
            )
            continue
        if outcome not in OTHER_OUTCOMES:
            errors.append(
                _("Choose candidate or not selected for %(ref)s.") % {"ref": decl.reference}
            )
        elif not (reason or "").strip():
            errors.append(_("Give the reasons for %(ref)s.") % {"ref": decl.reference})
        elif outcome == "candidate" and decl.state == State.CANDIDATE:
            continue
        else:
            chosen.append((decl, outcome, reason.strip()))
    if errors:
        raise ValidationError(errors)
    return chosen
