from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("agreements/<int:pk>.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("minutes/<int:pk>.pdf", views.minutes_pdf, name="minutes_pdf"),
]
