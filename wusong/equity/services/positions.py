"""Opening the convertible position of a signed convertible agreement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.models import CONVERTIBLE_INSTRUMENTS, Agreement
from wusong.funding.permissions import runs_agreement
from wusong.funding.terms import agreement_terms
from wusong.funding.workflow import AgreementState
from wusong.kernels.conversion import ConversionInputError

from ..models import ConvertiblePosition


@transaction.atomic
def position_open(user, agreement: Agreement) -> ConvertiblePosition:
    """Open the convertible position of a signed convertible agreement, once."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme opens its positions."))
    if agreement.instrument not in CONVERTIBLE_INSTRUMENTS:
        raise ActionRefused(_("A grant never converts into equity; it has no position."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(
            _("A position is opened under a signed agreement; this one is %(state)s.")
            % {"state": agreement.get_state_display()}
        )
    try:
        agreement_terms(agreement)
    except ConversionInputError as exc:
        raise ValidationError({exc.field: exc.message}) from None
    if ConvertiblePosition.objects.filter(agreement=agreement, residual_of__isnull=True).exists():
        raise ActionRefused(_("This agreement's position is already open."))
    position = ConvertiblePosition.objects.create(
        agreement=agreement,
        holder=agreement.funder,
        company=agreement.recipient,
        instrument=agreement.instrument,
        opened_by=user,
    )
    audit_record(position, actor=user, action="opened", changes={"state": [None, position.state]})
    return position
