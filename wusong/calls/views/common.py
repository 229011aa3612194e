"""Helpers shared by the declaration pages."""

from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Declaration


def visible_declaration(request, pk) -> Declaration:
    """The declaration if this user may see it; otherwise 404, so ids cannot be probed."""
    return get_object_or_404(
        permissions.declarations_visible_to(request.user).select_related(
            "call__programme", "organisation", "industry"
        ),
        pk=pk,
    )
