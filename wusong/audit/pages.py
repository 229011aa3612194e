"""What every page that acts shares: showing why an action was refused, and the
post-redirect of a button that fires a service (`page_action`).

Views stay thin: they check who may see the record, call one service through
`page_action`, and redirect; the refusal the service raises is shown to the person.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from wusong.errors import ActionRefused

REFUSALS = (ActionRefused, ValidationError)


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


def page_action(
    request,
    action: Callable[[], object],
    *,
    then: str | HttpResponse,
    success: str | Callable[[object], str] | None = None,
) -> HttpResponse:
    """Run `action` (a service call); show its refusal, or `success` (a message, or a
    function of what the action returned that gives one); go to `then` (a URL, or a
    response such as `redirect("app:view", pk=…)`)."""
    try:
        result = action()
    except REFUSALS as exc:
        report_refusal(request, exc)
    else:
        if callable(success):
            success = success(result)
        if success:
            messages.success(request, success)
    return then if isinstance(then, HttpResponse) else redirect(then)
