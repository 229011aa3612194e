from django.urls import path

from . import views, views_equity

app_name = "funding"

urlpatterns = [
    path("", views.agreement_list, name="agreements"),
    path("portfolio/", views_equity.portfolio_view, name="portfolio"),
    path("companies/<int:pk>/", views_equity.company_view, name="company"),
    path("companies/<int:pk>/equity/", views_equity.equity_profile_view, name="equity"),
    path("companies/<int:pk>/rounds/", views_equity.round_new, name="round_new"),
    path("holdings/<int:holding_pk>/exit/", views_equity.exit_new, name="exit_new"),
    path("<int:pk>/position/", views.position_open_view, name="position_open"),
    path(
        "positions/<int:position_pk>/rounds/<int:round_pk>/",
        views_equity.conversion_view,
        name="conversion",
    ),
    path("new/<int:declaration_pk>/", views.agreement_new, name="agreement_new"),
    path("<int:pk>/", views.agreement_detail, name="agreement"),
    path("<int:pk>/sign/<str:side>/", views.agreement_sign, name="sign"),
    path("<int:pk>/amend/", views.agreement_amend, name="amend"),
    path("<int:pk>/service-fees/", views.service_fee_new, name="service_fee_new"),
    path("<int:pk>/rent/", views.lease_rent_change_view, name="rent_change"),
    path("<int:pk>/milestones/<int:milestone_pk>/verify/", views.milestone_verify, name="verify"),
    path("<int:pk>/tranches/<int:tranche_pk>/request/", views.disbursement_request, name="request"),
    path(
        "<int:pk>/disbursements/<int:disbursement_pk>/<str:act>/",
        views.disbursement_act,
        name="disbursement",
    ),
]
