"""The one way a record changes state or fields: a declared transition fired with its
permission and audit entry, and an update of named fields with the diff audited.

Workflows are declared with django-fsm (`workflow.py` in each app); every transition
declares who may fire it with `permission=may(predicate)`, where the predicate takes
`(user, record)` like every other permission predicate in the project. django-fsm calls
permissions as `(record, user)`; `may` adapts that order here, in one place.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_fsm import has_transition_perm

from wusong.errors import ActionRefused, NotAllowed

from .services import audit_record, field_changes


def may(predicate: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """A transition's `permission=` from a `(user, record)` predicate."""

    def permission(record, user) -> bool:
        return bool(predicate(user, record))

    permission.__name__ = getattr(predicate, "__name__", "permission")
    permission.__doc__ = getattr(predicate, "__doc__", None)
    permission.predicate = predicate
    return permission


def transition_label(model_or_record, name: str) -> str:
    """The label transition `name` is declared with (its name where none is)."""
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    meta = getattr(model, name)._django_fsm
    transition = next(iter(meta.transitions.values()))
    return str(transition.custom.get("label", name))


def transition_permitted(user, record, name: str) -> bool:
    """Whether `user` may fire `name` on `record` as it stands (state and permission)."""
    if name not in {t.name for t in record.get_available_state_transitions()}:
        return False
    return has_transition_perm(getattr(record, name), user)


def transition_fire(
    user,
    record: models.Model,
    name: str,
    *,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
    what: str | None = None,
    audit_on: models.Model | None = None,
    action: str | None = None,
    state_key: str | None = "state",
    refused: str | None = None,
) -> models.Model:
    """Fire the declared transition `name` on `record` as `user`, save it, and write the
    audit entry; refused, with nothing changed, when the state or a condition does not
    allow it (ActionRefused) or the transition's permission does not admit `user`
    (NotAllowed). Call inside the service's transaction.

    `what` names the record in messages ("declaration", "notice"); `audit_on` writes the
    entry on another record (a disbursement's on its agreement), its action then prefixed
    with the record's model name unless `action` is given; `state_key` is the key the
    state change is recorded under (None: the entry records no state change, where the
    action's name says it all); `refused` replaces the wrong-state message.
    """
    label = transition_label(record, name)
    if name not in {t.name for t in record.get_available_state_transitions()}:
        if refused is not None:
            raise ActionRefused(refused)
        if what:
            message = _("“%(action)s” is not possible while the %(what)s is %(state)s.") % {
                "action": label,
                "what": what,
                "state": record.get_state_display(),
            }
        else:
            message = _("“%(action)s” is not possible while this is %(state)s.") % {
                "action": label,
                "state": record.get_state_display(),
            }
        raise ActionRefused(message)
    method = getattr(record, name)
    if not has_transition_perm(method, user):
        if what:
            raise NotAllowed(
                _("You may not do “%(action)s” on this %(what)s.") % {"action": label, "what": what}
            )
        raise NotAllowed(_("You may not do “%(action)s” here.") % {"action": label})
    before = record.state
    method()
    record.save()
    target = audit_on if audit_on is not None else record
    if action is None:
        action = name if target is record else f"{record._meta.model_name}_{name}"
    audit_record(
        target,
        actor=user,
        action=action,
        changes={
            **({state_key: [before, record.state]} if state_key else {}),
            **(changes or {}),
        },
        note=note,
    )
    return record


def _shown(value) -> Any:
    """A field's value as the audit history keeps it (JSON-safe, readable)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def fields_apply(
    record: models.Model,
    data: Mapping[str, Any],
    allowed: Iterable[str],
    *,
    strip=False,
    refusal: type[Exception] = ValidationError,
    refused: str | None = None,
) -> None:
    """Set `data` on `record`, refusing (before setting anything) a field not in `allowed`
    with `refusal` (ValidationError, or ActionRefused where the service has always
    answered so); `refused` (with `%(field)s`) replaces the message."""
    allowed = set(allowed)
    for key in data:
        if key not in allowed:
            message = refused or _("%(field)s cannot be changed here.")
            raise refusal(message % {"field": key})
    for key, value in data.items():
        if strip and isinstance(value, str):
            value = value.strip()
        setattr(record, key, value)


def audited_update(
    user,
    record: models.Model,
    data: Mapping[str, Any],
    *,
    fields: Iterable[str],
    snapshot: Callable[[models.Model], Mapping[str, Any]] | None = None,
    validate: Callable[[models.Model], None] | None = None,
    clean_exclude: Iterable[str] | None = None,
    strip: bool = False,
    refusal: type[Exception] = ValidationError,
    refused: str | None = None,
    action: str = "edited",
    note: str = "",
    audit_on: models.Model | None = None,
) -> dict[str, list]:
    """Change the named fields of `record` from `data`, validate, save, and write one
    audit entry with `{field: [before, after]}` for what really changed (none when
    nothing did). Returns those changes.

    A key outside `fields` is refused (with `refusal`; `refused` is the message) with nothing changed. `snapshot` gives the values
    compared (default: the `fields`, as text); `validate` checks the record before it is
    saved (default: `full_clean`, excluding `clean_exclude`).
    """
    fields = tuple(fields)
    take = snapshot or (lambda r: {f: _shown(getattr(r, f)) for f in fields})
    before = dict(take(record))
    fields_apply(record, data, fields, strip=strip, refusal=refusal, refused=refused)
    if validate is not None:
        validate(record)
    else:
        record.full_clean(exclude=list(clean_exclude or ()))
    record.save()
    changes = field_changes(before, dict(take(record)))
    if changes:
        audit_record(
            audit_on if audit_on is not None else record,
            actor=user,
            action=action,
            changes=changes,
            note=note,
        )
    return changes
