from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from wusong.registry.roles import Role


@login_required
def home(request):
    """Send each person to the desk of their main role."""
    user = request.user
    if user.has_role(Role.LEADER):
        return redirect("insight:overview")
    if user.has_role(Role.OFFICER, Role.ADMINISTRATOR):
        return redirect("calls:office")
    if user.has_role(Role.APPLICANT):
        return redirect("calls:portal")
    return render(request, "web/home.html")
