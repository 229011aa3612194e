"""Equity's part in funding's agreements, registered on `wusong.funding.hooks` in
`EquityConfig.ready()`: a convertible agreement's page shows its position, links the
company's cap table and lets the programme's officer open the position; and once a
position under an agreement has closed, the agreement's terms no longer change."""

from django.utils.translation import gettext as _

from wusong.funding.models import CONVERTIBLE_INSTRUMENTS
from wusong.funding.permissions import runs_agreement
from wusong.funding.workflow import AgreementState

from .models import ConvertiblePosition
from .workflow import PositionState


def agreement_part(user, agreement) -> dict | None:
    """The position part of a convertible agreement's page; None for a grant."""
    if agreement.instrument not in CONVERTIBLE_INSTRUMENTS:
        return None
    position = ConvertiblePosition.objects.filter(
        agreement=agreement, residual_of__isnull=True
    ).first()
    return {
        "template": "equity/_agreement_part.html",
        "position": position,
        "may_open": position is None
        and agreement.state == AgreementState.SIGNED
        and runs_agreement(user, agreement),
    }


def terms_lock(agreement) -> str | None:
    """Why the terms no longer change: a position under the agreement has closed."""
    closed = ConvertiblePosition.objects.filter(agreement=agreement).exclude(
        state=PositionState.OPEN
    )
    if closed.exists():
        return _("A position under this agreement has closed; its terms no longer change.")
    return None
