from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("insight/", include("wusong.insight.urls")),
    path("organisations/", include("wusong.registry.urls")),
    path("notices/", include("wusong.review.urls")),
    path("experts/", include("wusong.experts.urls")),
    path("agreements/", include("wusong.funding.urls")),
    path("documents/", include("wusong.documents.urls")),
    path("portfolio/", include("wusong.portfolio.urls")),
    path("", include("wusong.calls.urls")),
]
