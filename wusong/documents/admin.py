from django import forms
from django.contrib import admin

from . import services
from .models import DocumentTemplate


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["key", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 40, "cols": 120, "spellcheck": "false"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Empty on adding: the service starts from the shipped default.
        self.fields["title"].required = False
        self.fields["body"].required = self.instance.pk is not None

    def clean_body(self):
        body = self.cleaned_data["body"]
        if body.strip():
            services.template_check(body)
        return body


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """Saving and deleting go through the services, so that every change is checked and
    audited; deleting a template puts the shipped default back in use."""

    form = DocumentTemplateForm
    list_display = ("key", "title", "updated_by", "updated_at")
    readonly_fields = ("updated_by", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        return ("key", *self.readonly_fields) if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = services.document_template_save(
            request.user,
            obj.key,
            title=form.cleaned_data.get("title", ""),
            body=form.cleaned_data.get("body", ""),
        )
        obj.pk, obj.title, obj.body = saved.pk, saved.title, saved.body
        obj.updated_by, obj.updated_at = saved.updated_by, saved.updated_at

    def delete_model(self, request, obj):
        services.document_template_reset(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.document_template_reset(request.user, obj)
