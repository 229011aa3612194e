"""Documents as PDFs, to those who may see what they are about."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from wusong.calls.permissions import declarations_visible_to
from wusong.calls.workflow import State
from wusong.funding.permissions import agreements_visible_to

from . import services


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def agreement_pdf(request, pk):
    agreement = get_object_or_404(agreements_visible_to(request.user), pk=pk)
    return _pdf(services.agreement_pdf(agreement), f"{agreement.reference}.pdf")


@login_required
def certificate_pdf(request, pk):
    """The approval certificate, for whoever may see the approved declaration."""
    declaration = get_object_or_404(
        declarations_visible_to(request.user).filter(state=State.APPROVED), pk=pk
    )
    return _pdf(services.certificate_pdf(declaration), f"LX-{declaration.reference}.pdf")
