"""The office edits the five-dimension indicators here (each change audited). Records
with a life (plan items, reports, checks) are read here and changed only through the
services, so their states follow the declared workflows."""

from django.contrib import admin

from wusong.audit.services import audit_record

from .models import (
    AgreementCheck,
    Alert,
    Anchor,
    Assessment,
    CheckPanel,
    CompanyReport,
    ExtensionRequest,
    Indicator,
    PanelMember,
    PlanItem,
    Project,
    ServiceLog,
)


class AnchorInline(admin.TabularInline):
    model = Anchor
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "dimension", "name", "scale_min", "scale_max", "weight", "active")
    list_filter = ("dimension", "active")
    inlines = [AnchorInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            obj,
            actor=request.user,
            action="edited" if change else "created",
            changes={
                f: [form.initial.get(f), str(form.cleaned_data.get(f))] for f in form.changed_data
            },
            note="admin",
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("declaration", "organisation", "kind", "manager", "report_every")
    list_filter = ("kind",)


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "assessed_on", "overall", "weakest")
    list_filter = ("kind", "weakest")


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    list_display = ("project", "dimension", "kind", "owner_user", "owner_agency", "due", "state")
    list_filter = ("state", "kind")


@admin.register(ServiceLog)
class ServiceLogAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "on", "hours", "logged_by")


@admin.register(CompanyReport)
class CompanyReportAdmin(ReadOnlyAdmin):
    list_display = ("project", "year", "period", "months", "state", "submitted_at")
    list_filter = ("state",)


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "message", "raised_at", "resolved_at")


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "current_end", "new_end", "state")


@admin.register(AgreementCheck)
class AgreementCheckAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "kind", "scheduled_on", "state", "rectify_by")


class PanelMemberInline(admin.TabularInline):
    model = PanelMember
    fields = ("expert", "is_chair")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CheckPanel)
class CheckPanelAdmin(ReadOnlyAdmin):
    list_display = ("check_record", "method", "rubric", "formed_at")
    inlines = [PanelMemberInline]
