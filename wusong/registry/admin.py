from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from wusong.audit.services import audit_record, field_changes

from .models import Industry, Organisation, Park, User, Zone
from .selectors import organisation_values


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Wusong"), {"fields": ("display_name", "mobile", "organisation", "title")}),
    )
    list_display = ("username", "display_name", "organisation", "is_active")
    list_filter = ("groups", "is_active")
    search_fields = ("username", "display_name", "organisation__name")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "kind", "uscc", "park", "fictional")
    list_filter = ("kind", "fictional")
    search_fields = ("name", "name_en", "uscc")

    def save_model(self, request, obj, form, change):
        before = organisation_values(Organisation.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        changes = field_changes(before, organisation_values(obj))
        if changes:
            audit_record(
                obj, actor=request.user, action="edited" if change else "created", changes=changes
            )


admin.site.register(Industry, list_display=("code", "name", "name_en", "sort"))
admin.site.register(Zone, list_display=("code", "name", "kind", "sort"))
admin.site.register(Park, list_display=("code", "name", "zone", "kind"))
