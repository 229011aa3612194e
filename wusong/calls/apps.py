from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "wusong.calls"
    verbose_name = _("Programmes and calls")
