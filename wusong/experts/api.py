"""REST endpoints of expert review: the pool, review rounds (assignment, draws, pins and
bans, publishing, ranking) and the expert's desk. Parse, authorise, call a service or a
selector, render."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from wusong.errors import NotAllowed
from wusong.registry.models import User

from . import permissions, selectors, services
from .models import Expert, ReviewRound
from .serializers import (
    CommitInputSerializer,
    ConflictInputSerializer,
    DeskAssignmentSerializer,
    DrawSerializer,
    DuplicateFlagSerializer,
    ExpertFeeSerializer,
    ExpertRatingSerializer,
    ExpertSerializer,
    ImportSerializer,
    OfficerAssignmentSerializer,
    PairRuleSerializer,
    PanelInputSerializer,
    RankingRowSerializer,
    ReviewRoundSerializer,
    ScoreInputSerializer,
    SheetSerializer,
)
from .services.pool import EXPERT_FIELDS

REFUSED = {
    400: OpenApiResponse(description="Invalid input; `detail` says what and `errors` where."),
    403: OpenApiResponse(description="Not allowed for this user."),
    404: OpenApiResponse(description="Not found, or not visible to this user."),
    409: OpenApiResponse(description="Not possible in the round's state or after its deadline."),
}


@extend_schema(tags=["experts"])
class ExpertViewSet(viewsets.GenericViewSet):
    """The expert pool, for programme officers."""

    serializer_class = ExpertSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        if not permissions.manages_pool(self.request.user):
            return Expert.objects.none()
        qs = Expert.objects.select_related("organisation", "user").prefetch_related(
            "fees", "ratings"
        )
        q = self.request.query_params.get("q")
        if q:
            qs = qs.filter(
                Q(name__icontains=q) | Q(keywords__icontains=q) | Q(disciplines__icontains=q)
            )
        return qs

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(responses={201: ExpertSerializer, **REFUSED})
    def create(self, request):
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        org = data.pop("organisation")
        name = data.pop("account", "").strip()
        account = None
        if name:
            account = User.objects.filter(username__iexact=name).first()
            if account is None:
                raise ValidationError({"account": [_("No account %(who)s.") % {"who": name}]})
        expert = services.expert_create(request.user, org, data, account=account)
        return Response(self.get_serializer(expert).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ExpertSerializer, **REFUSED})
    def partial_update(self, request, pk=None):
        expert = self.get_object()
        form = self.get_serializer(expert, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = {k: v for k, v in form.validated_data.items() if k in EXPERT_FIELDS}
        expert = services.expert_update(
            request.user, expert, data, form.validated_data.get("organisation")
        )
        return Response(self.get_serializer(expert).data)

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses={201: OpenApiResponse(description="{created, organisations_created}"), **REFUSED},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_(self, request):
        """Import experts from an .xlsx sheet. Any bad row: 400, nothing imported,
        `errors` lists each bad row's number and reason."""
        if not permissions.manages_pool(request.user):
            raise NotAllowed(_("Only a programme officer can manage the expert pool."))
        form = ImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        report = services.experts_import(request.user, form.validated_data["file"])
        if not report.ok:
            return Response(
                {
                    "detail": _("Nothing was imported: %(n)s rows have problems.")
                    % {"n": len(report.errors)},
                    "errors": [{"row": e.row, "message": e.message} for e in report.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {
                "created": [e.pk for e in report.created],
                "organisations_created": report.organisations_created,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ExpertFeeSerializer, responses={201: ExpertFeeSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def fees(self, request, pk=None):
        expert = self.get_object()
        form = ExpertFeeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        fee = services.fee_record(
            request.user, expert, data["amount"], data["occasion"], data.get("round")
        )
        return Response(ExpertFeeSerializer(fee).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ExpertRatingSerializer, responses={201: ExpertRatingSerializer, **REFUSED}
    )
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        expert = self.get_object()
        form = ExpertRatingSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        rating = services.rating_record(
            request.user, expert, data["round"], data["rating"], data.get("comment", "")
        )
        return Response(ExpertRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["experts"])
class ReviewRoundViewSet(viewsets.GenericViewSet):
    """Review rounds: set up, compute or draw the assignment, pin and forbid pairs,
    publish, read the ranking. Officers of the programme write; leaders read."""

    serializer_class = ReviewRoundSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return permissions.rounds_visible_to(self.request.user)

    def _run(self) -> ReviewRound:
        review_round = self.get_object()
        if not permissions.runs_round(self.request.user, review_round):
            raise NotAllowed(_("Only an officer of this programme can change its review rounds."))
        return review_round

    def _render(self, review_round, code=status.HTTP_200_OK):
        review_round = ReviewRound.objects.get(pk=review_round.pk)
        return Response(self.get_serializer(review_round).data, status=code)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return self._render(self.get_object())

    @extend_schema(responses={201: ReviewRoundSerializer, **REFUSED})
    def create(self, request):
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        call = data.pop("call")
        return self._render(
            services.round_create(request.user, call, data), status.HTTP_201_CREATED
        )

    @extend_schema(responses={200: ReviewRoundSerializer, **REFUSED})
    def partial_update(self, request, pk=None):
        review_round = self._run()
        form = self.get_serializer(review_round, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = {k: v for k, v in form.validated_data.items() if k != "call"}
        return self._render(services.round_update(request.user, review_round, data))

    @extend_schema(request=None, responses={200: ReviewRoundSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def compute(self, request, pk=None):
        """Solve for the best match; `result` holds the objective and the shortfalls."""
        return self._render(services.assignment_compute(request.user, self._run()))

    @extend_schema(request=DrawSerializer, responses={200: ReviewRoundSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        """Random draw (随机抽取); give `seed` to repeat a recorded draw."""
        form = DrawSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        seed = form.validated_data.get("seed")
        return self._render(services.random_draw(request.user, self._run(), seed=seed))

    @extend_schema(
        request=PanelInputSerializer,
        responses={201: OpenApiResponse(description="{draw, seed, members, short_by}"), **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def panel(self, request, pk=None):
        """Draw a review-meeting panel at random (随机抽取); members conflicted with some
        declarations are listed with the items they are recused on."""
        form = PanelInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        panel = services.panel_draw(request.user, self._run(), data["size"], seed=data.get("seed"))
        return Response(
            {
                "draw": panel.draw.pk,
                "seed": panel.draw.seed,
                "short_by": panel.short_by,
                "members": [
                    {
                        "expert": e.pk,
                        "name": e.name,
                        "organisation": str(e.organisation),
                        "recused_on": panel.recusals[e.pk],
                    }
                    for e in panel.members
                ],
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["POST", "DELETE"], request=PairRuleSerializer, responses={204: None, **REFUSED}
    )
    @action(detail=True, methods=["post", "delete"])
    def rules(self, request, pk=None):
        """Pin (`kind` "pin") or forbid ("ban") a pair; DELETE removes the rule."""
        review_round = self._run()
        form = PairRuleSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d, e = form.validated_data["declaration"], form.validated_data["expert"]
        if request.method == "DELETE":
            services.pair_rule_clear(request.user, review_round, d, e)
        else:
            services.pair_rule_set(
                request.user, review_round, d, e, form.validated_data.get("kind", "")
            )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: ReviewRoundSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._render(services.round_publish(request.user, self._run()))

    @extend_schema(request=None, responses={200: ReviewRoundSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._render(services.round_close(request.user, self._run()))

    @extend_schema(responses={200: OfficerAssignmentSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def assignments(self, request, pk=None):
        """Every assignment of the round (withdrawn ones too), with affinity."""
        review_round = self.get_object()
        qs = review_round.assignments.select_related("expert", "declaration")
        return Response(OfficerAssignmentSerializer(qs, many=True).data)

    @extend_schema(responses={200: RankingRowSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        """Ranked by weighted mean (0–100) with the leniency-adjusted score, the spread
        and strong-disagreement flags."""
        lines = selectors.ranking(self.get_object())
        return Response(RankingRowSerializer(lines, many=True).data)

    @extend_schema(request=None, responses={200: DuplicateFlagSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def duplicates(self, request, pk=None):
        """GET: the call's possible duplicates. POST: check again, then list."""
        review_round = self.get_object()
        if request.method == "POST":
            services.duplicates_flag(request.user, review_round.call)
        flags = selectors.duplicate_flags(review_round.call)
        return Response(DuplicateFlagSerializer(flags, many=True).data)

    @extend_schema(
        operation_id="review_rounds_duplicate_decide",
        request=DuplicateFlagSerializer,
        responses={200: DuplicateFlagSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"duplicates/(?P<flag_id>[0-9]+)")
    def duplicate_decide(self, request, pk=None, flag_id=None):
        review_round = self.get_object()
        flag = get_object_or_404(selectors.duplicate_flags(review_round.call), pk=flag_id)
        form = DuplicateFlagSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        flag = services.duplicate_decide(
            request.user,
            flag,
            form.validated_data.get("decision", ""),
            form.validated_data.get("note", ""),
        )
        return Response(DuplicateFlagSerializer(flag).data)


@extend_schema(tags=["experts"])
class DeskViewSet(viewsets.GenericViewSet):
    """The expert's own assignments: commitment, conflict check, reading and scoring.
    Another expert's assignment is not found."""

    serializer_class = DeskAssignmentSerializer
    lookup_value_regex = "[0-9]+"
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        return selectors.desk_assignments(self.request.user)

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=CommitInputSerializer, responses={204: None, **REFUSED})
    @action(detail=False, methods=["post"])
    def commit(self, request):
        """Accept the commitment (承诺书) for a round."""
        form = CommitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        review_round = ReviewRound.objects.filter(pk=form.validated_data["round"]).first()
        if review_round is None:
            raise NotFound()
        services.commitment_accept(request.user, review_round)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: DeskAssignmentSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm no conflict of interest; the declaration then opens."""
        a = services.conflict_confirm_none(request.user, self.get_object())
        return Response(self.get_serializer(a).data)

    @extend_schema(request=ConflictInputSerializer, responses={204: None, **REFUSED})
    @action(detail=True, methods=["post"])
    def conflict(self, request, pk=None):
        """Declare a conflict: the assignment is withdrawn and a replacement found."""
        form = ConflictInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.conflict_declare(request.user, self.get_object(), form.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ScoreInputSerializer, responses={200: SheetSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """Save scores as a draft, or submit them (`submit`: true)."""
        form = ScoreInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        sheet = services.score_save(
            request.user,
            self.get_object(),
            data["scores"],
            comment=data["comment"],
            recommendation=data["recommendation"],
            submit=data["submit"],
        )
        return Response(SheetSerializer(sheet).data)


routes = [
    ("experts", ExpertViewSet, "expert"),
    ("review-rounds", ReviewRoundViewSet, "review-round"),
    ("review-desk", DeskViewSet, "review-desk"),
]
