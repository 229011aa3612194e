"""The declaration pages as an applicant and an officer use them."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wusong.audit.services import audit_history
from wusong.calls import services
from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.factories import (
    PDF_BYTES,
    CallFactory,
    DeclarationFactory,
    IndustryFactory,
    applicant,
    leader,
    officer,
)

pytestmark = pytest.mark.django_db


def form_data(industry, **overrides):
    data = {
        "title": "先进封装声光辅助键合装备",
        "summary": "声光辅助键合，用于先进封装。",
        "keywords": "先进封装, 键合",
        "industry": industry.pk,
        "trl": "5",
        "requested_wan": "500",
        "company_status": "none",
        "company_name": "",
        "uscc": "",
        "team-TOTAL_FORMS": "2",
        "team-INITIAL_FORMS": "0",
        "team-0-name": "王磊",
        "team-0-role": "负责人",
        "team-0-is_lead": "on",
        "ms-TOTAL_FORMS": "2",
        "ms-INITIAL_FORMS": "0",
        "ms-0-title": "完成样机研制",
        "ms-0-due": "2027-06-30",
    }
    data.update(overrides)
    return data


def test_applicant_declares_uploads_and_submits_through_the_pages(client):
    user = applicant()
    call = CallFactory()
    industry = IndustryFactory()
    client.force_login(user)
    page = client.get(reverse("calls:portal"))
    assert call.name in page.content.decode()
    response = client.post(reverse("calls:declare", args=[call.code]), form_data(industry))
    decl = Declaration.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "calls:declaration", args=[decl.pk]
    )
    assert decl.requested_amount == 5_000_000 and decl.state == State.DRAFT
    detail = client.get(response["Location"]).content.decode()
    assert "上传商业计划书" in detail or "Upload the business plan" in detail
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "商业计划书.pdf"
    client.post(reverse("calls:upload", args=[decl.pk]), {"kind": "business_plan", "file": upload})
    client.post(reverse("calls:submit", args=[decl.pk]))
    decl.refresh_from_db()
    assert decl.state == State.SUBMITTED
    assert decl.team.get().is_lead


def test_a_bad_credit_code_is_shown_on_the_field_and_saves_nothing(client):
    user = applicant()
    call = CallFactory()
    client.force_login(user)
    data = form_data(
        IndustryFactory(), company_status="llc", company_name="某公司", uscc="9144030071526726XH"
    )
    response = client.post(reverse("calls:declare", args=[call.code]), data)
    assert response.status_code == 200
    assert "9144030071526726XH" in response.content.decode()
    assert "G" in str(response.context["form"].errors["uscc"])
    assert not Declaration.objects.exists()


def test_officer_filters_sorts_and_exports_the_call_list(client, pdf_upload):
    call = CallFactory()
    staff = officer(call.programme)
    bio = IndustryFactory(code="bio", name="生物医药")
    decls = []
    for amount, industry in ((3_000_000, bio), (8_000_000, bio), (5_000_000, IndustryFactory())):
        d = DeclarationFactory(call=call, requested_amount=amount, industry=industry)
        services.attachment_add(d.created_by, d, "business_plan", pdf_upload())
        services.declaration_submit(d.created_by, d)
        decls.append(d)
    DeclarationFactory(call=call, title="仍是草稿")
    client.force_login(staff)
    url = reverse("calls:call_declarations", args=[call.code])
    page = client.get(url, {"industry": bio.pk, "ordering": "-requested_amount"})
    rows = list(page.context["declarations"])
    assert [d.requested_amount for d in rows] == [8_000_000, 3_000_000]
    assert "仍是草稿" not in page.content.decode()
    page = client.get(url, {"amount_min": "400", "amount_max": "600"})
    assert [d.pk for d in page.context["declarations"]] == [decls[2].pk]
    export = client.get(reverse("calls:call_export", args=[call.code]), {"industry": bio.pk})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 3
    assert sheet.cell(row=1, column=1).value in ("编号", "Reference")


def test_officer_returns_applicant_resubmits_officer_sees_what_changed(client, pdf_upload):
    decl = DeclarationFactory()
    services.attachment_add(decl.created_by, decl, "business_plan", pdf_upload())
    services.declaration_submit(decl.created_by, decl)
    staff = officer(decl.call.programme)
    client.force_login(staff)
    client.post(
        reverse("calls:formal_review", args=[decl.pk]),
        {"decision": "return", "reason": "请补充知识产权证明材料"},
    )
    decl.refresh_from_db()
    assert decl.state == State.RETURNED
    client.force_login(decl.created_by)
    page = client.get(reverse("calls:declaration", args=[decl.pk])).content.decode()
    assert "请补充知识产权证明材料" in page
    data = form_data(
        decl.industry, title="补充后的项目名称", **{"ms-0-due": dt.date(2028, 1, 1).isoformat()}
    )
    client.post(reverse("calls:edit", args=[decl.pk]), data)
    client.post(reverse("calls:submit", args=[decl.pk]))
    decl.refresh_from_db()
    assert decl.state == State.SUBMITTED
    client.force_login(staff)
    page = client.get(reverse("calls:declaration", args=[decl.pk]))
    changed = {row["label"]: row for row in page.context["changes"]}
    assert any(row["after"] == "补充后的项目名称" for row in changed.values())
    history = client.get(reverse("calls:history", args=[decl.pk])).content.decode()
    assert "请补充知识产权证明材料" in history and "补充后的项目名称" in history
    assert [e.action for e in audit_history(decl)][-1] == "resubmitted"


def test_officer_reject_without_reason_is_refused_and_changes_nothing(client, pdf_upload):
    decl = DeclarationFactory()
    services.attachment_add(decl.created_by, decl, "business_plan", pdf_upload())
    services.declaration_submit(decl.created_by, decl)
    client.force_login(officer(decl.call.programme))
    response = client.post(
        reverse("calls:formal_review", args=[decl.pk]),
        {"decision": "reject", "reason": ""},
        follow=True,
    )
    decl.refresh_from_db()
    assert decl.state == State.SUBMITTED
    assert "reasons" in response.content.decode().lower() or "理由" in response.content.decode()


def test_leader_overview_counts_by_state_and_industry(client, pdf_upload):
    call = CallFactory()
    for amount in (1_000_000, 2_000_000):
        d = DeclarationFactory(call=call, requested_amount=amount)
        services.attachment_add(d.created_by, d, "business_plan", pdf_upload())
        services.declaration_submit(d.created_by, d)
    client.force_login(leader())
    page = client.get(reverse("insight:overview"))
    row = next(r for r in page.context["rows"] if r["call"] == call)
    assert row["n"] == 2 and row["amount"] == 3_000_000
    assert row["states"][0][1:] == ("submitted", 2)
    assert row["industries"][0][1:] == (2, 3_000_000)
