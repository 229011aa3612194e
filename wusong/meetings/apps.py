from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .agenda import agenda_kind_register


class MeetingsConfig(AppConfig):
    name = "wusong.meetings"
    verbose_name = _("Review meetings")

    def ready(self):
        from .selection import SelectionAgenda

        agenda_kind_register(SelectionAgenda())
