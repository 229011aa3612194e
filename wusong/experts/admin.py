from django.contrib import admin

from .models import (
    Assignment,
    Commitment,
    ConflictDeclaration,
    Criterion,
    Draw,
    DuplicateFlag,
    Expert,
    ExpertFee,
    ExpertRating,
    ReviewRound,
    Rubric,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    inlines = [CriterionInline]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "title", "load_limit", "active")
    list_filter = ("active",)
    search_fields = ("name", "keywords", "disciplines", "organisation__name")
    raw_id_fields = ("user", "organisation")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the services only; the admin reads them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnlyAdmin):
    list_display = ("name", "call", "method", "state", "deadline")
    list_filter = ("state", "method")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("round", "declaration", "expert", "affinity", "source", "state")
    list_filter = ("state", "source")


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ("round", "declaration", "seed", "reason", "drawn_at")


for model in (Commitment, ConflictDeclaration, ExpertFee, ExpertRating, DuplicateFlag):
    admin.site.register(model, ReadOnlyAdmin)
