"""The project report as a PDF, for the project's manager and the leaders."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from .. import permissions
from ..report_pdf import project_report_pdf
from .common import visible_project


@login_required
def project_report(request, pk):
    project = visible_project(request, pk)
    if not permissions.may_download_report(request.user, project):
        raise Http404
    response = HttpResponse(project_report_pdf(project), content_type="application/pdf")
    name = f"report-{project.declaration.reference}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
