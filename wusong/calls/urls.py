from django.urls import path

from .views import declaration, office, portal

app_name = "calls"

urlpatterns = [
    path("portal/", portal.portal, name="portal"),
    path("calls/<slug:code>/", portal.call_detail, name="call"),
    path("calls/<slug:code>/declare/", portal.declaration_create, name="declare"),
    path("declarations/<int:pk>/", declaration.declaration_detail, name="declaration"),
    path("declarations/<int:pk>/edit/", portal.declaration_edit, name="edit"),
    path("declarations/<int:pk>/submit/", portal.declaration_submit, name="submit"),
    path("declarations/<int:pk>/withdraw/", portal.declaration_withdraw, name="withdraw"),
    path("declarations/<int:pk>/history/", declaration.declaration_history, name="history"),
    path("declarations/<int:pk>/attachments/", portal.attachment_upload, name="upload"),
    path(
        "declarations/<int:pk>/attachments/<int:attachment_pk>/",
        declaration.attachment_download,
        name="download",
    ),
    path(
        "declarations/<int:pk>/attachments/<int:attachment_pk>/delete/",
        portal.attachment_delete,
        name="attachment_delete",
    ),
    path("declarations/<int:pk>/formal-review/", office.formal_review, name="formal_review"),
    path("office/", office.office, name="office"),
    path("office/calls/<slug:code>/", office.call_declarations, name="call_declarations"),
    path(
        "office/calls/<slug:code>/export.xlsx", office.call_declarations_export, name="call_export"
    ),
]
