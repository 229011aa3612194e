"""REST endpoints of notifications: the signed-in person's messages, and marking one read."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .serializers import NotificationSerializer


@extend_schema(tags=["notifications"])
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in person's portal messages and their organisation's."""

    serializer_class = NotificationSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        qs = selectors.notifications_for(self.request.user)
        if self.request.query_params.get("unread", "").lower() in {"1", "true", "yes"}:
            qs = qs.filter(read=False)
        return qs

    @extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="Only unread messages.")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=None,
        responses={
            200: NotificationSerializer,
            404: OpenApiResponse(description="No such notification for this user."),
        },
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.notification_read(request.user, self.get_object())
        return Response(self.get_serializer(notification).data)


routes = [
    ("notifications", NotificationViewSet, "notification"),
]
