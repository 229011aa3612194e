"""REST endpoints for plan items, providers, company reports, alerts and the candidate
pool. Thin: parse, authorise, call a service or a selector, render."""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import permissions, selectors
from . import services_care as care
from . import services_reports as reports
from .api_common import REFUSED, parse_input
from .models import (
    Alert,
    PlanItem,
    Server,
)
from .serializers import (
    AlertSerializer,
    CompanyReportSerializer,
    PlanItemSerializer,
    RatingSerializer,
    ServerSerializer,
    TextSerializer,
)


@extend_schema(tags=["portfolio"])
class PlanItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Service-plan items of the projects the user may see; `?mine=1` for those they own,
    `?overdue=1` for those past due."""

    serializer_class = PlanItemSerializer

    def get_queryset(self):
        user = self.request.user
        qs = PlanItem.objects.filter(project__in=permissions.projects_visible_to(user))
        params = self.request.query_params
        if params.get("mine") in ("1", "true"):
            cond = Q(owner_user=user)
            if user.organisation_id:
                cond |= Q(owner_agency_id=user.organisation_id)
            qs = PlanItem.objects.filter(cond)
        if params.get("overdue") in ("1", "true"):
            qs = qs.filter(pk__in=selectors.overdue_items())
        return qs.select_related("owner_user", "owner_agency")

    def _act(self, request, fn, *args):
        item = fn(request.user, self.get_object(), *args)
        return Response(PlanItemSerializer(item).data)

    @extend_schema(request=None, responses={200: PlanItemSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._act(request, care.plan_item_start)

    @extend_schema(request=TextSerializer, responses={200: PlanItemSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(
            request, care.plan_item_complete, parse_input(TextSerializer, request.data)["text"]
        )

    @extend_schema(request=TextSerializer, responses={200: PlanItemSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(
            request, care.plan_item_cancel, parse_input(TextSerializer, request.data)["text"]
        )


@extend_schema(tags=["portfolio"])
class ServerViewSet(viewsets.GenericViewSet):
    serializer_class = ServerSerializer

    def get_queryset(self):
        return Server.objects.filter(project__in=permissions.projects_visible_to(self.request.user))

    @extend_schema(request=RatingSerializer, responses={201: RatingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        """The manager rates a provider's work on the project (1–5)."""
        data = parse_input(RatingSerializer, request.data)
        rating = care.rating_add(
            request.user, self.get_object(), data["stars"], data.get("comment", "")
        )
        return Response(RatingSerializer(rating).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ServerSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """The manager ends a provider's service on the project; they no longer see it."""
        return Response(ServerSerializer(care.server_end(request.user, self.get_object())).data)


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


@extend_schema(tags=["portfolio"])
class CandidateViewSet(viewsets.GenericViewSet):
    """The candidate pool: shortlisted declarations, with their follow-up record id."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def list(self, request):
        return Response(
            [
                {
                    "declaration": row["declaration"].pk,
                    "reference": row["declaration"].reference,
                    "title": row["declaration"].title,
                    "organisation": row["declaration"].organisation.name,
                    "call": row["declaration"].call.code,
                    "project": row["project"].pk if row["project"] else None,
                }
                for row in selectors.candidate_pool(request.user)
            ]
        )
