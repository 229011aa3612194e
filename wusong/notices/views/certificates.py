"""The approval certificate (立项证书) as a PDF, for whoever may see the approved
declaration; to anyone else it does not exist."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from wusong.calls.permissions import declarations_visible_to
from wusong.calls.states import State
from wusong.documents.responses import pdf_response

from ..certificates import certificate_pdf as certificate_document


@login_required
def certificate_pdf(request, pk):
    declaration = get_object_or_404(
        declarations_visible_to(request.user).filter(state=State.APPROVED), pk=pk
    )
    return pdf_response(certificate_document(declaration), f"LX-{declaration.reference}.pdf")
