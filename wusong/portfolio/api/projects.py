"""REST endpoints for the indicators, the projects followed with everything hung on
them, and the candidate pool: parse, authorise, call a service or a selector, render. A
project the user may not see is 404, whatever the action."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wusong.calls.models import Call
from wusong.calls.permissions import declarations_visible_to
from wusong.errors import NotAllowed
from wusong.registry.models import Organisation, User

from .. import permissions, selectors, services
from ..models import Indicator
from ..serializers import (
    AssessmentInputSerializer,
    AssessmentSerializer,
    CompanyReportInputSerializer,
    CompanyReportSerializer,
    ContactSerializer,
    FollowUpSerializer,
    IndicatorSerializer,
    InviteSerializer,
    PlanFromAssessmentSerializer,
    PlanItemInputSerializer,
    PlanItemSerializer,
    ProjectFollowSerializer,
    ProjectSerializer,
    ProjectUpdateSerializer,
    ServerInputSerializer,
    ServerSerializer,
    ServiceLogSerializer,
)
from ..services import care, reports
from .parsing import REFUSED, parse_input


@extend_schema(tags=["portfolio"])
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The five-dimension indicators with their scales and anchors; the office edits them."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.prefetch_related("anchors")

    def _save(self, request, indicator=None, code=status.HTTP_200_OK):
        form = IndicatorSerializer(indicator, data=request.data, partial=indicator is not None)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        anchors = data.pop("anchors", None)
        saved = services.indicator_save(
            request.user,
            indicator=indicator,
            anchors=[(a["value"], a["description"], a.get("description_en", "")) for a in anchors]
            if anchors is not None
            else None,
            **data,
        )
        return Response(IndicatorSerializer(saved).data, status=code)

    @extend_schema(request=IndicatorSerializer, responses={201: IndicatorSerializer, **REFUSED})
    def create(self, request):
        return self._save(request, code=status.HTTP_201_CREATED)

    @extend_schema(request=IndicatorSerializer, responses={200: IndicatorSerializer, **REFUSED})
    def partial_update(self, request, pk=None):
        return self._save(request, self.get_object())


@extend_schema(tags=["portfolio"])
class ProjectViewSet(viewsets.GenericViewSet):
    """Followed projects (portfolio and candidates) and everything hung on them."""

    serializer_class = ProjectSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return permissions.projects_visible_to(self.request.user).select_related(
            "declaration", "organisation", "manager"
        )

    def list(self, request):
        qs = self.get_queryset()
        kind = request.query_params.get("kind")
        if kind:
            qs = qs.filter(kind=kind)
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ProjectFollowSerializer, responses={201: ProjectSerializer, **REFUSED})
    def create(self, request):
        """Follow an approved (portfolio) or shortlisted (candidate) declaration."""
        data = parse_input(ProjectFollowSerializer, request.data)
        decl = get_object_or_404(declarations_visible_to(request.user), pk=data.pop("declaration"))
        project = services.project_follow(request.user, decl, **data)
        return Response(self.get_serializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProjectUpdateSerializer, responses={200: ProjectSerializer, **REFUSED})
    def partial_update(self, request, pk=None):
        project = services.project_update(
            request.user, self.get_object(), **parse_input(ProjectUpdateSerializer, request.data)
        )
        return Response(self.get_serializer(project).data)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def profile(self, request, pk=None):
        """Dimension scores now, last and in the company's own view, weak links, whether
        the last weak links moved, and the radar as inline SVG."""
        project = self.get_object()
        prof = selectors.profile(project)
        return Response(
            {
                "threshold": str(prof["threshold"]),
                "current": AssessmentSerializer(prof["current"]).data if prof["current"] else None,
                "previous": AssessmentSerializer(prof["previous"]).data
                if prof["previous"]
                else None,
                "self_assessment": AssessmentSerializer(prof["self"]).data
                if prof["self"]
                else None,
                "weak_links": prof["weak_links"],
                "moves": [
                    {
                        "dimension": m["dimension"],
                        "before": str(m["before"]) if m["before"] is not None else None,
                        "after": str(m["after"]) if m["after"] is not None else None,
                        "closed": m["closed"],
                    }
                    for m in prof["moves"]
                ],
                "radar_svg": selectors.radar_for(project),
                "history": [
                    {
                        "dimension": h["dimension"],
                        "points": [[d, str(v) if v is not None else None] for d, v in h["points"]],
                    }
                    for h in selectors.dimension_history(project)
                ],
            }
        )

    @extend_schema(
        methods=["GET"], responses={200: AssessmentSerializer(many=True), 404: REFUSED[404]}
    )
    @extend_schema(
        methods=["POST"],
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"])
    def assessments(self, request, pk=None):
        """List assessments, or record one: `kind` "manager" (the manager) or "self" (the
        company). A score outside its indicator's scale is refused (400)."""
        project = self.get_object()
        if request.method == "GET":
            qs = project.assessments.prefetch_related("items__indicator").select_related(
                "assessed_by"
            )
            return Response(AssessmentSerializer(qs, many=True).data)
        data = parse_input(AssessmentInputSerializer, request.data)
        scores = {k: tuple(v) if isinstance(v, list) else v for k, v in data.pop("scores").items()}
        assessment = services.assessment_record(
            request.user, project, data.pop("kind"), scores, **data
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], responses={200: PlanItemSerializer(many=True), 404: REFUSED[404]}
    )
    @extend_schema(
        methods=["POST"],
        request=PlanItemInputSerializer,
        responses={201: PlanItemSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"])
    def plan(self, request, pk=None):
        project = self.get_object()
        if request.method == "GET":
            return Response(PlanItemSerializer(project.plan_items.all(), many=True).data)
        data = parse_input(PlanItemInputSerializer, request.data)
        owner_user = data.pop("owner_user", None)
        owner_agency = data.pop("owner_agency", None)
        current, _previous = selectors.latest_pair(project)
        item = care.plan_item_create(
            request.user,
            project,
            owner_user=get_object_or_404(User, pk=owner_user) if owner_user else None,
            owner_agency=get_object_or_404(Organisation, pk=owner_agency) if owner_agency else None,
            source=current,
            **data,
        )
        return Response(PlanItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PlanFromAssessmentSerializer,
        responses={201: PlanItemSerializer(many=True), **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="plan-from-assessment")
    def plan_from_assessment(self, request, pk=None):
        """Turn the latest manager's assessment's weak links into plan items."""
        project = self.get_object()
        current, _previous = selectors.latest_pair(project)
        if current is None:
            raise NotAllowed(_("Record an assessment first."))
        data = parse_input(PlanFromAssessmentSerializer, request.data)
        owner_user, owner_agency = data.pop("owner_user"), data.pop("owner_agency")
        items = care.plan_from_assessment(
            request.user,
            current,
            owner_user=get_object_or_404(User, pk=owner_user) if owner_user else None,
            owner_agency=get_object_or_404(Organisation, pk=owner_agency) if owner_agency else None,
            **data,
        )
        return Response(PlanItemSerializer(items, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], responses={200: ServiceLogSerializer(many=True), 404: REFUSED[404]}
    )
    @extend_schema(
        methods=["POST"],
        request=ServiceLogSerializer,
        responses={201: ServiceLogSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"])
    def services(self, request, pk=None):
        """The service log; those who serve the project (or its manager) add to it."""
        project = self.get_object()
        if request.method == "GET":
            return Response(ServiceLogSerializer(project.service_logs.all(), many=True).data)
        form = ServiceLogSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        entry = care.service_log_add(request.user, project, **form.validated_data)
        return Response(ServiceLogSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: ServerSerializer(many=True), 404: REFUSED[404]})
    @extend_schema(
        methods=["POST"],
        request=ServerInputSerializer,
        responses={201: ServerSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"])
    def servers(self, request, pk=None):
        """Who serves the project; the manager assigns a mentor, technical broker, staff
        member (`user`) or a service agency (`agency`)."""
        project = self.get_object()
        if request.method == "GET":
            return Response(ServerSerializer(project.servers.all(), many=True).data)
        data = parse_input(ServerInputSerializer, request.data)
        server = care.server_assign(
            request.user,
            project,
            person=get_object_or_404(User, pk=data["user"]) if data["user"] else None,
            agency=get_object_or_404(Organisation, pk=data["agency"]) if data["agency"] else None,
        )
        return Response(ServerSerializer(server).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], responses={200: CompanyReportSerializer(many=True), 404: REFUSED[404]}
    )
    @extend_schema(
        methods=["POST"],
        request=CompanyReportInputSerializer,
        responses={201: CompanyReportSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"])
    def reports(self, request, pk=None):
        """The company's reports; the company files one for an ended period (a future
        period is refused, 409) and submits it with `submit: true`."""
        project = self.get_object()
        if request.method == "GET":
            if not permissions.can_see_reports(request.user, project):
                raise NotAllowed(_("Company reports are for the company and its managers."))
            return Response(
                CompanyReportSerializer(project.reports.prefetch_related("tasks"), many=True).data
            )
        data = parse_input(CompanyReportInputSerializer, request.data)
        year, period, submit = data.pop("year"), data.pop("period"), data.pop("submit")
        tasks = data.pop("tasks", None)
        report = reports.report_save(request.user, project, year, period, data, tasks)
        if submit:
            report = reports.report_submit(request.user, report)
        return Response(CompanyReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ContactSerializer, responses={201: ContactSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def contacts(self, request, pk=None):
        form = ContactSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        contact = services.contact_add(request.user, self.get_object(), **form.validated_data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FollowUpSerializer, responses={201: FollowUpSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="follow-ups")
    def follow_ups(self, request, pk=None):
        form = FollowUpSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        entry = services.follow_up_add(request.user, self.get_object(), **form.validated_data)
        return Response(FollowUpSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InviteSerializer, responses={201: OpenApiTypes.OBJECT, **REFUSED})
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite a candidate into a later open call: a draft declaration with its data."""
        call = get_object_or_404(Call, pk=parse_input(InviteSerializer, request.data)["call"])
        invitation = services.candidate_invite(request.user, self.get_object(), call)
        return Response(
            {
                "declaration": invitation.declaration.pk,
                "reference": invitation.declaration.reference,
            },
            status=status.HTTP_201_CREATED,
        )


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
