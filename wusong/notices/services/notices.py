"""Drafting a notice, publishing it, its period, withdrawal and taking a project out of
it; and what every notice service shares: the notice locked for the transaction, who may
run it, and amounts and dates as the office writes them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.audit.transitions import fields_apply, transition_fire
from wusong.calls.models import Call
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels import workdays
from wusong.kernels.money import format_wan
from wusong.notifications.services import notify, office_language

from .. import permissions
from ..models import NoticeItem, PublicNotice
from ..selectors import proposal_committed
from ..workflow import COMMITTED_STATES, NoticeState

NOTICE_FIELDS = ("title", "body", "contact", "period_days")


def wan_text(amount) -> str:
    return f"{format_wan(amount)} 万元"


def date_text(d) -> str:
    return d.strftime("%Y-%m-%d")


def locked_notice(notice: PublicNotice) -> PublicNotice:
    """The notice, re-read and locked for the rest of the transaction."""
    return (
        PublicNotice.objects.select_for_update().select_related("call__programme").get(pk=notice.pk)
    )


def require_runs(user, notice) -> None:
    if not permissions.runs_notice(user, notice):
        raise NotAllowed(_("Only an officer of this programme can do this."))


# ---------------------------------------------------------------- the proposal


def proposal_check(call: Call, items, *, notice: PublicNotice | None = None) -> None:
    """Refuse a proposal that is not a list of distinct declarations of this call that
    passed formal review, each with an amount above zero and not above what it
    requested, whose total stays within what is left of the call's budget and quota."""
    # One proposal for a call at a time: two officers publishing at once cannot both
    # spend what is left of the budget.
    Call.objects.select_for_update().filter(pk=call.pk).first()
    errors = []
    seen = set()
    if not items:
        errors.append(_("Propose at least one declaration."))
    for decl, amount in items:
        if decl.pk in seen:
            errors.append(_("%(ref)s is proposed twice.") % {"ref": decl.reference})
        seen.add(decl.pk)
        if decl.call_id != call.pk:
            errors.append(_("%(ref)s was not declared to this call.") % {"ref": decl.reference})
        elif decl.state != State.PASSED:
            errors.append(
                _(
                    "%(ref)s is %(state)s; only declarations that passed formal review can be proposed."
                )
                % {"ref": decl.reference, "state": decl.get_state_display()}
            )
        if amount is None or amount <= 0:
            errors.append(_("Give %(ref)s an amount above zero.") % {"ref": decl.reference})
        elif amount > decl.requested_amount:
            errors.append(
                _("%(ref)s is proposed %(amount)s, more than the %(requested)s it requested.")
                % {
                    "ref": decl.reference,
                    "amount": wan_text(amount),
                    "requested": wan_text(decl.requested_amount),
                }
            )
        elsewhere = NoticeItem.objects.filter(
            declaration=decl, dropped=False, notice__state__in=COMMITTED_STATES
        )
        if notice is not None and notice.pk:
            elsewhere = elsewhere.exclude(notice=notice)
        if elsewhere.exists():
            errors.append(
                _("%(ref)s is already in another public notice.") % {"ref": decl.reference}
            )
    if errors:
        raise ValidationError(errors)
    committed = proposal_committed(call, exclude=notice)
    total = sum((amount for _decl, amount in items), Decimal(0))
    left = call.budget - committed["amount"]
    if total > left:
        errors.append(
            _(
                "The proposal totals %(total)s, more than the %(left)s left of the call's "
                "budget (budget %(budget)s, of which %(used)s is already approved or in "
                "another notice)."
            )
            % {
                "total": wan_text(total),
                "left": wan_text(max(left, Decimal(0))),
                "budget": wan_text(call.budget),
                "used": wan_text(committed["amount"]),
            }
        )
    if call.quota is not None and len(items) + committed["projects"] > call.quota:
        errors.append(
            _(
                "The proposal has %(n)s projects, more than the %(left)s left of the call's "
                "quota (quota %(quota)s, of which %(used)s already approved or in another "
                "notice)."
            )
            % {
                "n": len(items),
                "left": max(call.quota - committed["projects"], 0),
                "quota": call.quota,
                "used": committed["projects"],
            }
        )
    if errors:
        raise ValidationError(errors)


def _notice_fields(notice: PublicNotice, data: dict) -> None:
    fields_apply(notice, data, NOTICE_FIELDS, strip=True)
    if not notice.title:
        notice.title = _("Public notice of the projects proposed for approval: %(call)s") % {
            "call": notice.call.name
        }
    notice.full_clean(exclude=["call", "created_by", "state"])


def _save_items(notice: PublicNotice, items) -> None:
    notice.items.all().delete()
    NoticeItem.objects.bulk_create(
        NoticeItem(notice=notice, declaration=decl, proposed_amount=amount, sort=i)
        for i, (decl, amount) in enumerate(items)
    )


def _items_summary(items) -> list[str]:
    return [f"{decl.reference}: {wan_text(amount)}" for decl, amount in items]


@transaction.atomic
def notice_create(user, call: Call, data: dict, items) -> PublicNotice:
    """Draft a notice for `call` proposing `items`, a list of (declaration, yuan)."""
    notice = PublicNotice(call=call, created_by=user)
    require_runs(user, notice)
    _notice_fields(notice, data)
    proposal_check(call, items)
    notice.save()
    _save_items(notice, items)
    audit_record(
        notice,
        actor=user,
        action="created",
        changes={"items": [None, _items_summary(items)], "period_days": [None, notice.period_days]},
    )
    return notice


