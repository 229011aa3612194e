"""Equity pages, under /agreements/ beside funding's (their addresses predate the app)."""

from django.urls import path

from . import views

app_name = "equity"

urlpatterns = [
    path("portfolio/", views.portfolio_view, name="portfolio"),
    path("companies/<int:pk>/", views.company_view, name="company"),
    path("companies/<int:pk>/equity/", views.equity_profile_view, name="equity"),
    path("companies/<int:pk>/rounds/", views.round_new, name="round_new"),
    path("holdings/<int:holding_pk>/exit/", views.exit_new, name="exit_new"),
    path("<int:pk>/position/", views.position_open_view, name="position_open"),
    path(
        "positions/<int:position_pk>/rounds/<int:round_pk>/",
        views.conversion_view,
        name="conversion",
    ),
]
