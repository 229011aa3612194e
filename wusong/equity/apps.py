from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wusong.funding import hooks


class EquityConfig(AppConfig):
    name = "wusong.equity"
    verbose_name = _("Equity")

    def ready(self):
        from .agreements import agreement_part, terms_lock

        hooks.register(hooks.agreement_parts, agreement_part)
        hooks.register(hooks.terms_locks, terms_lock)
