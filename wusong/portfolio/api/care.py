"""REST endpoints for service-plan items and those who serve a project. Thin: parse,
authorise, call a service or a selector, render."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import permissions, selectors
from ..models import PlanItem, Server
from ..serializers import PlanItemSerializer, RatingSerializer, ServerSerializer, TextSerializer
from ..services import care
from .parsing import REFUSED, parse_input


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
