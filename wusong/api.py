"""The one REST API: each app's `api.routes` on one router, the OpenAPI document at
/api/openapi.json, Swagger UI at /api/docs (assets from drf-spectacular-sidecar, no
CDN) and a token for username and password at /api/token."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from wusong.calls import api as calls_api
from wusong.equity import api as equity_api
from wusong.experts import api as experts_api
from wusong.funding import api as funding_api
from wusong.meetings import api as meetings_api
from wusong.notices import api as notices_api
from wusong.notifications import api as notifications_api
from wusong.portfolio import api as portfolio_api
from wusong.registry import api as registry_api

app_name = "api"


router = DefaultRouter()
for module in (
    notifications_api,
    registry_api,
    calls_api,
    experts_api,
    meetings_api,
    notices_api,
    portfolio_api,
    funding_api,
    equity_api,
):
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs", SpectacularSwaggerView.as_view(url_name="api:openapi"), name="docs"),
    path("token", obtain_auth_token, name="token"),
    *router.urls,
]
