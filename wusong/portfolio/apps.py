from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "wusong.portfolio"
    verbose_name = _("Post-investment care")
