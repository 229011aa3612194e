import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wusong.audit.services import audit_history
from wusong.calls import services
from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import CallFactory, DeclarationFactory, IndustryFactory, applicant, officer

pytestmark = pytest.mark.django_db


def ready_declaration(pdf_upload, **kwargs):
    decl = DeclarationFactory(**kwargs)
    services.attachment_add(decl.created_by, decl, "business_plan", pdf_upload())
    return decl


def test_applicant_drafts_then_submits_and_the_history_shows_both(pdf_upload):
    user = applicant()
    call = CallFactory()
    decl = services.declaration_create(
        user,
        call,
        {
            "title": "场景导向的酶工程产品开发",
            "summary": "面向应用场景的酶制剂",
            "industry": IndustryFactory(code="synbio", name="合成生物"),
            "trl": 4,
            "company_status": Declaration.CompanyStatus.NONE,
            "requested_amount": Decimal("3000000"),
        },
        team=[{"name": "李华", "role": "负责人", "is_lead": True}],
        milestones=[{"title": "中试", "due": dt.date(2027, 6, 30)}],
    )
    assert decl.state == State.DRAFT
    assert decl.reference.startswith(call.code.upper())
    services.attachment_add(user, decl, "business_plan", pdf_upload())
    decl, changed = services.declaration_submit(user, decl)
    assert changed and decl.state == State.SUBMITTED and decl.submitted_at
    actions = [e.action for e in audit_history(decl)]
    assert actions == ["created", "attachment_added", "submitted"]


def test_submitting_twice_is_harmless(pdf_upload):
    decl = ready_declaration(pdf_upload)
    services.declaration_submit(decl.created_by, decl)
    decl, changed = services.declaration_submit(decl.created_by, decl)
    assert not changed and decl.state == State.SUBMITTED
    assert [e.action for e in audit_history(decl)].count("submitted") == 1


def test_submission_after_the_deadline_is_refused_and_changes_nothing(pdf_upload):
    decl = ready_declaration(pdf_upload)
    late = decl.call.closes_at + dt.timedelta(minutes=1)
    with pytest.raises(ActionRefused, match="deadline"):
        services.declaration_submit(decl.created_by, decl, now=late)
    decl.refresh_from_db()
    assert decl.state == State.DRAFT and decl.submitted_at is None


def test_incomplete_declaration_says_what_is_missing():
    decl = DeclarationFactory(complete=False)
    with pytest.raises(ActionRefused) as err:
        services.declaration_submit(decl.created_by, decl)
    assert "team member" in err.value.message and "business plan" in err.value.message


def test_company_needs_a_valid_credit_code():
    user = applicant()
    data = {
        "title": "t",
        "summary": "s",
        "industry": IndustryFactory(),
        "trl": 3,
        "company_status": Declaration.CompanyStatus.LLC,
        "requested_amount": Decimal("100"),
    }
    with pytest.raises(ValidationError) as err:
        services.declaration_create(user, CallFactory(), data)
    assert "uscc" in err.value.message_dict
    data["uscc"] = "9144030071526726XH"
    with pytest.raises(ValidationError) as err:
        services.declaration_create(user, CallFactory(), data)
    assert "should be G" in " ".join(err.value.message_dict["uscc"])
    assert not Declaration.objects.exists()


def test_return_resubmit_shows_what_changed(pdf_upload):
    decl = ready_declaration(pdf_upload)
    user = decl.created_by
    staff = officer(decl.call.programme)
    services.declaration_submit(user, decl)
    with pytest.raises(ValidationError):
        services.formal_review_decide(staff, decl, "return", reason="  ")
    decl = services.formal_review_decide(staff, decl, "return", reason="补充知识产权证明")
    assert decl.state == State.RETURNED and decl.resubmit_by > timezone.now()
    services.declaration_update(user, decl, {"title": "修改后的标题"})
    decl, _ = services.declaration_submit(user, decl)
    last = list(audit_history(decl))[-1]
    assert last.action == "resubmitted"
    assert last.changes["title"][1] == "修改后的标题"
    actions = [e.action for e in audit_history(decl)]
    assert actions[-5:] == [
        "submitted",
        "start_formal_review",
        "return_for_revision",
        "edited",
        "resubmitted",
    ]
    assert list(audit_history(decl))[-3].note == "补充知识产权证明"


def test_officer_action_in_the_wrong_state_is_refused(pdf_upload):
    decl = ready_declaration(pdf_upload)
    staff = officer(decl.call.programme)
    with pytest.raises(ActionRefused, match="not possible while the declaration is"):
        services.formal_review_decide(staff, decl, "pass")
    decl.refresh_from_db()
    assert decl.state == State.DRAFT


def test_only_officers_of_the_programme_decide(pdf_upload):
    decl = ready_declaration(pdf_upload)
    services.declaration_submit(decl.created_by, decl)
    stranger = officer(CallFactory().programme)
    with pytest.raises(NotAllowed):
        services.formal_review_decide(stranger, decl, "pass")
    decl.refresh_from_db()
    assert decl.state == State.SUBMITTED


def test_submitted_declaration_cannot_be_edited(pdf_upload):
    decl = ready_declaration(pdf_upload)
    services.declaration_submit(decl.created_by, decl)
    with pytest.raises(ActionRefused, match="cannot be edited"):
        services.declaration_update(decl.created_by, decl, {"title": "x"})
    with pytest.raises(ActionRefused):
        services.attachment_add(decl.created_by, decl, "other", pdf_upload("x.pdf"))


def test_disguised_and_oversized_attachments_are_refused(pdf_upload, settings):
    decl = DeclarationFactory()
    with pytest.raises(ValidationError, match="Windows program"):
        services.attachment_add(
            decl.created_by, decl, "business_plan", pdf_upload("plan.pdf", b"MZ" + b"\0" * 64)
        )
    settings.WUSONG_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="largest accepted"):
        services.attachment_add(
            decl.created_by, decl, "business_plan", pdf_upload("big.pdf", b"%PDF-" + b"0" * 200)
        )
    assert decl.attachments.count() == 0
    assert [e.action for e in audit_history(decl)] == []
