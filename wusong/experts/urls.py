from django.urls import path

from .views import desk, office

app_name = "experts"

urlpatterns = [
    path("", office.pool, name="pool"),
    path("template.xlsx", office.import_template, name="template"),
    path("new/", office.expert_new, name="expert_new"),
    path("<int:pk>/", office.expert_detail, name="expert"),
    path("<int:pk>/password-link/", office.expert_password_link, name="password_link"),
    path("rounds/", office.rounds, name="rounds"),
    path("rounds/new/<slug:code>/", office.round_new, name="round_new"),
    path("rounds/<int:pk>/", office.round_detail, name="round"),
    path("rounds/<int:pk>/settings/", office.round_settings, name="round_settings"),
    path("rounds/<int:pk>/solve/", office.round_solve, name="round_solve"),
    path("rounds/<int:pk>/progress/", office.round_progress, name="round_progress"),
    path("rounds/<int:pk>/draw/", office.round_draw, name="round_draw"),
    path("rounds/<int:pk>/rules/", office.round_rule, name="round_rule"),
    path("rounds/<int:pk>/panel/", office.round_panel, name="round_panel"),
    path("rounds/<int:pk>/publish/", office.round_publish, name="round_publish"),
    path("rounds/<int:pk>/close/", office.round_close, name="round_close"),
    path("rounds/<int:pk>/duplicates/", office.duplicates_check, name="duplicates_check"),
    path(
        "rounds/<int:pk>/duplicates/<int:flag_pk>/",
        office.duplicate_decide,
        name="duplicate_decide",
    ),
    path("rounds/<int:pk>/ranking/", office.round_ranking, name="ranking"),
    path("desk/", desk.desk, name="desk"),
    path("desk/rounds/<int:round_pk>/commit/", desk.commit, name="commit"),
    path("desk/<int:pk>/", desk.assignment, name="assignment"),
    path("desk/<int:pk>/confirm/", desk.confirm, name="confirm"),
    path("desk/<int:pk>/declare/", desk.declare, name="declare"),
    path(
        "desk/<int:pk>/attachments/<int:attachment_pk>/",
        desk.attachment_download,
        name="attachment",
    ),
]
