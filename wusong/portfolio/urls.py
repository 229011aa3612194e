from django.urls import path

from .views import care, checks, panel, pool, project, report_pdf, reports

app_name = "portfolio"

urlpatterns = [
    path("", project.desk, name="desk"),
    path("candidates/", pool.pool, name="pool"),
    path("panels/", panel.panels_mine, name="panels"),
    path("checks/<int:check_pk>/panel/", panel.check_panel, name="check_panel"),
    path("checks/<int:check_pk>/panel/form/", panel.panel_form, name="panel_form"),
    path("checks/<int:check_pk>/panel/score/", panel.panel_score, name="panel_score"),
    path("checks/<int:check_pk>/panel/decide/", panel.panel_decide, name="panel_decide"),
    path("checks/<int:check_pk>/panel/meeting/", panel.check_meeting, name="check_meeting"),
    path("follow/<int:declaration_pk>/", pool.follow, name="follow"),
    path("projects/<int:pk>/", project.project_detail, name="project"),
    path("projects/<int:pk>/report.pdf", report_pdf.project_report, name="report_pdf"),
    path("projects/<int:pk>/assess/", project.assess, name="assess"),
    path("projects/<int:pk>/plan/from-assessment/", care.plan_from_assessment, name="plan_from"),
    path("projects/<int:pk>/plan/add/", care.plan_item_add, name="plan_add"),
    path(
        "projects/<int:pk>/plan/<int:item_pk>/<slug:action>/",
        care.plan_item_action,
        name="plan_action",
    ),
    path("projects/<int:pk>/services/", care.service_log, name="service_log"),
    path("projects/<int:pk>/servers/<int:server_pk>/rate/", care.rate, name="rate"),
    path("projects/<int:pk>/servers/", care.server_assign, name="server_assign"),
    path("projects/<int:pk>/servers/<int:server_pk>/end/", care.server_end, name="server_end"),
    path("projects/<int:pk>/reports/new/", reports.report_new, name="report_new"),
    path("projects/<int:pk>/reports/<int:year>/<int:period>/", reports.report_form, name="report"),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/decide/",
        reports.report_decide,
        name="report_decide",
    ),
    path(
        "projects/<int:pk>/alerts/<int:alert_pk>/resolve/",
        reports.alert_resolve,
        name="alert_resolve",
    ),
    path("projects/<int:pk>/edit/", project.project_edit, name="edit"),
    path("projects/<int:pk>/contacts/", pool.contact_add, name="contact_add"),
    path("projects/<int:pk>/follow-up/", pool.follow_up, name="follow_up"),
    path("projects/<int:pk>/invite/", pool.invite, name="invite"),
    path("projects/<int:pk>/extension/", checks.extension_request, name="extension_request"),
    path("projects/<int:pk>/extension/decide/", checks.extension_decide, name="extension_decide"),
    path("projects/<int:pk>/checks/", checks.check_schedule, name="check_schedule"),
    path(
        "projects/<int:pk>/checks/<int:check_pk>/outcome/",
        checks.check_outcome,
        name="check_outcome",
    ),
    path(
        "projects/<int:pk>/checks/<int:check_pk>/rectification/",
        checks.rectification,
        name="rectification",
    ),
]
