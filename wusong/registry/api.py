"""REST endpoints for industries and organisations: read by any signed-in user;
organisations registered and changed by administrators and programme officers,
through the registry services, which audit every change."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wusong.audit.services import audit_history

from . import services
from .models import Industry, Organisation
from .permissions import manages_organisations
from .serializers import (
    IndustrySerializer,
    OrganisationAuditEntrySerializer,
    OrganisationSerializer,
)


class ManagesOrganisations(permissions.BasePermission):
    """Anyone signed in reads; administrators and programme officers write."""

    message = gettext_lazy(
        "Only administrators and programme officers can register or change organisations."
    )

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return manages_organisations(request.user)


@extend_schema(tags=["registry"])
class IndustryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Industry.objects.all()
    serializer_class = IndustrySerializer


@extend_schema(tags=["registry"])
class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticated, ManagesOrganisations]
    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    lookup_value_regex = "[0-9]+"

    @staticmethod
    def _values(validated: dict) -> dict:
        data = dict(validated)
        for relation in ("parent", "park"):
            if relation in data:
                target = data.pop(relation)
                data[f"{relation}_id"] = target.pk if target else None
        return data

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(
            self.request.user, **self._values(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            self.request.user, serializer.instance, **self._values(serializer.validated_data)
        )

    @extend_schema(responses=OrganisationAuditEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Every registration and change: who, when, what (field: [before, after])."""
        return Response(
            OrganisationAuditEntrySerializer(audit_history(self.get_object()), many=True).data
        )


routes = [
    ("industries", IndustryViewSet, "industry"),
    ("organisations", OrganisationViewSet, "organisation"),
]
