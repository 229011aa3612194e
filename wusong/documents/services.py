"""Document templates (the office's own or the shipped default) and the PDFs made from
them. Every change to a template is audited; a template that does not compile or render
is refused before it is saved."""

import contextlib
import dataclasses
import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import TemplateSyntaxError, engines
from django.utils import translation
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.errors import NotAllowed
from wusong.kernels.money import AmountError, format_wan, format_wan_exact, plain, to_decimal

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


# The agreement ---------------------------------------------------------------------------


def _money(yuan) -> dict:
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


def _date(value):
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _terms(terms: dict) -> dict:
    """The instrument terms with dates as dates, amounts as _money and percentages as
    plain numbers, so that a template prints them without arithmetic."""
    out = dict(terms or {})
    for key in ("deadline",):
        out[key] = _date(out.get(key))
    for key in ("min_new_money", "valuation_cap", "fallback_valuation"):
        if out.get(key) not in (None, ""):
            with contextlib.suppress(AmountError):
                out[key] = _money(out[key])
    for key in ("discount_percent", "max_stake_percent", "team_reward_percent"):
        if out.get(key) not in (None, ""):
            with contextlib.suppress(AmountError):
                out[key] = plain(to_decimal(out[key]))
    lease = out.get("lease")
    if isinstance(lease, dict):
        lease = dict(lease)
        lease["start"] = _date(lease.get("start"))
        out["lease"] = lease
    return out


def _signature(at, by) -> dict:
    return {"signed": at is not None, "date": at, "by": getattr(by, "display_name", "") or ""}


def agreement_context(agreement) -> dict:
    """What the agreement template is given: plain values, not model instances, so that
    an edited template can show only what is meant to be printed."""
    from wusong.funding.models import Agreement

    agreement = Agreement.objects.select_related(
        "declaration__call__programme",
        "funder",
        "recipient",
        "funder_signed_by",
        "recipient_signed_by",
    ).get(pk=agreement.pk)
    declaration = agreement.declaration
    milestones = list(agreement.milestones.all())
    numbers = {m.pk: n for n, m in enumerate(milestones, start=1)}
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "agreement": {
                "reference": agreement.reference,
                "instrument": agreement.instrument,
                "instrument_label": str(agreement.get_instrument_display()),
                "state_label": str(agreement.get_state_display()),
                "start_date": agreement.start_date,
                "end_date": agreement.end_date,
                "total": _money(agreement.total_amount),
                "grant": _money(agreement.grant_amount),
                "investment": _money(agreement.investment_amount),
                "created_at": agreement.created_at,
            },
            "terms": _terms(agreement.terms),
            "project": {
                "title": declaration.title,
                "reference": declaration.reference,
                "summary": declaration.summary,
                "programme": declaration.call.programme.name,
                "call": declaration.call.name,
            },
            "funder": party(agreement.funder),
            "recipient": party(agreement.recipient),
            "key_tasks": [
                {"kind": str(t.get_kind_display()), "title": t.title, "due": t.due}
                for t in agreement.key_tasks.all()
            ],
            "milestones": [
                {"number": numbers[m.pk], "title": m.title, "due": m.due} for m in milestones
            ],
            "tranches": [
                {
                    "seq": t.seq,
                    "amount": _money(t.amount),
                    "milestone": (
                        {
                            "number": numbers[t.milestone_id],
                            "title": t.milestone.title,
                            "due": t.milestone.due,
                        }
                        if t.milestone_id
                        else None
                    ),
                }
                for t in agreement.tranches.select_related("milestone")
            ],
            "signatures": {
                "funder": _signature(agreement.funder_signed_at, agreement.funder_signed_by),
                "recipient": _signature(
                    agreement.recipient_signed_at, agreement.recipient_signed_by
                ),
            },
        }


def agreement_pdf(agreement) -> bytes:
    """The 项目建设合作协议 of `agreement` as a PDF, from the office's template."""
    return render_pdf(DocumentKey.AGREEMENT.value, agreement_context(agreement))
