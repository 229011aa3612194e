"""Test data for notices: declarations taken through the real workflow to "passed"."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wusong.calls import services as call_services
from wusong.factories import PDF_BYTES, CallFactory, DeclarationFactory, leader, officer
from wusong.notices import services

MOBILE = "13912345678"


def passed_declaration(call, staff, **kwargs):
    decl = DeclarationFactory(call=call, **kwargs)
    call_services.attachment_add(
        decl.created_by, decl, "business_plan", SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    call_services.declaration_submit(decl.created_by, decl)
    call_services.formal_review_decide(staff, decl, "pass")
    decl.refresh_from_db()
    return decl


def world(n=3, **call_kwargs):
    """A call with `n` passed declarations, its officer and a leader."""
    call = CallFactory(**call_kwargs)
    staff = officer(call.programme)
    decls = [passed_declaration(call, staff) for _ in range(n)]
    return SimpleNamespace(call=call, officer=staff, leader=leader(), decls=decls)


def draft(w, amounts=None, **data):
    amounts = amounts or [Decimal("3000000.00")] * 2
    items = list(zip(w.decls, amounts, strict=False))
    return services.notice_create(w.officer, w.call, {"period_days": 5, **data}, items)


def published(w, *, days_ago=0, **kwargs):
    """A notice published `days_ago` calendar days ago (20 is surely past its period)."""
    notice = draft(w, **kwargs)
    when = timezone.now() - dt.timedelta(days=days_ago)
    return services.notice_publish(w.officer, notice, now=when), when


def objection_data(notice, **overrides):
    data = {
        "kind": "person",
        "item": notice.items.first().pk,
        "name": "赵六",
        "mobile": MOBILE,
        "reason": "该项目的核心专利归属存在争议。",
        "evidence": "国家知识产权局专利登记簿副本，专利号 ZL2020XXXXXXXX.X。",
    }
    data.update(overrides)
    return data
