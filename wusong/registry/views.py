from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Organisation
from .permissions import can_view_organisation
from .selectors import organisation_history


@login_required
def organisation_detail(request, pk):
    org = get_object_or_404(Organisation.objects.select_related("parent", "park"), pk=pk)
    if not can_view_organisation(request.user, org):
        raise Http404
    return render(
        request,
        "registry/organisation_detail.html",
        {"org": org, "entries": organisation_history(org)},
    )