@transaction.atomic
def notice_update(user, notice: PublicNotice, data: dict, items=None) -> PublicNotice:
    """Change a draft; `items`, when given, replace the proposal."""
    notice = locked_notice(notice)
    require_runs(user, notice)
    if notice.state != NoticeState.DRAFT:
        raise ActionRefused(
            _("A notice that is %(state)s cannot be changed; only a draft can.")
            % {"state": notice.get_state_display()}
        )
    before_items = [
        f"{i.declaration.reference}: {wan_text(i.proposed_amount)}"
        for i in notice.items.select_related("declaration")
    ]
    before = {k: getattr(notice, k) for k in NOTICE_FIELDS}
    _notice_fields(notice, data)
    if items is not None:
        proposal_check(notice.call, items, notice=notice)
    notice.save()
    changes = field_changes(before, {k: getattr(notice, k) for k in NOTICE_FIELDS})
    if items is not None:
        _save_items(notice, items)
        if _items_summary(items) != before_items:
            changes["items"] = [before_items, _items_summary(items)]
    if changes:
        audit_record(notice, actor=user, action="edited", changes=changes)
    return notice


@transaction.atomic
def notice_publish(user, notice: PublicNotice, *, now=None) -> PublicNotice:
    """Publish the draft: the period starts on the day of publication (office time)
    when that is a working day, and runs for `period_days` working days."""
    now = now or timezone.now()
    notice = locked_notice(notice)
    require_runs(user, notice)
    if notice.state != NoticeState.DRAFT:
        raise ActionRefused(
            _("This notice is %(state)s; only a draft can be published.")
            % {"state": notice.get_state_display()}
        )
    items = list(notice.items.select_related("declaration__organisation"))
    if not items:
        raise ActionRefused(_("Add at least one proposed approval before publishing."))
    proposal_check(notice.call, [(i.declaration, i.proposed_amount) for i in items], notice=notice)
    start = timezone.localdate(now)
    end = workdays.period_end(start, notice.period_days)
    notice.published_at = now
    notice.period_start = start
    notice.period_end = end
    notice.period_estimated = bool(workdays.unpublished_years(start, end))
    for item in items:
        item.project_title = item.declaration.title
        item.organisation_name = item.declaration.organisation.name
        item.save(update_fields=["project_title", "organisation_name"])
    transition_fire(
        user,
        notice,
        "publish",
        what=_("notice"),
        changes={"period": [None, f"{date_text(start)} – {date_text(end)}"]},
    )
    with office_language():
        for item in items:
            notify(
                organisation=item.declaration.organisation,
                text=_(
                    "“%(title)s” is proposed for approval with %(amount)s. The public notice "
                    "runs until %(end)s."
                )
                % {
                    "title": item.title,
                    "amount": wan_text(item.proposed_amount),
                    "end": date_text(end),
                },
                link=reverse("notices:public_notice", args=[notice.pk]),
            )
    return notice


def notice_end_period_if_due(notice: PublicNotice) -> bool:
    """Fire "end the period" once the period's last day has passed. Anyone's request
    may do it (the transition records no person); returns whether it fired."""
    if notice.state != NoticeState.PUBLISHED or not notice.period_over():
        return False
    with transaction.atomic():
        locked = locked_notice(notice)
        if locked.state != NoticeState.PUBLISHED or not locked.period_over():
            return False
        transition_fire(None, locked, "end_period", what=_("notice"))
    notice.refresh_from_db()
    return True


def notices_end_due_periods() -> int:
    """End every period that is over; for a daily scheduled command."""
    return sum(
        notice_end_period_if_due(n)
        for n in PublicNotice.objects.filter(state=NoticeState.PUBLISHED)
    )


@transaction.atomic
def notice_withdraw(user, notice: PublicNotice, reason: str) -> PublicNotice:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the notice is withdrawn.")})
    notice = locked_notice(notice)
    require_runs(user, notice)
    was_public = notice.state in (NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED)
    transition_fire(user, notice, "withdraw", note=reason, what=_("notice"))
    notice.closing_note = reason
    notice.save(update_fields=["closing_note", "updated_at"])
    if was_public:
        with office_language():
            for item in notice.live_items().select_related("declaration__organisation"):
                notify(
                    organisation=item.declaration.organisation,
                    text=_("The public notice “%(notice)s” was withdrawn.")
                    % {"notice": notice.title},
                    link=reverse("calls:declaration", args=[item.declaration_id]),
                )
    return notice


@transaction.atomic
def notice_item_drop(user, item: NoticeItem, reason: str) -> NoticeItem:
    """Take a project out of a published notice (after an upheld objection, say); the
    others can still be approved."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the project is removed.")})
    notice = locked_notice(item.notice)
    require_runs(user, notice)
    if notice.state not in (NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED):
        raise ActionRefused(
            _("Projects can be removed only from a published notice; this one is %(state)s.")
            % {"state": notice.get_state_display()}
        )
    item = NoticeItem.objects.select_for_update().get(pk=item.pk)
    if item.dropped:
        raise ActionRefused(_("This project was already removed from the notice."))
    if not notice.live_items().exclude(pk=item.pk).exists():
        raise ActionRefused(_("This is the last project of the notice: withdraw the notice."))
    item.dropped = True
    item.drop_reason = reason
    item.save(update_fields=["dropped", "drop_reason"])
    audit_record(
        notice,
        actor=user,
        action="item_dropped",
        changes={"items": [f"{item.declaration.reference}: {item.title}", None]},
        note=reason,
    )
    return item
