"""REST endpoints of review meetings: officers schedule and run them (panel, draw,
agenda, attendance, recusals, notes, votes, open, close, cancel, minutes); panel members
read their meetings and, where the office lets them, vote on the items they are not
recused on. Parse, authorise, call a service or a selector, render."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from wusong.calls.models import Declaration
from wusong.calls.serializers import AuditEntrySerializer
from wusong.errors import NotAllowed
from wusong.experts.models import Expert

from . import permissions, selectors, services
from .minutes import meeting_minutes_pdf
from .models import Meeting
from .serializers import (
    AttendanceSerializer,
    DeclarationsSerializer,
    DeskMeetingSerializer,
    ExpertsSerializer,
    MeetingSerializer,
    MeetingWriteSerializer,
    NotesSerializer,
    PanelDrawSerializer,
    ReasonSerializer,
    RecusalInputSerializer,
    VoteInputSerializer,
)

REFUSED = {
    400: OpenApiResponse(description="Invalid input; `detail` says what and `errors` where."),
    403: OpenApiResponse(description="Not allowed for this user."),
    404: OpenApiResponse(description="No such meeting, or not visible to this user."),
    409: OpenApiResponse(description="Not possible in the meeting's state (or member recused)."),
}
ITEM_ID = OpenApiParameter("item_id", OpenApiTypes.INT, OpenApiParameter.PATH)
ITEM_PATH = r"items/(?P<item_id>[0-9]+)"


def _experts(ids) -> list[Expert]:
    found = Expert.objects.in_bulk(list(ids))
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError({"experts": [_("No expert %(ids)s.") % {"ids": ", ".join(missing)}]})
    return [found[i] for i in ids]


def _declarations(call, ids) -> list[Declaration]:
    found = Declaration.objects.filter(call=call).in_bulk(list(ids))
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {
                "declarations": [
                    _("No declaration %(ids)s in this call.") % {"ids": ", ".join(missing)}
                ]
            }
        )
    return [found[i] for i in ids]


def _member(meeting, expert_id):
    member = meeting.members.select_related("expert").filter(expert_id=expert_id).first()
    if member is None:
        raise ValidationError({"expert": [_("This expert is not on the meeting's panel.")]})
    return member


@extend_schema(tags=["review meetings"])
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Review meetings as the office runs them: panel, recusals, every vote, outcomes.
    Officers of the call's programme act; leaders read; anyone else finds none."""

    serializer_class = MeetingSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.meetings_for_office(self.request.user).prefetch_related(
            "members__expert__organisation",
            "items__declaration__organisation",
            "items__votes__member__expert",
            "items__recusals__member__expert",
        )

    def _run(self) -> Meeting:
        meeting = self.get_object()
        if not permissions.runs_meeting(self.request.user, meeting):
            raise NotAllowed(_("Only an officer of this programme can run its review meetings."))
        return meeting

    def _render(self, meeting, code=status.HTTP_200_OK):
        return Response(
            self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data, status=code
        )

    @staticmethod
    def _data(call, validated) -> dict:
        data = dict(validated)
        data.pop("call", None)
        data.pop("experts", None)
        data.pop("declarations", None)
        if data.get("review_round") is not None:
            review_round = selectors.round_of_call(call, data["review_round"])
            if review_round is None:
                raise ValidationError(
                    {
                        "review_round": [
                            _("No review round %(id)s of this call.") % {"id": data["review_round"]}
                        ]
                    }
                )
            data["review_round"] = review_round
        if "chair" in data:
            data["chair"] = (
                Expert.objects.filter(pk=data["chair"]).first() if data["chair"] else None
            )
        return data

    @extend_schema(request=MeetingWriteSerializer, responses={201: MeetingSerializer, **REFUSED})
    def create(self, request):
        """Schedule a meeting: `call` (code), `starts_at`, `place`, optional `title`,
        `review_round`, quorum (`quorum_numerator`/`quorum_denominator`, default 2/3;
        `quorum_min_votes`, default 3), `members_vote_themselves`, `experts` (the panel)
        and `declarations` (the agenda, in order). Conflicted members are recused."""
        form = MeetingWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        call = form.validated_data.get("call")
        if call is None:
            raise ValidationError({"call": [_("Name the call (its code) the meeting is for.")]})
        meeting = services.meeting_schedule(
            request.user,
            call,
            self._data(call, form.validated_data),
            experts=_experts(form.validated_data.get("experts", [])),
            declarations=_declarations(call, form.validated_data.get("declarations", [])),
        )
        return self._render(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=MeetingWriteSerializer, responses={200: MeetingSerializer, **REFUSED})
    def partial_update(self, request, pk=None):
        """Change the details of a scheduled meeting."""
        meeting = self._run()
        form = MeetingWriteSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        return self._render(
            services.meeting_update(
                request.user, meeting, self._data(meeting.call, form.validated_data)
            )
        )

    @extend_schema(request=ExpertsSerializer, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def panel(self, request, pk=None):
        """Set the panel (expert ids, in order)."""
        meeting = self._run()
        form = ExpertsSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        experts = _experts(form.validated_data["experts"])
        return self._render(services.members_set(request.user, meeting, experts))

    @extend_schema(request=PanelDrawSerializer, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="panel-draw")
    def panel_draw(self, request, pk=None):
        """Draw the panel at random (随机抽取) from the meeting's review round; give `seed`
        to repeat a recorded draw."""
        meeting = self._run()
        form = PanelDrawSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.panel_draw_for_meeting(
            request.user, meeting, form.validated_data["size"], seed=form.validated_data.get("seed")
        )
        return self._render(meeting)

    @extend_schema(request=DeclarationsSerializer, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def agenda(self, request, pk=None):
        """Set the agenda (declaration ids, in the order discussed)."""
        meeting = self._run()
        form = DeclarationsSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        decls = _declarations(meeting.call, form.validated_data["declarations"])
        return self._render(services.agenda_set(request.user, meeting, decls))

    @extend_schema(request=AttendanceSerializer, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record who is `present` and `absent` (expert ids)."""
        meeting = self._run()
        form = AttendanceSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        marks = {_member(meeting, e).pk: True for e in form.validated_data["present"]}
        marks.update({_member(meeting, e).pk: False for e in form.validated_data["absent"]})
        return self._render(services.attendance_record(request.user, meeting, marks))

    @extend_schema(request=None, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._render(services.meeting_open(request.user, self._run()))

    @extend_schema(request=None, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close: each item is decided by the quorum rule and the majority of valid votes;
        an item short of its quorum or split evenly has no outcome and is flagged."""
        return self._render(services.meeting_close(request.user, self._run()))

    @extend_schema(request=ReasonSerializer, responses={200: MeetingSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a scheduled meeting, with the reason."""
        meeting = self._run()
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self._render(
            services.meeting_cancel(request.user, meeting, form.validated_data["reason"])
        )

    def _item(self, meeting, item_id):
        return get_object_or_404(meeting.items.select_related("declaration"), pk=item_id)

    @extend_schema(
        parameters=[ITEM_ID], request=NotesSerializer, responses={200: MeetingSerializer, **REFUSED}
    )
    @action(detail=True, methods=["post"], url_path=rf"{ITEM_PATH}/notes")
    def notes(self, request, pk=None, item_id=None):
        """Record the discussion of an item and the opinion of the meeting."""
        meeting = self._run()
        form = NotesSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.item_notes_save(
            request.user,
            self._item(meeting, item_id),
            form.validated_data["notes"],
            form.validated_data.get("conclusion"),
        )
        return self._render(meeting)

    @extend_schema(
        parameters=[ITEM_ID],
        request=VoteInputSerializer,
        responses={200: MeetingSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path=rf"{ITEM_PATH}/votes")
    def votes(self, request, pk=None, item_id=None):
        """Record a member's vote (`expert`, `choice`, `comment`). Refused (409) when the
        member is recused on the item, absent, or the meeting is not in session."""
        meeting = self._run()
        form = VoteInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data.get("expert") is None:
            raise ValidationError({"expert": [_("Say whose vote it is.")]})
        services.vote_record(
            request.user,
            self._item(meeting, item_id),
            _member(meeting, data["expert"]),
            data["choice"],
            data["comment"],
        )
        return self._render(meeting)

    @extend_schema(
        parameters=[ITEM_ID],
        request=RecusalInputSerializer,
        responses={200: MeetingSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path=rf"{ITEM_PATH}/recusals")
    def recusals(self, request, pk=None, item_id=None):
        """Record a recusal declared at the meeting; the member's vote on it is struck out."""
        meeting = self._run()
        form = RecusalInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.recusal_declare(
            request.user,
            self._item(meeting, item_id),
            _member(meeting, form.validated_data["expert"]),
            form.validated_data["reason"],
        )
        return self._render(meeting)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: REFUSED[404]})
    @action(detail=True, methods=["get"])
    def minutes(self, request, pk=None):
        """The minutes (会议纪要) as a PDF in Chinese; a draft until the meeting closes."""
        meeting = self.get_object()
        response = HttpResponse(meeting_minutes_pdf(meeting), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            False, f"会议纪要-{meeting.pk}.pdf"
        )
        return response

    @extend_schema(responses={200: AuditEntrySerializer(many=True), 404: REFUSED[404]})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        entries = selectors.meeting_history(self.get_object())
        return Response(AuditEntrySerializer(entries, many=True).data)


@extend_schema(tags=["review meetings"])
class MeetingDeskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A panel member's meetings: the items they are not recused on and their own votes
    only. Nobody else's votes, no recusals."""

    serializer_class = DeskMeetingSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return permissions.meetings_of_member(self.request.user)

    @extend_schema(
        parameters=[ITEM_ID],
        request=VoteInputSerializer,
        responses={200: DeskMeetingSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path=rf"{ITEM_PATH}/vote")
    def vote(self, request, pk=None, item_id=None):
        """Record your own vote (`choice`, `comment`), where the office lets members vote
        themselves, while the meeting sits and you are recorded as present."""
        meeting = self.get_object()
        member = permissions.membership_of(request.user, meeting)
        item = permissions.items_for_member(member).filter(pk=item_id).first()
        if item is None:
            raise NotFound()
        form = VoteInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.vote_record(
            request.user,
            item,
            member,
            form.validated_data["choice"],
            form.validated_data["comment"],
        )
        return Response(self.get_serializer(meeting).data)


routes = [
    ("meetings", MeetingViewSet, "meeting"),
    ("meeting-desk", MeetingDeskViewSet, "meeting-desk"),
]
