from django.contrib.auth import views as auth_views
from django.urls import include, path

from wusong.experts.views import accounts as account_views
from wusong.funding import views as funding_views
from wusong.meetings.views import office as meeting_views
from wusong.notices.views import certificates as certificate_views

from . import views

# The documents the office issues, each served by the app it is about, which decides who
# may have it; `documents` renders them and knows no app.
documents = (
    [
        path("agreements/<int:pk>.pdf", funding_views.agreement_pdf, name="agreement_pdf"),
        path(
            "certificates/<int:pk>.pdf", certificate_views.certificate_pdf, name="certificate_pdf"
        ),
        path("minutes/<int:pk>.pdf", meeting_views.minutes_pdf, name="minutes_pdf"),
    ],
    "documents",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account_views.set_password,
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", account_views.set_password_done, name="password_reset_complete"),
    path("insight/", include("wusong.insight.urls")),
    path("organisations/", include("wusong.registry.urls")),
    path("notices/notifications/", include("wusong.notifications.urls")),
    path("notices/meetings/", include("wusong.meetings.urls")),
    path("notices/", include("wusong.notices.urls")),
    path("experts/", include("wusong.experts.urls")),
    path("agreements/", include("wusong.funding.urls")),
    path("agreements/", include("wusong.equity.urls")),
    path("documents/", include(documents)),
    path("portfolio/", include("wusong.portfolio.urls")),
    path("", include("wusong.calls.urls")),
]
