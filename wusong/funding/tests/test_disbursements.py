import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wusong.audit.services import audit_history
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import OrganisationFactory, applicant, approved_declaration, leader, officer
from wusong.funding import selectors, services
from wusong.funding.models import Disbursement
from wusong.funding.workflow import AgreementState, DisbursementState, TrancheState

pytestmark = pytest.mark.django_db

D = Decimal


def draft(decl, staff, **overrides):
    kwargs = {
        "funder": OrganisationFactory(name="上海宝山科技成果转化有限公司"),
        "instrument": "investment_first",
        "total_amount": D("10000000.00"),
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2028, 12, 31),
        "milestones": [{"title": "完成样机研制", "due": dt.date(2027, 6, 30)}],
        "tranches": [
            {"amount": D("4900000.00"), "milestone": None},
            {"amount": D("5100000.00"), "milestone": 0},
        ],
        "key_tasks": [{"kind": "prototype", "title": "样机研制", "due": dt.date(2027, 6, 30)}],
    }
    kwargs.update(overrides)
    return services.agreement_draft(staff, decl, **kwargs)


@pytest.fixture
def signed():
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    agreement = draft(decl, staff)
    company = applicant(decl.organisation)
    services.agreement_sign(staff, agreement, "funder")
    agreement = services.agreement_sign(company, agreement, "recipient")
    return agreement, staff, company


def test_signing_by_both_sides_releases_the_first_tranche(signed):
    agreement, _, _ = signed
    assert agreement.state == AgreementState.SIGNED
    first, second = agreement.tranches.all()
    assert first.state == TrancheState.RELEASED and second.state == TrancheState.LOCKED
    assert [e.action for e in audit_history(agreement)] == [
        "drafted",
        "signed_funder",
        "signed_recipient",
        "sign",
        "tranche_released",
    ]


def test_request_two_level_approval_and_payment(signed):
    agreement, staff, company = signed
    first = agreement.tranches.get(seq=1)
    d = services.disbursement_request(company, first, D("2915000.00"), "首笔资金")
    with pytest.raises(NotAllowed):
        services.disbursement_approve(company, d)
    d = services.disbursement_approve(staff, d)
    with pytest.raises(NotAllowed):
        services.disbursement_approve(staff, d)  # the same person cannot take both levels
    d = services.disbursement_approve(leader(), d)
    assert d.state == DisbursementState.CONFIRMED
    d = services.disbursement_pay(staff, d, "GK-2026-000123")
    assert d.state == DisbursementState.PAID and d.paid_at


def test_a_tranche_is_not_paid_before_its_milestone_is_verified(signed):
    agreement, staff, company = signed
    second = agreement.tranches.get(seq=2)
    with pytest.raises(ActionRefused, match="must be verified first"):
        services.disbursement_request(company, second, D("100.00"))
    with pytest.raises(ValidationError):
        services.milestone_verify(staff, second.milestone, "  ")
    services.milestone_verify(staff, second.milestone, "样机测试报告编号 T-001")
    second.refresh_from_db()
    assert second.state == TrancheState.RELEASED
    assert services.disbursement_request(company, second, D("100.00")).pk


def test_no_request_goes_above_what_remains(signed):
    agreement, _, company = signed
    first = agreement.tranches.get(seq=1)
    services.disbursement_request(company, first, D("4000000.00"))
    with pytest.raises(ActionRefused, match="left"):
        services.disbursement_request(company, first, D("900000.01"))
    assert Disbursement.objects.count() == 1
    services.disbursement_request(company, first, D("900000.00"))


def test_bad_amounts_are_refused_and_change_nothing(signed):
    agreement, _, company = signed
    first = agreement.tranches.get(seq=1)
    for bad in (D("0"), D("-5"), D("1.001")):
        with pytest.raises(ValidationError):
            services.disbursement_request(company, first, bad)
    assert not Disbursement.objects.exists()


def test_tranches_must_add_up_and_only_approved_projects_get_agreements():
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    with pytest.raises(ValidationError, match="add up"):
        draft(decl, staff, tranches=[{"amount": D("1.00"), "milestone": None}])
    from wusong.factories import DeclarationFactory

    pending = DeclarationFactory()
    with pytest.raises(ActionRefused, match="approved"):
        draft(pending, officer(pending.call.programme))


def test_amendment_needs_a_reason_and_never_goes_below_what_is_committed(signed):
    agreement, staff, company = signed
    services.disbursement_request(company, agreement.tranches.get(seq=1), D("4000000.00"))
    with pytest.raises(ValidationError, match="reason"):
        services.agreement_amend(staff, agreement, "", end_date=dt.date(2029, 6, 30))
    with pytest.raises(ActionRefused, match="committed"):
        services.agreement_amend(
            staff,
            agreement,
            "缩减",
            total_amount=D("8000000.00"),
            tranche_amounts={1: D("3000000.00"), 2: D("5000000.00")},
        )
    amendment = services.agreement_amend(
        staff, agreement, "任务延期半年，经领导批准", end_date=dt.date(2029, 6, 30)
    )
    assert amendment.changes == {"end_date": ["2028-12-31", "2029-06-30"]}
    agreement.refresh_from_db()
    assert agreement.end_date == dt.date(2029, 6, 30)


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_cannot_overdraw_a_tranche():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL: set WUSONG_TEST_DATABASE_URL (CI does)")
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    agreement = draft(decl, staff)
    company = applicant(decl.organisation)
    services.agreement_sign(staff, agreement, "funder")
    services.agreement_sign(company, agreement, "recipient")
    first = agreement.tranches.get(seq=1)  # 4,900,000.00
    barrier = threading.Barrier(8)
    outcomes = []

    def request():
        from django.db import connections

        try:
            barrier.wait()
            services.disbursement_request(company, first, D("1000000.00"))
            outcomes.append("ok")
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 4 and outcomes.count("refused") == 4
    assert selectors.committed(Disbursement.objects.filter(tranche=first)) == D("4000000.00")
