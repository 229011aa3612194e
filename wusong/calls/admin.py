from django.contrib import admin

from .models import Attachment, Call, CallField, Declaration, Milestone, Programme, TeamMember


class CallFieldInline(admin.TabularInline):
    model = CallField
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind")
    filter_horizontal = ("officers",)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "programme",
        "opens_at",
        "closes_at",
        "open_all_year",
        "budget",
        "quota",
    )
    list_filter = ("programme",)
    inlines = [CallFieldInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TeamInline(ReadOnlyInline):
    model = TeamMember


class MilestoneInline(ReadOnlyInline):
    model = Milestone


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    exclude = ("file",)


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    """Read-only: declarations change only through the workflow and its services."""

    list_display = (
        "reference",
        "title",
        "organisation",
        "state",
        "requested_amount",
        "submitted_at",
    )
    list_filter = ("state", "call", "industry")
    search_fields = ("reference", "title", "organisation__name")
    inlines = [TeamInline, MilestoneInline, AttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
