"""Document templates (the office's own or the shipped default) and the PDFs made from
them. Every change to a template is audited; a template that does not compile or render
is refused before it is saved."""

import dataclasses
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import TemplateSyntaxError, engines
from django.utils import translation
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.errors import NotAllowed
from wusong.kernels.money import format_wan, format_wan_exact, to_decimal

from .models import DocumentKey, DocumentTemplate
from .numerals import rmb_in_words
from .rendering import html_to_pdf

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"


@dataclasses.dataclass(frozen=True)
class TemplateSource:
    key: str
    title: str
    body: str
    custom: bool  # the office's saved version rather than the shipped default


def _known(key: str) -> str:
    if key not in DocumentKey.values:
        raise ValidationError(
            _("There is no document called %(key)s; known documents: %(keys)s.")
            % {"key": key, "keys": ", ".join(DocumentKey.values)}
        )
    return key


def template_default(key: str) -> TemplateSource:
    """The template that ships with Wusong for `key`."""
    _known(key)
    return TemplateSource(
        key=key,
        title=str(DocumentKey(key).label),
        body=(DEFAULTS_DIR / f"{key}.html").read_text(encoding="utf-8"),
        custom=False,
    )


def template_source(key: str) -> TemplateSource:
    """The office's saved template for `key`, or the default while there is none."""
    saved = DocumentTemplate.objects.filter(key=_known(key)).first()
    if saved is None:
        return template_default(key)
    return TemplateSource(key=key, title=saved.title, body=saved.body, custom=True)


def template_check(body: str):
    """The compiled template, or ValidationError with a message an office can act on:
    the template must compile and render with no data (tags that fail only at render
    time, such as an include of a missing file, are caught here too)."""
    try:
        compiled = engines["django"].from_string(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(
            _("The template does not compile: %(error)s") % {"error": exc},
            code="template_syntax",
        ) from exc
    try:
        with translation.override(settings.LANGUAGE_CODE):
            compiled.render({})
    except Exception as exc:  # anything a tag raises at render time
        raise ValidationError(
            _("The template compiles but fails when rendered: %(error)s") % {"error": exc},
            code="template_render",
        ) from exc
    return compiled


def _may_edit(user) -> bool:
    return bool(
        user and user.is_authenticated and user.has_perm("documents.change_documenttemplate")
    )


@transaction.atomic
def document_template_save(user, key: str, *, title: str, body: str) -> DocumentTemplate:
    """Save the office's version of a document template; audited, with before and after."""
    if not _may_edit(user):
        raise NotAllowed(_("Only an administrator with the right to edit templates edits them."))
    _known(key)
    if not body.strip():
        body = template_default(key).body
    title = title.strip() or template_default(key).title
    template_check(body)
    saved = DocumentTemplate.objects.select_for_update().filter(key=key).first()
    before = template_source(key)
    if saved is None:
        saved = DocumentTemplate(key=key)
    changes = field_changes(
        {"title": before.title, "body": before.body}, {"title": title, "body": body}
    )
    if saved.pk and not changes:
        return saved
    saved.title, saved.body, saved.updated_by = title, body, user
    action = "edited" if saved.pk else "created"
    saved.save()
    audit_record(saved, actor=user, action=action, changes=changes)
    return saved


@transaction.atomic
def document_template_reset(user, template: DocumentTemplate) -> None:
    """Delete the office's version: the default is used again. Audited."""
    if not _may_edit(user) or not user.has_perm("documents.delete_documenttemplate"):
        raise NotAllowed(_("Only an administrator with the right to edit templates edits them."))
    default = template_default(template.key)
    changes = field_changes(
        {"title": template.title, "body": template.body},
        {"title": default.title, "body": default.body},
    )
    audit_record(template, actor=user, action="reset_to_default", changes=changes)
    template.delete()


def render_html(key: str, context: dict) -> str:
    """The document as HTML, in the office's language whatever the request's."""
    source = template_source(key)
    with translation.override(settings.LANGUAGE_CODE):
        compiled = engines["django"].from_string(source.body)
        return compiled.render({"document_title": source.title, **context})


def render_pdf(key: str, context: dict) -> bytes:
    """The document as a PDF with its Chinese font embedded."""
    return html_to_pdf(render_html(key, context))


# Parts of a document's context ------------------------------------------------------------


def money_context(yuan) -> dict:
    """An amount as a template prints it: yuan, 万元 (rounded and exact), in words."""
    amount = to_decimal(yuan)
    return {
        "yuan": f"{amount:,.2f}",
        "wan": format_wan(amount),
        "wan_exact": format_wan_exact(amount),
        "words": rmb_in_words(amount),
        "value": amount,
    }


def party(org) -> dict:
    """An organisation as a document names it: plain values for the template."""
    return {
        "name": org.name,
        "name_en": getattr(org, "name_en", ""),
        "uscc": org.uscc or "",
        "address": org.address,
        "contact_name": org.contact_name,
        "contact_phone": org.contact_phone,
    }
