"""Excel exports of the lists officers work from."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from wusong.kernels.money import yuan_to_wan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def declarations_workbook(declarations, *, filename: str) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Declarations")[:31]
    headers = [
        _("Reference"),
        _("Project title"),
        _("Declaring organisation"),
        _("Unified social credit code"),
        _("Industry"),
        _("TRL"),
        _("Requested amount (万元)"),
        _("State"),
        _("Submitted at"),
    ]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for d in declarations:
        ws.append(
            [
                d.reference,
                d.title,
                str(d.organisation),
                d.uscc,
                str(d.industry),
                d.trl,
                yuan_to_wan(d.requested_amount, 4),
                d.get_state_display(),
                timezone.localtime(d.submitted_at).replace(tzinfo=None) if d.submitted_at else None,
            ]
        )
    for column, width in zip("ABCDEFGHI", (18, 40, 30, 22, 18, 6, 16, 18, 18), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2, min_col=7, max_col=7):
        row[0].number_format = "#,##0.0000"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    wb.save(response)
    return response
