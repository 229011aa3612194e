"""What every portfolio service shares: firing a declared transition with its checks and
audit entry, and the refusal helpers."""

from django.utils.translation import gettext as _
from django_fsm import has_transition_perm

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed


def require(condition: bool, message: str) -> None:
    if not condition:
        raise NotAllowed(message)


def transition_label(record, name: str) -> str:
    meta = getattr(type(record), name)._django_fsm
    transition = next(iter(meta.transitions.values()))
    return str(transition.custom.get("label", name))


def fire(user, record, name: str, *, audit_on=None, note: str = "", changes=None) -> None:
    """Fire transition `name` on `record` if its state allows and `user` may; save; write
    the audit entry on `audit_on` (default the record itself)."""
    label = transition_label(record, name)
    if name not in {t.name for t in record.get_available_state_transitions()}:
        raise ActionRefused(
            _("“%(action)s” is not possible while this is %(state)s.")
            % {"action": label, "state": record.get_state_display()}
        )
    method = getattr(record, name)
    if not has_transition_perm(method, user):
        raise NotAllowed(_("You may not do “%(action)s” here.") % {"action": label})
    before = record.state
    method()
    record.save()
    entry_changes = {"state": [before, record.state]}
    entry_changes.update(changes or {})
    target = audit_on if audit_on is not None else record
    prefix = "" if target is record else f"{record._meta.model_name}_"
    audit_record(target, actor=user, action=f"{prefix}{name}", changes=entry_changes, note=note)
