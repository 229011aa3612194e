from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("wusong.api")),
    path("", include("wusong.web.urls")),
]
# Uploaded files are never served as static media: attachments are confidential and go
# out only through views that check who is asking.
