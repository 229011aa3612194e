"""Reads of programmes, calls and declarations, shared by the web pages and the API.

Every declaration read starts from `permissions.declarations_visible_to`, so a record a
user may not see never appears in a list and is "not found" when asked for by id.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.models import AuditEntry
from wusong.audit.services import audit_history
from wusong.kernels.money import format_wan, plain

from . import permissions
from .history import ACTION_LABELS
from .models import Attachment, Call, Declaration
from .states import State

# ordering key -> the model field (or annotation) it sorts by
DECLARATION_ORDERINGS = {
    "submitted_at": "submitted_at",
    "requested_amount": "requested_amount",
    "title": "title",
    "state": "state_order",
    "reference": "reference",
}


def _state_order() -> Case:
    """States sort in the order the workflow declares them, not alphabetically."""
    return Case(
        *(When(state=code, then=Value(i)) for i, code in enumerate(State.values)),
        default=Value(len(State.values)),
        output_field=IntegerField(),
    )


def _by_id_or_code(value, model_field: str = "id"):
    """A model instance, a primary key, or a code: the lookup that finds it."""
    if hasattr(value, "pk"):
        return {model_field: value.pk}
    text = str(value).strip()
    if text.isdigit():
        return {model_field: int(text)}
    return {model_field.removesuffix("_id") + "__code": text}


def declaration_list(
    user,
    *,
    call=None,
    state=None,
    industry=None,
    amount_min=None,
    amount_max=None,
    submitted_from=None,
    submitted_to=None,
    ordering=None,
) -> QuerySet:
    """The declarations `user` may see, filtered and sorted.

    `call` and `industry` are an instance, an id or a code; `state` is a state code or
    several; amounts are in yuan; `submitted_from`/`submitted_to` are dates (inclusive,
    in the office's time zone) or datetimes; `ordering` is a key of
    DECLARATION_ORDERINGS, prefixed with "-" for descending.
    """
    qs = permissions.declarations_visible_to(user).select_related(
        "call__programme", "organisation", "industry", "created_by"
    )
    if call not in (None, ""):
        qs = qs.filter(**_by_id_or_code(call, "call_id"))
    if industry not in (None, ""):
        qs = qs.filter(**_by_id_or_code(industry, "industry_id"))
    if state:
        states = [state] if isinstance(state, str) else list(state)
        qs = qs.filter(state__in=states)
    if amount_min is not None:
        qs = qs.filter(requested_amount__gte=amount_min)
    if amount_max is not None:
        qs = qs.filter(requested_amount__lte=amount_max)
    qs = _filter_submitted(qs, submitted_from, submitted_to)
    if ordering:
        descending = ordering.startswith("-")
        key = ordering.removeprefix("-")
        if key not in DECLARATION_ORDERINGS:
            raise ValueError(f"unknown ordering {ordering!r}")
        if key == "state":
            qs = qs.annotate(state_order=_state_order())
        column = F(DECLARATION_ORDERINGS[key])
        qs = qs.order_by(
            column.desc(nulls_last=True) if descending else column.asc(nulls_last=True), "-id"
        )
    return qs


def _filter_submitted(qs: QuerySet, start, end) -> QuerySet:
    if start is not None:
        if isinstance(start, dt.datetime):
            qs = qs.filter(submitted_at__gte=start)
        else:
            qs = qs.filter(submitted_at__date__gte=start)
    if end is not None:
        if isinstance(end, dt.datetime):
            qs = qs.filter(submitted_at__lte=end)
        else:
            qs = qs.filter(submitted_at__date__lte=end)
    return qs


def declaration_get(user, pk) -> Declaration:
    """The declaration if `user` may see it; Declaration.DoesNotExist otherwise."""
    return declaration_list(user).get(pk=pk)


def declaration_snapshot(decl: Declaration) -> dict:
    """What the declaration says, as text, for history and "what changed" views."""
    snap = {
        "title": decl.title,
        "summary": decl.summary,
        "keywords": decl.keywords,
        "industry": decl.industry.name if decl.industry_id else "",
        "trl": str(decl.trl),
        "company_status": decl.company_status,
        "company_name": decl.company_name,
        "uscc": decl.uscc,
        "requested_amount": f"{format_wan(decl.requested_amount, 4)} 万元",
        "team": [
            " · ".join(
                x for x in (m.name, m.role, m.title, m.affiliation, "★" if m.is_lead else "") if x
            )
            for m in decl.team.all()
        ],
        "milestones": [
            " · ".join(x for x in (m.due.isoformat(), m.title, m.deliverable) if x)
            for m in decl.milestones.all()
        ],
        "attachments": [
            f"{a.get_kind_display()}: {a.original_name}" for a in decl.attachments.all()
        ],
    }
    for answer in decl.answers.select_related("field"):
        value = answer.value
        if value is None:
            value = ""
        elif isinstance(value, Decimal):
            value = plain(value)
        snap[f"field:{answer.field.key}"] = str(value)
    return snap


def submission_problems(decl: Declaration) -> list[str]:
    """What is still missing before the declaration can be submitted."""
    problems = []
    if not decl.team.exists():
        problems.append(_("Add at least one team member."))
    elif not decl.team.filter(is_lead=True).exists():
        problems.append(_("Mark one team member as the project lead."))
    if not decl.milestones.exists():
        problems.append(_("Add at least one expected milestone."))
    if not decl.attachments.filter(kind=Attachment.Kind.BUSINESS_PLAN).exists():
        problems.append(_("Upload the business plan."))
    answered = {a.field_id for a in decl.answers.all() if a.value not in (None, "")}
    for field in decl.call.fields.filter(required=True):
        if field.pk not in answered:
            problems.append(_("Answer “%(question)s”.") % {"question": field.display_label})
    return problems


def declaration_history(decl: Declaration) -> QuerySet:
    """The declaration's audit entries, oldest first."""
    return audit_history(decl)


def declaration_last_resubmission(decl: Declaration) -> AuditEntry | None:
    return audit_history(decl).filter(action="resubmitted").order_by("-at", "-id").first()


def declaration_last_changes(decl: Declaration) -> dict:
    """What changed at the last resubmission: {field: [before, after]}, or {} if the
    declaration was never resubmitted."""
    entry = declaration_last_resubmission(decl)
    return dict(entry.changes) if entry else {}


def audit_action_label(action: str) -> str:
    """A readable label for an audit entry's action."""
    return str(ACTION_LABELS.get(action, action))


def _transitions():
    field = Declaration._meta.get_field("state")
    return list(field.get_all_transitions(Declaration))


def declaration_available_actions(user, decl: Declaration) -> list[dict]:
    """What `user` may do with the declaration now: "edit" while it is theirs to edit,
    then each workflow transition the state allows and the user may fire."""
    actions = []
    if permissions.can_edit_declaration(user, decl):
        actions.append({"code": "edit", "label": str(_("Edit"))})
    seen = set()
    for transition in decl.get_available_user_state_transitions(user):
        if transition.name not in seen:
            seen.add(transition.name)
            actions.append(
                {"code": transition.name, "label": str(transition.custom.get("label", ""))}
            )
    return actions


def declaration_workflow() -> dict:
    """The declared state machine: states and transitions with codes and labels."""
    transitions: dict[str, dict] = {}
    for t in _transitions():
        entry = transitions.setdefault(
            t.name,
            {
                "code": t.name,
                "label": str(t.custom.get("label", t.name)),
                "actor": t.custom.get("actor", ""),
                "reason_required": bool(t.custom.get("reason")),
                "sources": [],
                "target": t.target,
            },
        )
        if t.source not in entry["sources"]:
            entry["sources"].append(t.source)
    return {
        "states": [{"code": code, "label": str(label)} for code, label in State.choices],
        "transitions": list(transitions.values()),
    }


def office_calls(user) -> QuerySet:
    """The calls on the office desk of `user` (every call for leaders and administrators),
    newest first, each with how many were declared, how many wait for formal review and
    the amount requested."""
    if permissions.reads_everything(user):
        calls = Call.objects.all()
    else:
        calls = Call.objects.filter(programme__in=permissions.programmes_run_by(user))
    return (
        calls.select_related("programme")
        .annotate(
            declared=Count("declarations", filter=~Q(declarations__state=State.DRAFT)),
            waiting=Count(
                "declarations",
                filter=Q(declarations__state__in=[State.SUBMITTED, State.UNDER_FORMAL_REVIEW]),
            ),
            requested=Sum(
                "declarations__requested_amount", filter=~Q(declarations__state=State.DRAFT)
            ),
        )
        .order_by("-opens_at", "code")
    )


def declaration_totals(declarations: QuerySet) -> dict:
    """How many declarations a list holds and the amount they request: {n, amount}."""
    return declarations.aggregate(n=Count("id"), amount=Sum("requested_amount"))


def organisation_declarations(organisation) -> QuerySet | list:
    """The organisation's own declarations, last changed first (none without one)."""
    if organisation is None:
        return []
    return organisation.declarations.select_related("call", "industry").order_by("-updated_at")


def call_list(*, programme=None, open_only: bool = False, at=None) -> QuerySet:
    """Calls, optionally of one programme (instance, id or code) and only those open now."""
    qs = Call.objects.select_related("programme").prefetch_related("fields")
    if programme not in (None, ""):
        qs = qs.filter(**_by_id_or_code(programme, "programme_id"))
    if open_only:
        at = at or timezone.now()
        qs = qs.filter(Q(open_all_year=True) | Q(opens_at__lte=at, closes_at__gte=at))
    return qs


def unknown_states(codes: Iterable[str]) -> list[str]:
    """The codes that are not states of the declaration workflow."""
    return [c for c in codes if c not in State.values]
