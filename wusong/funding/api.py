"""REST endpoints for agreements: parse, authorise, call a service or a selector, render.
Reads, and an agreement's accruals and amendments: service fees recorded under a
services-first agreement, a new rent for a lease-first one, new terms."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .permissions import agreements_visible_to
from .serializers import (
    AgreementSerializer,
    AmendmentSerializer,
    RentChangeSerializer,
    ServiceFeeInputSerializer,
    ServiceFeeSerializer,
    ServiceFeesSerializer,
    TermsAmendmentSerializer,
)

AUTHENTICATION = (TokenAuthentication, SessionAuthentication)
REFUSED = {
    400: OpenApiResponse(description="Bad input; `errors` names the field."),
    403: OpenApiResponse(description="Not an officer of this programme."),
    404: OpenApiResponse(description="No such agreement, or not visible to this user."),
    409: OpenApiResponse(description="Refused in the agreement's present state."),
}


@extend_schema(tags=["funding"])
class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """Agreements the user may see, with their instrument, terms and tranches."""

    authentication_classes = AUTHENTICATION
    serializer_class = AgreementSerializer

    def get_queryset(self):
        return (
            agreements_visible_to(self.request.user)
            .select_related("funder", "recipient", "declaration__call")
            .prefetch_related("tranches__milestone")
            .order_by("-created_at", "-id")
        )

    @extend_schema(methods=["GET"], responses={200: ServiceFeesSerializer})
    @extend_schema(
        methods=["POST"],
        request=ServiceFeeInputSerializer,
        responses={201: ServiceFeeSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"], url_path="service-fees")
    def service_fees(self, request, pk=None):
        """A services-first agreement's service fees and what they add up to; POST records
        one (an officer of the programme, under a signed agreement). Amounts in yuan."""
        agreement = self.get_object()
        if request.method == "POST":
            form = ServiceFeeInputSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            fee = services.service_fee_record(request.user, agreement, **form.validated_data)
            return Response(ServiceFeeSerializer(fee).data, status=status.HTTP_201_CREATED)
        return Response(ServiceFeesSerializer(selectors.service_fees(agreement)).data)

    @extend_schema(
        request=TermsAmendmentSerializer, responses={201: AmendmentSerializer, **REFUSED}
    )
    @action(detail=True, methods=["post"], url_path="terms")
    def terms_amend(self, request, pk=None):
        """Replace a signed convertible agreement's terms by a recorded amendment with its
        reason; refused once one of its positions has closed."""
        form = TermsAmendmentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        amendment = services.agreement_amend(
            request.user,
            self.get_object(),
            form.validated_data["reason"],
            terms=form.validated_data["terms"],
        )
        return Response(AmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RentChangeSerializer, responses={201: AmendmentSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="rent")
    def rent_change(self, request, pk=None):
        """A new monthly rent per m² for a signed lease-first agreement from a date,
        recorded as an amendment of its terms; later changes already agreed still apply."""
        form = RentChangeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        amendment = services.lease_rent_change(
            request.user, self.get_object(), **form.validated_data
        )
        return Response(AmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)


routes = [("agreements", AgreementViewSet, "agreement")]
