"""REST endpoints for the equity ledger: parse, authorise, call a service or a selector,
render. Positions, rounds, conversions, holdings, the portfolio, a company's cap table
and its Open Cap Format export; and the conversion preview, which computes and records
nothing.

Steps and checks of the kernels' arithmetic carry `label` in the reader's language and
the kernel's English as `label_en`; `key` stays the same in every language.

`POST /api/conversions/preview/` takes the conversion kernel's inputs ({"position",
"terms", "round"}) and returns its result with every step of the arithmetic, so other
systems can check a conversion.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.response import Response

from wusong.calls.models import Call, Programme
from wusong.funding.permissions import agreements_visible_to
from wusong.kernels import conversion as kernel

from . import ocf, selectors
from .models import Conversion, FinancingRound
from .permissions import companies_visible_to, positions_visible_to
from .serializers import (
    CapTableSerializer,
    ConversionSerializer,
    HoldingRowSerializer,
    PortfolioSerializer,
    PositionPreviewSerializer,
    PositionSerializer,
    PreviewRequestSerializer,
    RoundSerializer,
)
from .step_labels import labelled

AUTHENTICATION = (TokenAuthentication, SessionAuthentication)


@extend_schema(tags=["equity"])
class PositionViewSet(viewsets.ReadOnlyModelViewSet):
    """Convertible positions: open, converted, written off or repaid."""

    authentication_classes = AUTHENTICATION
    serializer_class = PositionSerializer

    def get_queryset(self):
        qs = positions_visible_to(self.request.user).select_related(
            "agreement", "holder", "company", "conversion"
        )
        company = self.request.query_params.get("company")
        if company:
            qs = qs.filter(company_id=company)
        return qs.order_by("id")

    @extend_schema(
        parameters=[OpenApiParameter("company", int, description="Company (organisation) id.")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=PositionPreviewSerializer,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="{inputs, result, basis}: the kernel's inputs as the ledger "
                "builds them, its result with the arithmetic, and how the amount was found.",
            ),
            400: OpenApiResponse(description="Bad input; `errors` names the field."),
            403: OpenApiResponse(description="Not an officer of this programme."),
            409: OpenApiResponse(description="The position is not open, or nothing to convert."),
        },
    )
    @action(detail=True, methods=["post"])
    def preview(self, request, pk=None):
        """This position's conversion in a recorded round (`round_id`) or in a round not
        recorded yet (`round`: date, price_per_unit or pre_money_valuation, investors).
        Nothing is recorded."""
        position = self.get_object()
        form = PositionPreviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        financing_round = None
        if form.validated_data.get("round_id"):
            financing_round = get_object_or_404(
                FinancingRound.objects.filter(company__organisation=position.company_id),
                pk=form.validated_data["round_id"],
            )
        data = selectors.conversion_preview(
            request.user, position, financing_round, round_data=form.validated_data.get("round")
        )
        return Response(labelled(data))


@extend_schema(tags=["equity"])
class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Financing rounds of the portfolio companies the user may see."""

    authentication_classes = AUTHENTICATION
    serializer_class = RoundSerializer

    def get_queryset(self):
        return (
            FinancingRound.objects.filter(company__in=companies_visible_to(self.request.user))
            .select_related("company__organisation")
            .prefetch_related("investors")
            .order_by("-date", "-id")
        )


@extend_schema(tags=["equity"])
class ConversionViewSet(viewsets.ReadOnlyModelViewSet):
    """Confirmed conversions with the kernel's inputs and arithmetic; and the preview."""

    authentication_classes = AUTHENTICATION
    serializer_class = ConversionSerializer

    def get_queryset(self):
        return Conversion.objects.filter(
            position__in=positions_visible_to(self.request.user)
        ).order_by("id")

    @extend_schema(
        request=PreviewRequestSerializer,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="The kernel's result: qualifying, checks, steps, units, amounts.",
            ),
            400: OpenApiResponse(description="Bad input; `errors` names the field."),
        },
    )
    @action(detail=False, methods=["post"])
    def preview(self, request):
        """The conversion of a position in a round under the terms, with each step of
        the arithmetic. Numbers are decimal strings (floats are refused); nothing is
        recorded."""
        try:
            return Response(labelled(kernel.conversion_preview(request.data)))
        except kernel.ConversionInputError as exc:
            raise exceptions.ValidationError({exc.field: [exc.message]}) from None


