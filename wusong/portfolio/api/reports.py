"""REST endpoints for company reports (submission, acceptance, return) and the alerts
their figures raise. Thin: parse, authorise, call a service, render."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import permissions
from ..models import Alert
from ..serializers import AlertSerializer, CompanyReportSerializer, TextSerializer
from ..services import reports
from .parsing import REFUSED, parse_input


@extend_schema(tags=["portfolio"])
class CompanyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = CompanyReportSerializer

    def get_queryset(self):
        return permissions.reports_visible_to(self.request.user).prefetch_related("tasks")

    @extend_schema(request=None, responses={200: CompanyReportSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return Response(
            CompanyReportSerializer(reports.report_submit(request.user, self.get_object())).data
        )

    @extend_schema(request=None, responses={200: CompanyReportSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return Response(
            CompanyReportSerializer(reports.report_accept(request.user, self.get_object())).data
        )

    @extend_schema(request=TextSerializer, responses={200: CompanyReportSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_correction(self, request, pk=None):
        reason = parse_input(TextSerializer, request.data)["text"]
        return Response(
            CompanyReportSerializer(
                reports.report_return(request.user, self.get_object(), reason)
            ).data
        )


@extend_schema(tags=["portfolio"])
class AlertViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Open alerts on the projects the user manages."""

    serializer_class = AlertSerializer

    def get_queryset(self):
        return Alert.objects.filter(
            project__in=permissions.projects_managed_by(self.request.user), resolved_at__isnull=True
        )

    @extend_schema(request=TextSerializer, responses={200: AlertSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        alert = reports.alert_resolve(
            request.user, self.get_object(), parse_input(TextSerializer, request.data)["text"]
        )
        return Response(AlertSerializer(alert).data)
