from django.urls import path

from .views import office, public

app_name = "notices"

urlpatterns = [
    path("", public.notice_list, name="public_notices"),
    path("<int:pk>/", public.notice_detail, name="public_notice"),
    path("office/", office.office_list, name="office"),
    path("office/calls/<slug:code>/new/", office.notice_new, name="notice_new"),
    path("office/<int:pk>/", office.office_notice, name="office_notice"),
    path("office/<int:pk>/edit/", office.notice_edit, name="notice_edit"),
    path("office/<int:pk>/publish/", office.notice_publish, name="notice_publish"),
    path("office/<int:pk>/withdraw/", office.notice_withdraw, name="notice_withdraw"),
    path("office/<int:pk>/approve/", office.notice_approve, name="notice_approve"),
    path("office/items/<int:pk>/drop/", office.item_drop, name="item_drop"),
    path("office/objections/<int:pk>/resolve/", office.objection_resolve, name="objection_resolve"),
    path(
        "office/objections/<int:pk>/attachment/",
        office.objection_attachment,
        name="objection_attachment",
    ),
]
