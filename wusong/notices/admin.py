"""Notices in the admin, read-mostly. Objections are not registered: who objected is for
the programme officers handling them, in the office pages, not for every staff member."""

from django.contrib import admin

from .models import NoticeItem, PublicNotice


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
