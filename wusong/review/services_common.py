"""What the notice services share: locking a notice, who may run it, and amounts and
dates as the office writes them."""

from django.utils.translation import gettext as _

from wusong.errors import NotAllowed
from wusong.kernels.money import format_wan

from . import permissions
from .models import PublicNotice


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
