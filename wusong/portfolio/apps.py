from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wusong.funding import hooks
from wusong.meetings.agenda import agenda_kind_register


class PortfolioConfig(AppConfig):
    name = "wusong.portfolio"
    verbose_name = _("Post-investment care")

    def ready(self):
        from .check_meetings import CheckAgenda
        from .selectors import tranche_stop_reason

        hooks.register(hooks.tranche_stops, tranche_stop_reason)
        agenda_kind_register(CheckAgenda())  # checks are heard at review meetings
