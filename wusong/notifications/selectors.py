"""Reads of notifications, for the portal and the API."""

from django.db.models import Q, QuerySet

from .models import Notification


def notifications_for(user) -> QuerySet:
    """The person's own notifications and their organisation's."""
    if not user.is_authenticated:
        return Notification.objects.none()
    cond = Q(recipient_user=user)
    if user.organisation_id:
        cond |= Q(recipient_organisation_id=user.organisation_id)
    return Notification.objects.filter(cond)


def notifications_unread(user) -> QuerySet:
    return notifications_for(user).filter(read=False)
