"""Every write of post-investment care: one function per thing a user does, each in one
transaction with its audit entry; a refused action changes nothing. By topic: following
projects and the candidate pool (`projects`), indicators and assessments
(`assessments`), the service plan and those who serve (`care`), company reports
(`reports`), checks and extensions (`checks`) and the check's expert panel (`panel`)."""

from .assessments import assessment_record, indicator_save
from .care import (
    plan_from_assessment,
    plan_item_cancel,
    plan_item_complete,
    plan_item_create,
    plan_item_start,
    rating_add,
    server_assign,
    server_end,
    service_log_add,
)
from .checks import (
    check_record_outcome,
    check_schedule,
    extension_decide,
    extension_request,
    rectification_file,
)
from .panel import panel_decide, panel_form, panel_score_save
from .projects import (
    candidate_invite,
    contact_add,
    follow_up_add,
    project_follow,
    project_update,
)
from .reports import (
    alert_resolve,
    period_check,
    report_accept,
    report_alerts,
    report_return,
    report_save,
    report_submit,
    reports_chase,
)

__all__ = [
    "alert_resolve",
    "assessment_record",
    "candidate_invite",
    "check_record_outcome",
    "check_schedule",
    "contact_add",
    "extension_decide",
    "extension_request",
    "follow_up_add",
    "indicator_save",
    "panel_decide",
    "panel_form",
    "panel_score_save",
    "period_check",
    "plan_from_assessment",
    "plan_item_cancel",
    "plan_item_complete",
    "plan_item_create",
    "plan_item_start",
    "project_follow",
    "project_update",
    "rating_add",
    "rectification_file",
    "report_accept",
    "report_alerts",
    "report_return",
    "report_save",
    "report_submit",
    "reports_chase",
    "server_assign",
    "server_end",
    "service_log_add",
]
