from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wusong.funding import hooks


class PortfolioConfig(AppConfig):
    name = "wusong.portfolio"
    verbose_name = _("Post-investment care")

    def ready(self):
        from .selectors import tranche_stop_reason

        hooks.register(hooks.tranche_stops, tranche_stop_reason)
