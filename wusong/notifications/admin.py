from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("text", "recipient_organisation", "recipient_user", "read", "created_at")
    list_filter = ("read",)
