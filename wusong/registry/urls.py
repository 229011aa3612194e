from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [path("<int:pk>/", views.organisation_detail, name="organisation")]
