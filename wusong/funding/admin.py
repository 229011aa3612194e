"""The funding records in the admin, to read only: money changes through the services,
which check the rules and keep the audit history, never by hand here."""

from django.contrib import admin

from .models import (
    Agreement,
    AgreementMilestone,
    Amendment,
    Disbursement,
    KeyTask,
    ServiceFee,
    Tranche,
)


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0


class KeyTaskInline(ReadOnlyInline):
    model = KeyTask


class MilestoneInline(ReadOnlyInline):
    model = AgreementMilestone


class TrancheInline(ReadOnlyInline):
    model = Tranche


class AmendmentInline(ReadOnlyInline):
    model = Amendment


@admin.register(Agreement)
class AgreementAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("reference", "recipient", "instrument", "total_amount", "state", "start_date")
    list_filter = ("instrument", "state", "declaration__call__programme")
    search_fields = ("reference", "recipient__name", "declaration__title")
    inlines = [KeyTaskInline, MilestoneInline, TrancheInline, AmendmentInline]


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("tranche", "amount", "state", "requested_at", "paid_at", "payment_reference")
    list_filter = ("state",)
    search_fields = ("tranche__agreement__reference", "payment_reference")


@admin.register(ServiceFee)
class ServiceFeeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("agreement", "date", "amount", "provider", "reference")
    search_fields = ("agreement__reference", "provider", "reference")
