from django.urls import path

from .views import desk, office

app_name = "meetings"

urlpatterns = [
    path("", office.meeting_list, name="meetings"),
    path("calls/<slug:code>/new/", office.meeting_new, name="meeting_new"),
    path("<int:pk>/", office.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", office.meeting_edit, name="meeting_edit"),
    path("<int:pk>/members/", office.meeting_members, name="meeting_members"),
    path("<int:pk>/panel-draw/", office.meeting_panel_draw, name="meeting_panel_draw"),
    path("<int:pk>/agenda/", office.meeting_agenda, name="meeting_agenda"),
    path("<int:pk>/attendance/", office.meeting_attendance, name="meeting_attendance"),
    path("<int:pk>/items/<int:item_pk>/recusal/", office.meeting_recusal, name="meeting_recusal"),
    path("<int:pk>/items/<int:item_pk>/", office.meeting_item, name="meeting_item"),
    path("<int:pk>/open/", office.meeting_open, name="meeting_open"),
    path("<int:pk>/close/", office.meeting_close, name="meeting_close"),
    path("<int:pk>/cancel/", office.meeting_cancel, name="meeting_cancel"),
    path("desk/", desk.desk, name="meeting_desk"),
    path("desk/<int:pk>/", desk.desk_meeting, name="meeting_desk_item"),
]
