"""The agreement as a document: the plain values its template is given, built here from
the agreement, and its PDF rendered by `wusong.documents`, which knows no app."""

import contextlib
import datetime as dt

from django.conf import settings
from django.utils import translation

from wusong.documents.models import DocumentKey
from wusong.documents.services import money_context, party, render_pdf
from wusong.kernels.money import AmountError, plain, to_decimal

from .models import Agreement


def _date(value):
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _terms(terms: dict) -> dict:
    """The instrument terms with dates as dates, amounts as money and percentages as
    plain numbers, so that a template prints them without arithmetic."""
    out = dict(terms or {})
    for key in ("deadline",):
        out[key] = _date(out.get(key))
    for key in ("min_new_money", "valuation_cap", "fallback_valuation"):
        if out.get(key) not in (None, ""):
            with contextlib.suppress(AmountError):
                out[key] = money_context(out[key])
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
                "total": money_context(agreement.total_amount),
                "grant": money_context(agreement.grant_amount),
                "investment": money_context(agreement.investment_amount),
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
                    "amount": money_context(t.amount),
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
