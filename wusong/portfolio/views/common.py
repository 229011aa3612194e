"""Helpers shared by the portfolio pages."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .. import permissions
from ..models import Project


def visible_project(request, pk) -> Project:
    return get_object_or_404(
        permissions.projects_visible_to(request.user).select_related(
            "declaration__call__programme", "organisation", "manager"
        ),
        pk=pk,
    )


def next_url(request, default: str) -> str:
    """The `next` the form names if it is on this site; otherwise `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def back_to_project(pk, anchor=""):
    response = redirect("portfolio:project", pk=pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
