"""Reads of programmes, calls and declarations, shared by the web pages and the API.

Every declaration read starts from `permissions.declarations_visible_to`, so a record a
user may not see never appears in a list and is "not found" when asked for by id.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wusong.audit.models import AuditEntry
from wusong.audit.services import audit_history

from . import permissions
from .history import ACTION_LABELS
from .models import Call, Declaration
from .workflow import State

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
