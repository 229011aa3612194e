"""Reads of an agreement's checks: whether a failed one stops its tranches."""

from django.utils.translation import gettext as _

from ..models import AgreementCheck
from ..workflow import CheckState


def tranche_stop_reason(agreement) -> str | None:
    """Why no further tranche of this agreement may be released or drawn, or None.

    The hook for `funding.services`: a failed mid-term check or final acceptance stops
    further tranches."""
    failed = AgreementCheck.objects.filter(agreement=agreement, state=CheckState.FAILED).first()
    if failed is None:
        return None
    return _("%(check)s failed on %(date)s; further tranches are stopped. %(consequence)s") % {
        "check": failed.get_kind_display(),
        "date": failed.decided_on,
        "consequence": failed.consequence,
    }
