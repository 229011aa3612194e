"""REST endpoints for programmes, calls and declarations: parse, authorise, call a
service or a selector, render. Rules live in `services` and `permissions`."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from wusong.errors import NotAllowed

from . import permissions, selectors, services
from .models import Declaration, Programme
from .serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    AuditEntrySerializer,
    CallSerializer,
    DecisionSerializer,
    DeclarationCreateSerializer,
    DeclarationFilterSerializer,
    DeclarationSerializer,
    DeclarationWriteSerializer,
    LastChangesSerializer,
    ProgrammeSerializer,
)

DOWNLOAD_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}
DECLARATION_PREFETCH = ("team", "milestones", "answers__field", "attachments__uploaded_by")
ATT_ID = OpenApiParameter("att_id", OpenApiTypes.INT, OpenApiParameter.PATH)
REFUSED = {
    400: OpenApiResponse(description="Invalid input; `detail` says what and `errors` where."),
    403: OpenApiResponse(description="Not allowed for this user."),
    404: OpenApiResponse(description="No such declaration, or not visible to this user."),
    409: OpenApiResponse(description="Not possible in the declaration's state or window."),
}


@extend_schema(tags=["calls"])
class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.prefetch_related("calls")
    serializer_class = ProgrammeSerializer


@extend_schema(tags=["calls"])
class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Calls (batches) with their window, budget, quota and extra declaration fields."""

    serializer_class = CallSerializer

    def get_queryset(self):
        params = self.request.query_params
        return selectors.call_list(
            programme=params.get("programme"),
            open_only=params.get("open", "").lower() in {"1", "true", "yes"},
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("programme", str, description="Programme id or code."),
            OpenApiParameter("open", bool, description="Only calls open now."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


@extend_schema(tags=["declarations"])
class DeclarationViewSet(viewsets.GenericViewSet):
    """Declarations. A declaration the user may not see is 404, whatever the action."""

    serializer_class = DeclarationSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.declaration_list(self.request.user).prefetch_related(*DECLARATION_PREFETCH)

    def _render(self, decl: Declaration, code=status.HTTP_200_OK) -> Response:
        fresh = (
            Declaration.objects.select_related("call__programme", "organisation", "industry")
            .prefetch_related(*DECLARATION_PREFETCH)
            .get(pk=decl.pk)
        )
        return Response(self.get_serializer(fresh).data, status=code)

    def _require_declarant(self, decl: Declaration) -> None:
        if not permissions.declares(self.request.user, decl):
            raise NotAllowed(_("Only the declaring organisation can change its declaration."))

    @extend_schema(parameters=[DeclarationFilterSerializer])
    def list(self, request):
        filters = DeclarationFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.declaration_list(request.user, **filters.validated_data)
        page = self.paginate_queryset(qs.prefetch_related(*DECLARATION_PREFETCH))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=DeclarationCreateSerializer, responses={201: DeclarationSerializer, **REFUSED}
    )
    def create(self, request):
        if not permissions.can_declare(request.user):
            raise NotAllowed(_("Only an applicant with an organisation can declare."))
        form = DeclarationCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        call = data.pop("call")
        children = {k: data.pop(k, None) for k in ("team", "milestones", "answers")}
        decl = services.declaration_create(request.user, call, data, **children)
        return self._render(decl, status.HTTP_201_CREATED)

    @extend_schema(responses={200: DeclarationSerializer, 404: REFUSED[404]})
    def retrieve(self, request, pk=None):
        return self._render(self.get_object())

    @extend_schema(
        request=DeclarationWriteSerializer, responses={200: DeclarationSerializer, **REFUSED}
    )
    def partial_update(self, request, pk=None):
        """Change a draft or a returned declaration. `team`, `milestones` and `answers`,
        when sent, replace what was there."""
        decl = self.get_object()
        self._require_declarant(decl)
        form = DeclarationWriteSerializer(decl, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        children = {k: data.pop(k, None) for k in ("team", "milestones", "answers")}
        decl = services.declaration_update(request.user, decl, data, **children)
        return self._render(decl)

    @extend_schema(request=None, responses={200: DeclarationSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft, or resubmit a returned declaration. Submitting what is already
        submitted changes nothing."""
        decl, _changed = services.declaration_submit(request.user, self.get_object())
        return self._render(decl)

    @extend_schema(request=None, responses={200: DeclarationSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._render(services.declaration_withdraw(request.user, self.get_object()))

    @extend_schema(request=None, responses={200: DeclarationSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="start-formal-review")
    def start_formal_review(self, request, pk=None):
        return self._render(services.formal_review_start(request.user, self.get_object()))

    @extend_schema(request=DecisionSerializer, responses={200: DeclarationSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """The formal-review decision: pass, return (reasons required; `resubmit_by`
        defaults to ten days on) or reject (reasons required)."""
        decl = self.get_object()
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        decl = services.formal_review_decide(request.user, decl, **form.validated_data)
        return self._render(decl)

    @extend_schema(responses={200: AuditEntrySerializer(many=True), 404: REFUSED[404]})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Every change: who, when, what (field: [before, after]) and the note."""
        entries = selectors.declaration_history(self.get_object())
        return Response(AuditEntrySerializer(entries, many=True).data)

    @extend_schema(responses={200: LastChangesSerializer, 404: REFUSED[404]})
    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None):
        """What changed between the last two submissions."""
        entry = selectors.declaration_last_resubmission(self.get_object())
        return Response(
            LastChangesSerializer(
                {
                    "resubmitted_at": entry.at if entry else None,
                    "resubmitted_by": str(entry.actor) if entry and entry.actor else None,
                    "changes": dict(entry.changes) if entry else {},
                }
            ).data
        )

    @extend_schema(
        methods=["GET"], responses={200: AttachmentSerializer(many=True), 404: REFUSED[404]}
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, **REFUSED},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser],
    )
    def attachments(self, request, pk=None):
        """List the attachments, or upload one (multipart: `kind` and `file`). The type
        is checked from the content, not the name."""
        decl = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            return Response(
                AttachmentSerializer(
                    decl.attachments.select_related("uploaded_by"), many=True, context=context
                ).data
            )
        self._require_declarant(decl)
        form = AttachmentUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        att = services.attachment_add(
            request.user, decl, form.validated_data["kind"], form.validated_data["file"]
        )
        return Response(AttachmentSerializer(att, context=context).data, status=201)

    @extend_schema(parameters=[ATT_ID], request=None, responses={204: None, **REFUSED})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"attachments/(?P<att_id>[0-9]+)",
        url_name="attachment",
    )
    def attachment(self, request, pk=None, att_id=None):
        decl = self.get_object()
        att = get_object_or_404(decl.attachments, pk=att_id)
        self._require_declarant(decl)
        services.attachment_remove(request.user, att)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[ATT_ID],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: REFUSED[404],
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<att_id>[0-9]+)/download",
        url_name="attachment-download",
    )
    def attachment_download(self, request, pk=None, att_id=None):
        """The file itself, only to those who may see the declaration."""
        decl = self.get_object()
        att = get_object_or_404(decl.attachments, pk=att_id)
        try:
            handle = att.file.open("rb")
        except FileNotFoundError as exc:
            raise exceptions.NotFound(
                _("The stored file is missing; tell the programme office.")
            ) from exc
        return FileResponse(
            handle,
            as_attachment=True,
            filename=att.original_name,
            content_type=DOWNLOAD_TYPES.get(att.file_type, "application/octet-stream"),
        )

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"])
    def workflow(self, request):
        """The declaration's states and transitions, with codes and labels."""
        return Response(selectors.declaration_workflow())


routes = [
    ("programmes", ProgrammeViewSet, "programme"),
    ("calls", CallViewSet, "call"),
    ("declarations", DeclarationViewSet, "declaration"),
]
