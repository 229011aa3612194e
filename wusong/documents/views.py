"""Documents as PDFs, to those who may see what they are about."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from wusong.funding.permissions import agreements_visible_to

from . import services
from .responses import pdf_response


@login_required
def agreement_pdf(request, pk):
    agreement = get_object_or_404(agreements_visible_to(request.user), pk=pk)
    return pdf_response(services.agreement_pdf(agreement), f"{agreement.reference}.pdf")
