from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.agreement_list, name="agreements"),
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