@extend_schema(tags=["equity"])
class HoldingViewSet(viewsets.GenericViewSet):
    """Holdings: class, units, cost, mark (the last round's price), value and multiple."""

    authentication_classes = AUTHENTICATION
    serializer_class = HoldingRowSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.holdings_visible_to(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("company", int, description="Company (organisation) id."),
            OpenApiParameter("exited", bool, description="Include holdings sold in full."),
        ]
    )
    def list(self, request):
        params = request.query_params
        rows = selectors.holdings(
            request.user,
            company=params.get("company") or None,
            include_exited=params.get("exited", "").lower() in {"1", "true", "yes"},
        )
        return Response(self.get_serializer(rows, many=True).data)


@extend_schema(tags=["equity"])
class PortfolioViewSet(viewsets.GenericViewSet):
    """Committed, disbursed, converted, written off, held at cost and at mark, exited and
    proceeds: for everything the user sees, a programme (rows per batch) or a batch."""

    authentication_classes = AUTHENTICATION
    serializer_class = PortfolioSerializer
    pagination_class = None

    def get_queryset(self):
        return agreements_visible_to(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("programme", int, description="Programme id."),
            OpenApiParameter("call", int, description="Call (batch) id."),
        ]
    )
    def list(self, request):
        params = request.query_params
        programme = call = None
        if params.get("programme"):
            programme = get_object_or_404(Programme, pk=params["programme"])
        if params.get("call"):
            call = get_object_or_404(Call, pk=params["call"])
        data = selectors.portfolio(request.user, programme=programme, call=call)
        return Response(self.get_serializer(data).data)


@extend_schema(tags=["equity"])
class CompanyViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A portfolio company's cap table with our position among the others, by the
    company's organisation id; and its OCF export."""

    authentication_classes = AUTHENTICATION
    serializer_class = CapTableSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return companies_visible_to(self.request.user)

    def _profile(self, pk):
        return get_object_or_404(
            self.get_queryset().select_related("organisation"), organisation=pk
        )

    def retrieve(self, request, pk=None):
        profile = self._profile(pk)
        return Response(
            self.get_serializer(selectors.cap_table(request.user, profile.organisation)).data
        )

    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            404: None,
            422: OpenApiResponse(
                description="The export does not validate against the OCF schemas; `detail` "
                "gives the schemas' errors and nothing is served."
            ),
        },
        parameters=[OpenApiParameter("zip", bool, description="The .ocf.zip instead of JSON.")],
    )
    @action(detail=True, methods=["get"], url_path="ocf")
    def ocf_export(self, request, pk=None):
        """The holder's positions in the company as an Open Cap Format package: JSON
        {file name: content}, or ?zip=1 for the .ocf.zip; validated against the OCF
        schemas first, and refused (422) if it does not validate."""
        profile = self._profile(pk)
        files = ocf.ocf_export(profile.organisation)
        if request.query_params.get("zip", "").lower() in {"1", "true", "yes"}:
            response = HttpResponse(ocf.ocf_zip(files), content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="company-{pk}.ocf.zip"'
            return response
        return Response(files)


routes = [
    ("positions", PositionViewSet, "position"),
    ("rounds", RoundViewSet, "round"),
    ("conversions", ConversionViewSet, "conversion"),
    ("holdings", HoldingViewSet, "holding"),
    ("portfolio", PortfolioViewSet, "portfolio"),
    ("companies", CompanyViewSet, "company"),
]
