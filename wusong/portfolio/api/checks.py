"""REST endpoints for extension requests, mid-term checks and final acceptance."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wusong.funding.permissions import agreements_visible_to

from ..models import AgreementCheck, ExtensionRequest
from ..serializers import (
    AgreementCheckSerializer,
    CheckInputSerializer,
    ExtensionDecisionSerializer,
    ExtensionInputSerializer,
    ExtensionRequestSerializer,
    OutcomeSerializer,
    TextSerializer,
)
from ..services import checks
from ..services import panel as panels
from .parsing import REFUSED, parse_input


@extend_schema(tags=["portfolio"])
class ExtensionRequestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Extension of an agreement's task end date: once, before it expires, approved by
    the programme's officer (the agreement is then amended)."""

    serializer_class = ExtensionRequestSerializer

    def get_queryset(self):
        return ExtensionRequest.objects.filter(
            agreement__in=agreements_visible_to(self.request.user)
        )

    @extend_schema(
        request=ExtensionInputSerializer, responses={201: ExtensionRequestSerializer, **REFUSED}
    )
    def create(self, request):
        data = parse_input(ExtensionInputSerializer, request.data)
        agreement = get_object_or_404(agreements_visible_to(request.user), pk=data["agreement"])
        req = checks.extension_request(request.user, agreement, data["new_end"], data["reason"])
        return Response(ExtensionRequestSerializer(req).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ExtensionDecisionSerializer, responses={200: ExtensionRequestSerializer, **REFUSED}
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = parse_input(ExtensionDecisionSerializer, request.data)
        req = checks.extension_decide(
            request.user, self.get_object(), data["approve"], data["note"]
        )
        return Response(ExtensionRequestSerializer(req).data)


@extend_schema(tags=["portfolio"])
class AgreementCheckViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Mid-term checks and final acceptance: scheduled and decided by the programme's
    officer (recording the panel's outcome); the company files its one rectification."""

    serializer_class = AgreementCheckSerializer

    def get_queryset(self):
        return AgreementCheck.objects.filter(agreement__in=agreements_visible_to(self.request.user))

    @extend_schema(
        request=CheckInputSerializer, responses={201: AgreementCheckSerializer, **REFUSED}
    )
    def create(self, request):
        data = parse_input(CheckInputSerializer, request.data)
        agreement = get_object_or_404(agreements_visible_to(request.user), pk=data["agreement"])
        check = checks.check_schedule(request.user, agreement, data["kind"], data["scheduled_on"])
        return Response(AgreementCheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OutcomeSerializer, responses={200: AgreementCheckSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        data = parse_input(OutcomeSerializer, request.data)
        check = panels.panel_decide(  # the checks' own rules, after the panel's scores if any
            request.user, self.get_object(), data.pop("outcome"), data.pop("findings"), **data
        )
        return Response(AgreementCheckSerializer(check).data)

    @extend_schema(request=TextSerializer, responses={200: AgreementCheckSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def rectification(self, request, pk=None):
        check = checks.rectification_file(
            request.user, self.get_object(), parse_input(TextSerializer, request.data)["text"]
        )
        return Response(AgreementCheckSerializer(check).data)
