from django.urls import path

from .views import meetings, office, public

app_name = "review"

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
    # Review meetings (评审会)
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/calls/<slug:code>/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/members/", meetings.meeting_members, name="meeting_members"),
    path("meetings/<int:pk>/panel-draw/", meetings.meeting_panel_draw, name="meeting_panel_draw"),
    path("meetings/<int:pk>/agenda/", meetings.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/recusal/",
        meetings.meeting_recusal,
        name="meeting_recusal",
    ),
    path("meetings/<int:pk>/items/<int:item_pk>/", meetings.meeting_item, name="meeting_item"),
    path("meetings/<int:pk>/open/", meetings.meeting_open, name="meeting_open"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/desk/", meetings.desk, name="meeting_desk"),
    path("meetings/desk/<int:pk>/", meetings.desk_meeting, name="meeting_desk_item"),
]
