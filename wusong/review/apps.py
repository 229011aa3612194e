"""The review app holds only its migration history: that of the models now in
`meetings`, `notices` and `notifications`, which existing databases replay to upgrade."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "wusong.review"
    verbose_name = _("Review, public notice and approval")
