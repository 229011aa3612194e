"""The panel member's meeting pages: the meetings on whose panel they sit and, where the
office lets members vote themselves, their own vote on the items they are not recused
on. Nobody else's votes, no recusals. Anything a user may not see is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wusong.audit.pages import REFUSALS, report_refusal

from .. import permissions, selectors, services
from ..forms import VoteForm
from ..workflow import MeetingState


@login_required
def desk(request):
    meetings = permissions.meetings_of_member(request.user)
    if not permissions.has_desk(request.user):
        raise Http404
    return render(request, "meetings/desk.html", {"meetings": meetings})


def _seat(request, pk):
    meeting = get_object_or_404(permissions.meetings_of_member(request.user), pk=pk)
    member = permissions.membership_of(request.user, meeting)
    if member is None:
        raise Http404
    return meeting, member


@login_required
def desk_meeting(request, pk):
    """The member's own view: the meeting, the items they are not recused on, their own
    votes; and a vote form on each while the meeting sits, if members vote themselves."""
    meeting, member = _seat(request, pk)
    may_vote = (
        meeting.members_vote_themselves
        and meeting.state == MeetingState.IN_SESSION
        and member.present is True
    )
    if request.method == "POST":
        if not may_vote:
            messages.error(request, _("Votes are not taken on this page now."))
            return redirect("meetings:meeting_desk_item", pk=pk)
        item = get_object_or_404(
            permissions.items_for_member(member), pk=request.POST.get("item") or 0
        )
        form = VoteForm(request.POST)
        if form.is_valid():
            try:
                services.vote_record(
                    request.user,
                    item,
                    member,
                    form.cleaned_data["choice"],
                    form.cleaned_data["comment"],
                )
            except REFUSALS as exc:
                report_refusal(request, exc)
            else:
                messages.success(request, _("Your vote is recorded."))
        else:
            messages.error(request, _("Choose your vote."))
        return redirect("meetings:meeting_desk_item", pk=pk)
    return render(
        request,
        "meetings/desk_meeting.html",
        {
            "meeting": meeting,
            "member": member,
            "rows": selectors.member_items(member),
            "may_vote": may_vote,
            "choices": meeting.vote_choices(),
            "second_sitting_choices": meeting.vote_choices(sitting=2),
        },
    )
