"""What the review services share: firing a declared transition with its audit entry,
locking a notice, and amounts and dates as the office writes them."""

from django.utils.translation import gettext as _
from django_fsm import has_transition_perm

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.money import format_wan

from . import permissions
from .models import PublicNotice


def wan_text(amount) -> str:
    return f"{format_wan(amount)} 万元"


def date_text(d) -> str:
    return d.strftime("%Y-%m-%d")


def transition_label(model, name: str) -> str:
    meta = getattr(model, name)._django_fsm
    return str(next(iter(meta.transitions.values())).custom.get("label", name))


def fire(user, obj, name: str, *, reason: str = "", changes=None, what: str = ""):
    """Fire the transition `name` on `obj` as `user`, save, and write the audit entry.
    Refused (nothing changed) when the state or a condition does not allow it, or the
    user may not."""
    method = getattr(obj, name)
    if name not in {t.name for t in obj.get_available_state_transitions()}:
        raise ActionRefused(
            _("“%(action)s” is not possible while the %(what)s is %(state)s.")
            % {
                "action": transition_label(type(obj), name),
                "what": what,
                "state": obj.get_state_display(),
            }
        )
    if not has_transition_perm(method, user):
        raise NotAllowed(
            _("You may not do “%(action)s” on this %(what)s.")
            % {"action": transition_label(type(obj), name), "what": what}
        )
    before = obj.state
    method()
    obj.save()
    audit_record(
        obj,
        actor=user,
        action=name,
        changes={"state": [before, obj.state], **(changes or {})},
        note=reason,
    )
    return obj


def locked_notice(notice: PublicNotice) -> PublicNotice:
    """The notice, re-read and locked for the rest of the transaction."""
    return (
        PublicNotice.objects.select_for_update().select_related("call__programme").get(pk=notice.pk)
    )


def require_runs(user, notice) -> None:
    if not permissions.runs_notice(notice, user):
        raise NotAllowed(_("Only an officer of this programme can do this."))
