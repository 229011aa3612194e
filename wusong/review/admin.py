"""Notices and review meetings in the admin, read-mostly. Objections are not registered:
who objected is for the programme officers handling them, in the office pages, not for
every staff member. Meetings are read only here (panel and agenda, no votes): they change
through their pages and services, which recuse conflicted members and keep the audit."""

from django.contrib import admin

from .models import AgendaItem, Meeting, MeetingMember, NoticeItem, PublicNotice


class NoticeItemInline(admin.TabularInline):
    model = NoticeItem
    extra = 0
    fields = ("declaration", "proposed_amount", "dropped", "drop_reason")
    readonly_fields = fields
    can_delete = False


@admin.register(PublicNotice)
class PublicNoticeAdmin(admin.ModelAdmin):
    list_display = ("title", "call", "state", "period_start", "period_end")
    list_filter = ("state",)
    readonly_fields = ("state", "published_at", "period_start", "period_end", "approved_at")
    inlines = [NoticeItemInline]


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
