"""A document handed out: the PDF as the response, named for saving, never cached (it is
for whoever the app's view let through, and may change)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    return response
