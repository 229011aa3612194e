"""The portal's button on a notification: mark it read and follow its link."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_read(request.user, notification)
    return redirect(notification.link or "home")
