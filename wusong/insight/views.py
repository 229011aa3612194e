from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from wusong.calls.permissions import reads_everything

from .selectors import call_overview


@login_required
def overview(request):
    if not reads_everything(request.user):
        raise Http404
    return render(request, "insight/overview.html", {"rows": call_overview()})
