"""API errors as JSON with a message a person can read: {"detail": ..., "errors": {...}}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from wusong.errors import ActionRefused
from wusong.kernels.conversion import ConversionInputError


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return " ".join(
            f"{k}: {_flatten(v)}" if k not in ("non_field_errors", "__all__") else _flatten(v)
            for k, v in detail.items()
        )
    if isinstance(detail, list):
        return " ".join(_flatten(v) for v in detail)
    return str(detail)


def exception_handler(exc, context):
    if isinstance(exc, ActionRefused):
        return Response({"detail": exc.message}, status=exc.status_code)
    if isinstance(exc, ConversionInputError):
        exc = exceptions.ValidationError({exc.field: [exc.message]})
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        exc = exceptions.ValidationError(errors)
    if isinstance(exc, Http404):
        return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _flatten(data), "errors": data}
    elif not (isinstance(data, dict) and "detail" in data):
        response.data = {"detail": _flatten(data)}
    return response
