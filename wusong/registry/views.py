from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from wusong.audit.services import audit_history

from .models import Organisation
from .permissions import can_view_organisation


@login_required
def organisation_detail(request, pk):
    org = get_object_or_404(Organisation.objects.select_related("parent", "park"), pk=pk)
    if not can_view_organisation(request.user, org):
        raise Http404
    fields = {f.name: f.verbose_name for f in Organisation._meta.fields}
    entries = [
        {
            "entry": entry,
            "rows": [
                (fields.get(k.removesuffix("_id"), k), before, after)
                for k, (before, after) in entry.changes.items()
            ],
        }
        for entry in audit_history(org)
    ]
    return render(request, "registry/organisation_detail.html", {"org": org, "entries": entries})
