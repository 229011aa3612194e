"""REST endpoints for public notices: the public reads notices and files objections
without an account; officers draft, publish and resolve; leaders approve. Parse,
authorise, call a service or a selector, render."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from wusong.calls.serializers import AuditEntrySerializer

from . import permissions, selectors, services
from .serializers import (
    ApproveSerializer,
    NoticeWriteSerializer,
    ObjectionFileSerializer,
    ObjectionOfficeSerializer,
    ObjectionReceiptSerializer,
    OfficeNoticeSerializer,
    PublicNoticeSerializer,
    ReasonSerializer,
    ResolveSerializer,
)
from .views.public import client_ip

REFUSED = {
    400: OpenApiResponse(description="Invalid input; `detail` says what and `errors` where."),
    403: OpenApiResponse(description="Not allowed for this user."),
    404: OpenApiResponse(description="No such notice, or not visible to this user."),
    409: OpenApiResponse(description="Not possible in the notice's state or period."),
}
ITEM_ID = OpenApiParameter("item_id", OpenApiTypes.INT, OpenApiParameter.PATH)


@extend_schema(tags=["public notices"])
class PublicNoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published notices, readable without an account: project, applicant organisation,
    proposed amount and period only."""

    serializer_class = PublicNoticeSerializer
    permission_classes = [AllowAny]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.public_notices().prefetch_related("items")

    @extend_schema(
        request={
            "multipart/form-data": ObjectionFileSerializer,
            "application/json": ObjectionFileSerializer,
        },
        responses={
            201: ObjectionReceiptSerializer,
            429: OpenApiResponse(description="Too many objections from this address."),
            **REFUSED,
        },
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        authentication_classes=[],
    )
    def objections(self, request, pk=None):
        """File an objection: signed by a person (`name`, `mobile`) or an organisation
        (`name`, `contact_name`, `mobile`), with `reason` and `evidence`; `attachment`
        optional. At most 3 an hour from one address. The answer is the receipt number."""
        notice = self.get_object()
        form = ObjectionFileSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        upload = data.pop("attachment", None)
        objection = services.objection_file(notice, data, upload, client_ip=client_ip(request))
        return Response(ObjectionReceiptSerializer(objection).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["public notices"])
class OfficeNoticeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Notices as the office works on them (drafts too). Objections appear without who
    filed them; officers handling them read that at /objections/."""

    serializer_class = OfficeNoticeSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.office_notices(self.request.user).prefetch_related(
            "items__declaration__organisation", "objections"
        )

    def _render(self, notice, code=status.HTTP_200_OK):
        return Response(
            self.get_serializer(self.get_queryset().get(pk=notice.pk)).data, status=code
        )

    @staticmethod
    def _items(call, rows):
        return selectors.notice_draft_items(
            call, {row["declaration"]: row["proposed_amount"] for row in rows}
        )

    @extend_schema(
        request=NoticeWriteSerializer, responses={201: OfficeNoticeSerializer, **REFUSED}
    )
    def create(self, request):
        """Draft a notice: `call` (code), `items` [{declaration, proposed_amount (yuan)}],
        optional `title`, `body`, `contact`, `period_days` (default 5 working days)."""
        form = NoticeWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        call = data.pop("call", None)
        if call is None:
            raise ValidationError({"call": [_("Name the call (its code) the notice is for.")]})
        items = self._items(call, data.pop("items", []))
        notice = services.notice_create(request.user, call, data, items)
        return self._render(notice, status.HTTP_201_CREATED)

    @extend_schema(
        request=NoticeWriteSerializer, responses={200: OfficeNoticeSerializer, **REFUSED}
    )
    def partial_update(self, request, pk=None):
        """Change a draft; `items`, when sent, replace the proposal."""
        notice = self.get_object()
        form = NoticeWriteSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        data.pop("call", None)
        rows = data.pop("items", None)
        items = self._items(notice.call, rows) if rows is not None else None
        return self._render(services.notice_update(request.user, notice, data, items))

    @extend_schema(request=None, responses={200: OfficeNoticeSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the draft; the period is counted in working days from today."""
        return self._render(services.notice_publish(request.user, self.get_object()))

    @extend_schema(request=ReasonSerializer, responses={200: OfficeNoticeSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        notice = services.notice_withdraw(
            request.user, self.get_object(), form.validated_data["reason"]
        )
        return self._render(notice)

    @extend_schema(
        parameters=[ITEM_ID],
        request=ReasonSerializer,
        responses={200: OfficeNoticeSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path=r"items/(?P<item_id>[0-9]+)/drop")
    def drop_item(self, request, pk=None, item_id=None):
        """Remove a project from a published notice (after an upheld objection)."""
        notice = self.get_object()
        item = get_object_or_404(notice.items, pk=item_id)
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.notice_item_drop(request.user, item, form.validated_data["reason"])
        return self._render(notice)

    @extend_schema(request=ApproveSerializer, responses={200: OfficeNoticeSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The leader's approval, once the period has ended and no objection is open or
        upheld. `others` may record other passed declarations of the call as
        `candidate` or `not_selected`, with reasons."""
        form = ApproveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        outcomes = {
            row["declaration"]: (row["outcome"], row["reason"])
            for row in form.validated_data["others"]
        }
        return self._render(services.notice_approve(request.user, self.get_object(), outcomes))

    @extend_schema(responses={200: AuditEntrySerializer(many=True), 404: REFUSED[404]})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        entries = selectors.notice_history(self.get_object())
        return Response(AuditEntrySerializer(entries, many=True).data)


@extend_schema(tags=["public notices"])
class ObjectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Objections with who filed them, for the officers of the call's programme only;
    anyone else finds none."""

    serializer_class = ObjectionOfficeSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return permissions.objections_handled_by(self.request.user).select_related("item", "notice")

    @extend_schema(request=ResolveSerializer, responses={200: ObjectionOfficeSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Uphold or dismiss, with reasons."""
        objection = self.get_object()
        form = ResolveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        objection = services.objection_resolve(request.user, objection, **form.validated_data)
        return Response(self.get_serializer(objection).data)


routes = [
    ("notices", PublicNoticeViewSet, "notice"),
    ("office-notices", OfficeNoticeViewSet, "office-notice"),
    ("objections", ObjectionViewSet, "objection"),
]
