"""Meetings in the admin, read only (panel and agenda, no votes): they change through
their pages and services, which recuse conflicted members and keep the audit."""

from django.contrib import admin

from .models import AgendaItem, Meeting, MeetingMember


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingMemberInline(ReadOnlyInline):
    model = MeetingMember
    fields = ("expert", "present")


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ("order", "declaration", "outcome", "flag")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "call", "starts_at", "place", "state")
    list_filter = ("state",)
    inlines = [MeetingMemberInline, AgendaItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
