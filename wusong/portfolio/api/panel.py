"""REST endpoints for the expert panel of a mid-term check or final acceptance: the
officer forms it and reads the scores; each member reads and fills their own sheet. The
company never reaches these endpoints (404)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wusong.funding.permissions import runs_agreement
from wusong.meetings.models import Meeting, Purpose
from wusong.meetings.serializers import MeetingSerializer

from .. import check_meetings, permissions, selectors
from ..models import PanelSheet
from ..serializers import CheckMeetingSerializer
from ..services import panel as panels
from .parsing import REFUSED, parse_input


class PanelFormSerializer(serializers.Serializer):
    size = serializers.IntegerField(required=False, allow_null=True, default=None)
    experts = serializers.ListField(
        child=serializers.IntegerField(), required=False, allow_null=True, default=None
    )
    seed = serializers.IntegerField(required=False, allow_null=True, default=None)


class PanelScoreSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.CharField(allow_blank=True))
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(required=False, default=False)


def _sheet(sheet: PanelSheet | None) -> dict | None:
    if sheet is None:
        return None
    return {
        "sitting": sheet.sitting,
        "scores": {s.criterion.code: str(s.score) for s in sheet.scores.all()},
        "total": str(sheet.total) if sheet.total is not None else None,
        "recommendation": sheet.recommendation,
        "comment": sheet.comment,
        "submitted_at": sheet.submitted_at,
    }


def _check_head(check) -> dict:
    return {
        "check": check.pk,
        "agreement": check.agreement.reference,
        "kind": check.kind,
        "state": check.state,
        "scheduled_on": check.scheduled_on,
        "sitting": selectors.sitting_of(check),
    }


@extend_schema(tags=["portfolio"])
class CheckPanelViewSet(viewsets.GenericViewSet):
    """The panel of a check, by the check's id."""

    serializer_class = PanelFormSerializer

    def get_queryset(self):
        return permissions.check_panels_visible_to(self.request.user)

    def _officer(self, check) -> bool:
        return runs_agreement(self.request.user, check.agreement)

    def _member(self, check):
        member = permissions.panel_member_of(self.request.user, check)
        if member is None:
            raise Http404
        return member

    def list(self, request):
        return Response([_check_head(c) for c in self.get_queryset()])

    def retrieve(self, request, pk=None):
        check = self.get_object()
        head = _check_head(check)
        if self._officer(check):
            summary = selectors.panel_summary(check)
            head["meetings"] = [
                {
                    "meeting": item.meeting_id,
                    "title": item.meeting.title,
                    "state": item.meeting.state,
                    "sitting": item.sitting,
                    "outcome": item.outcome,
                    "flag": item.flag,
                }
                for item in selectors.hearings_of(check)
            ]
            if summary is None:
                return Response(head | {"panel": None})
            return Response(
                head
                | {
                    "panel": {
                        "method": summary["panel"].method,
                        "rubric": summary["panel"].rubric.code,
                        "excluded": summary["excluded"],
                        "mean": str(summary["mean"]) if summary["mean"] is not None else None,
                        "submitted": summary["submitted"],
                        "members": [
                            {
                                "expert": r["member"].expert_id,
                                "name": r["member"].expert.name,
                                "chair": r["member"].is_chair,
                                "sheet": _sheet(r["sheet"]) if r["submitted"] else None,
                            }
                            for r in summary["rows"]
                        ],
                    }
                }
            )
        member = self._member(check)
        sheet = selectors.panel_sheet(member, head["sitting"])
        criteria = [
            {
                "code": c.code,
                "name": c.label,
                "weight": str(c.weight),
                "min": str(c.min_score),
                "max": str(c.max_score),
            }
            for c in member.panel.rubric.criteria.all()
        ]
        return Response(head | {"criteria": criteria, "sheet": _sheet(sheet)})

    @extend_schema(request=PanelFormSerializer, responses={200: None, **REFUSED})
    @action(detail=True, methods=["post"])
    def form(self, request, pk=None):
        check = self.get_object()
        if not self._officer(check):
            raise Http404
        data = parse_input(PanelFormSerializer, request.data)
        panels.panel_form(
            request.user, check, size=data["size"], experts=data["experts"], seed=data["seed"]
        )
        return self.retrieve(request, pk)

    @extend_schema(request=PanelScoreSerializer, responses={200: None, **REFUSED})
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        check = self.get_object()
        member = self._member(check)
        data = parse_input(PanelScoreSerializer, request.data)
        sheet = panels.panel_score_save(
            request.user,
            member,
            data["scores"],
            comment=data["comment"],
            recommendation=data["recommendation"],
            submit=data["submit"],
        )
        return Response(_sheet(sheet))

    @extend_schema(request=CheckMeetingSerializer, responses={201: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def meeting(self, request, pk=None):
        """Hear the check at a review meeting: schedule a new one for its panel
        (`starts_at`, `place`, optional `title`), or give `meeting` to add it to a
        scheduled check meeting of the same call. Closing the meeting records the
        outcome."""
        check = self.get_object()
        if not self._officer(check):
            raise Http404
        data = parse_input(CheckMeetingSerializer, request.data)
        if data["meeting"]:
            meeting = get_object_or_404(Meeting, pk=data["meeting"], purpose=Purpose.CHECK)
            check_meetings.check_agenda_add(request.user, meeting, check)
        else:
            missing = {
                key: [_("This field is required.")]
                for key in ("starts_at", "place")
                if not data[key]
            }
            if missing:
                raise ValidationError(missing)
            meeting = check_meetings.check_meeting_schedule(
                request.user,
                check,
                {k: data[k] for k in ("title", "starts_at", "place")},
            )
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)
