"""The approval certificate (立项证书) of an approved declaration: the context is built here,
from the approved notice, and `documents` renders it from the office's template."""

from django.conf import settings
from django.utils import timezone

from wusong.audit.services import audit_history
from wusong.documents.models import DocumentKey
from wusong.documents.services import party, render_pdf

from .models import NoticeItem
from .workflow import NoticeState


def approved_amount(declaration):
    """The amount approved: the one proposed in the approved public notice, or, for a
    declaration approved without a notice (the pilot's historical batches), the amount
    requested."""
    item = (
        NoticeItem.objects.filter(
            declaration=declaration, dropped=False, notice__state=NoticeState.APPROVED
        )
        .order_by("-notice__pk")
        .first()
    )
    return item.proposed_amount if item else declaration.requested_amount


def certificate_context(declaration) -> dict:
    approval = audit_history(declaration).filter(action="approve").last()
    call = declaration.call
    return {
        "number": f"LX-{declaration.reference}",
        "organisation": party(declaration.organisation),
        "project": {
            "title": declaration.title,
            "reference": declaration.reference,
            "programme": call.programme.name,
            "call": call.name,
        },
        "amount": approved_amount(declaration),
        "issuer": settings.WUSONG_OFFICE_NAME,
        "date": timezone.localtime(approval.at).date() if approval else timezone.localdate(),
    }


def certificate_pdf(declaration) -> bytes:
    """The approval certificate (立项证书) of an approved declaration."""
    return render_pdf(DocumentKey.APPROVAL_CERTIFICATE.value, certificate_context(declaration))
