"""The site with the review API mounted where wusong/api.py will mount it, for tests
that run before the assembled API includes this app."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wusong.review import api

router = DefaultRouter()
for prefix, viewset, basename in api.routes:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("api/", include((router.urls, "review_api"))),
    path("", include("wusong.urls")),
]
