"""Reads of notices and objections, shared by the pages and the API."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wusong.audit.services import audit_history
from wusong.calls import permissions as call_permissions
from wusong.calls.models import Call, Declaration
from wusong.calls.states import State

from . import permissions
from .models import NoticeItem, PublicNotice
from .workflow import COMMITTED_STATES, PUBLIC_NOTICE_STATES, NoticeState


def public_notices() -> QuerySet:
    """What the public may read: published, period ended and approved notices."""
    return PublicNotice.objects.filter(state__in=PUBLIC_NOTICE_STATES).select_related(
        "call__programme"
    )


def office_notices(user) -> QuerySet:
    return permissions.notices_in_office_of(user)


def calls_to_notice(user) -> QuerySet:
    """Calls the user runs that have declarations waiting for selection."""
    calls = Call.objects.filter(programme__in=call_permissions.programmes_run_by(user))
    return calls.filter(declarations__state=State.PASSED).distinct().select_related("programme")


def proposal_committed(call: Call, *, exclude: PublicNotice | None = None) -> dict:
    """What the call's budget and quota already carry: projects in other published or
    approved notices, and declarations approved without a notice (at the amount they
    requested, the best figure known)."""
    items = NoticeItem.objects.filter(
        notice__call=call, notice__state__in=COMMITTED_STATES, dropped=False
    )
    if exclude is not None and exclude.pk:
        items = items.exclude(notice=exclude)
    noticed = items.aggregate(n=Count("id"), amount=Sum("proposed_amount"))
    outside = (
        Declaration.objects.filter(call=call, state=State.APPROVED)
        .exclude(notice_items__notice__state=NoticeState.APPROVED)
        .aggregate(n=Count("id"), amount=Sum("requested_amount"))
    )
    return {
        "projects": (noticed["n"] or 0) + (outside["n"] or 0),
        "amount": (noticed["amount"] or Decimal(0)) + (outside["amount"] or Decimal(0)),
    }


def passed_declarations(call: Call) -> QuerySet:
    return (
        Declaration.objects.filter(call=call, state=State.PASSED)
        .select_related("organisation")
        .order_by("reference")
    )


def declarations_to_settle(notice: PublicNotice) -> QuerySet:
    """Passed (or shortlisted) declarations of the call outside the notice, which the
    leader may record as candidates or not selected when approving."""
    in_notice = notice.live_items().values_list("declaration_id", flat=True)
    return (
        Declaration.objects.filter(call=notice.call, state__in=[State.PASSED, State.CANDIDATE])
        .exclude(pk__in=in_notice)
        .select_related("organisation")
        .order_by("reference")
    )


def notice_objections(notice: PublicNotice) -> QuerySet:
    return notice.objections.select_related("item", "resolved_by")


HISTORY_LABELS = {
    "created": _("Drafted"),
    "edited": _("Draft changed"),
    "publish": _("Published"),
    "objection_filed": _("Objection received"),
    "objection_upheld": _("Objection upheld"),
    "objection_dismissed": _("Objection dismissed"),
    "item_dropped": _("Project removed from the notice"),
    "end_period": _("Period ended"),
    "approve": pgettext_lazy("public notice state", "Approved"),
    "withdraw": _("Withdrawn"),
}


def notice_history(notice: PublicNotice) -> list:
    """The notice's audit entries, oldest first, each with a `label` for people."""
    entries = list(audit_history(notice))
    for entry in entries:
        entry.label = HISTORY_LABELS.get(entry.action, entry.action)
        changed = entry.changes.get("objections") or entry.changes.get("period") or [None, None]
        entry.detail = changed[1] if isinstance(changed, list) and len(changed) == 2 else None
    return entries


def notice_is_open_for_objections(notice: PublicNotice, now=None) -> bool:
    return notice.state == NoticeState.PUBLISHED and not notice.period_over(now)


def notice_draft_items(call: Call, amounts: dict) -> list[tuple[Declaration, Decimal]]:
    """(declaration, yuan) pairs from {declaration id: yuan}, for forms and the API."""
    decls = Declaration.objects.filter(call=call, pk__in=list(amounts)).in_bulk()
    missing = [str(k) for k in amounts if int(k) not in decls]
    if missing:
        raise ValidationError(
            gettext("No declaration %(ids)s in this call.") % {"ids": ", ".join(missing)}
        )
    return [(decls[int(k)], v) for k, v in amounts.items()]
