"""Helpers shared by the expert pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import ReviewRound


def pool_manager(request) -> None:
    if not permissions.manages_pool(request.user):
        raise Http404


def round_read(request, pk) -> ReviewRound:
    """A round this user may read; otherwise 404, so ids cannot be probed."""
    return get_object_or_404(permissions.rounds_visible_to(request.user), pk=pk)


def round_run(request, pk) -> ReviewRound:
    review_round = round_read(request, pk)
    if not permissions.runs_round(request.user, review_round):
        raise Http404
    return review_round
