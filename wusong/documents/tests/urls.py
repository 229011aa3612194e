"""The documents app mounted where the site mounts it, with the login page, for tests that
run whether or not the site's own URLconf includes it yet."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("documents/", include("wusong.documents.urls")),
]
