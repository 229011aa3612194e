from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from . import permissions


@login_required
def home(request):
    """Send each person to the desk of their main role."""
    user = request.user
    if permissions.is_leader(user):
        return redirect("insight:overview")
    if permissions.runs_the_office(user):
        return redirect("calls:office")
    if permissions.is_applicant(user):
        return redirect("calls:portal")
    return render(request, "web/home.html")
