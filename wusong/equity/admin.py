"""The equity ledger in the admin, to read only: equity changes through the services,
which check the rules and keep the audit history, never by hand here."""

from django.contrib import admin

from wusong.funding.admin import ReadOnly, ReadOnlyInline

from .models import (
    CapTableLine,
    Conversion,
    ConvertiblePosition,
    EquityProfile,
    Exit,
    FinancingRound,
    Holding,
    PoolReturn,
    RoundInvestor,
)


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
