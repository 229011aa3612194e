"""The funding records in the admin, to read only: money and equity change through the
services, which check the rules and keep the audit history, never by hand here."""

from django.contrib import admin

from .models import (
    Agreement,
    AgreementMilestone,
    Amendment,
    CapTableLine,
    Conversion,
    ConvertiblePosition,
    Disbursement,
    EquityProfile,
    Exit,
    FinancingRound,
    Holding,
    KeyTask,
    PoolReturn,
    RoundInvestor,
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


class CapTableLineInline(ReadOnlyInline):
    model = CapTableLine


@admin.register(EquityProfile)
class EquityProfileAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("organisation", "form", "units", "updated_at")
    list_filter = ("form",)
    search_fields = ("organisation__name",)
    inlines = [CapTableLineInline]


class RoundInvestorInline(ReadOnlyInline):
    model = RoundInvestor


@admin.register(FinancingRound)
class FinancingRoundAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("company", "name", "date", "round_price", "units_before")
    search_fields = ("company__organisation__name", "name")
    inlines = [RoundInvestorInline]


@admin.register(ConvertiblePosition)
class ConvertiblePositionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("agreement", "company", "holder", "instrument", "state", "amount")
    list_filter = ("state", "instrument")
    search_fields = ("agreement__reference", "company__name")


@admin.register(Conversion)
class ConversionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("position", "kind", "price_rule", "price", "units", "amount_converted")
    list_filter = ("kind", "price_rule")


class ExitInline(ReadOnlyInline):
    model = Exit


@admin.register(Holding)
class HoldingAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("company", "holder", "unit_class", "units", "cost", "state")
    list_filter = ("state", "unit_class")
    inlines = [ExitInline]


@admin.register(PoolReturn)
class PoolReturnAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("programme", "call", "agreement", "kind", "amount", "date")
    list_filter = ("kind", "programme")


@admin.register(ServiceFee)
class ServiceFeeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("agreement", "date", "amount", "provider", "reference")
    search_fields = ("agreement__reference", "provider", "reference")
