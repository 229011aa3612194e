"""Helpers shared by the declaration pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from wusong.errors import ActionRefused

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


def report_refusal(request, exc: Exception, form=None) -> None:
    """Show why an action was refused: on the form's fields where it can, else as a message."""
    if isinstance(exc, ActionRefused):
        messages.error(request, exc.message)
        return
    if isinstance(exc, ValidationError):
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
            return
        for message in exc.messages:
            messages.error(request, message)
        return
    raise exc
