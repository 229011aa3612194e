"""An officer drafts an agreement in the browser's forms, both sides sign, the company
requests money, two levels approve, the officer records the payment."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wusong.factories import OrganisationFactory, applicant, approved_declaration, leader
from wusong.funding.models import Agreement, Disbursement
from wusong.funding.workflow import AgreementState, DisbursementState

pytestmark = pytest.mark.django_db


def agreement_form(funder):
    data = {
        "funder": funder.pk,
        "instrument": "investment_first",
        "total_wan": "1000",
        "grant_wan": "",
        "start_date": "2026-12-01",
        "end_date": "2028-11-30",
        "task-TOTAL_FORMS": "1",
        "task-INITIAL_FORMS": "0",
        "task-0-kind": "prototype",
        "task-0-title": "样机研制",
        "task-0-due": "2027-06-30",
        "ms-TOTAL_FORMS": "1",
        "ms-INITIAL_FORMS": "0",
        "ms-0-title": "样机通过第三方测试",
        "ms-0-due": "2027-06-30",
        "tr-TOTAL_FORMS": "2",
        "tr-INITIAL_FORMS": "0",
        "tr-0-amount_wan": "490",
        "tr-0-milestone": "0",
        "tr-1-amount_wan": "510",
        "tr-1-milestone": "1",
        "deadline": "2028-11-30",
        "fallback": "write_off",
        "min_new_money_wan": "500",
        "require_market_investor": "on",
        "max_stake_percent": "25",
        "never_largest_holder": "on",
        "residual_treatment": "repay",
        "team_reward_percent": "50",
    }
    return data


def test_from_approved_project_to_a_paid_disbursement(client):
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    funder = OrganisationFactory(name="上海宝山科技成果转化有限公司")
    client.force_login(staff)
    page = client.get(reverse("calls:declaration", args=[decl.pk])).content.decode()
    assert reverse("funding:agreement_new", args=[decl.pk]) in page

    bad = agreement_form(funder) | {"tr-1-amount_wan": "500"}
    response = client.post(reverse("funding:agreement_new", args=[decl.pk]), bad)
    assert response.status_code == 200 and not Agreement.objects.exists()
    assert "1,000.00" in response.content.decode() or "add up" in response.content.decode()

    response = client.post(reverse("funding:agreement_new", args=[decl.pk]), agreement_form(funder))
    agreement = Agreement.objects.get()
    assert response["Location"] == reverse("funding:agreement", args=[agreement.pk])
    assert agreement.total_amount == Decimal("10000000.00")
    client.post(reverse("funding:sign", args=[agreement.pk, "funder"]))

    company = applicant(decl.organisation)
    client.force_login(company)
    client.post(reverse("funding:sign", args=[agreement.pk, "recipient"]))
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.SIGNED
    first, second = agreement.tranches.all()
    client.post(
        reverse("funding:request", args=[agreement.pk, first.pk]),
        {"amount_wan": "291.5", "purpose": "首笔"},
    )
    client.post(reverse("funding:request", args=[agreement.pk, second.pk]), {"amount_wan": "1"})
    d = Disbursement.objects.get()
    assert d.amount == Decimal("2915000.00")

    client.force_login(staff)
    client.post(reverse("funding:disbursement", args=[agreement.pk, d.pk, "approve"]))
    client.force_login(leader())
    client.post(reverse("funding:disbursement", args=[agreement.pk, d.pk, "approve"]))
    client.force_login(staff)
    client.post(
        reverse("funding:disbursement", args=[agreement.pk, d.pk, "pay"]),
        {"payment_reference": "GK-001"},
    )
    d.refresh_from_db()
    assert d.state == DisbursementState.PAID
    page = client.get(reverse("funding:agreement", args=[agreement.pk])).content.decode()
    assert "291.50" in page and "GK-001" in page


def test_other_organisations_cannot_find_an_agreement(client):
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    client.force_login(staff)
    client.post(
        reverse("funding:agreement_new", args=[decl.pk]), agreement_form(OrganisationFactory())
    )
    agreement = Agreement.objects.get()
    client.force_login(applicant())
    assert client.get(reverse("funding:agreement", args=[agreement.pk])).status_code == 404
    response = client.post(reverse("funding:sign", args=[agreement.pk, "recipient"]))
    assert response.status_code == 404


def test_the_draft_form_carries_the_convertible_terms(client):
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    funder = OrganisationFactory(name="上海宝山科技成果转化有限公司")
    client.force_login(staff)
    url = reverse("funding:agreement_new", args=[decl.pk])

    missing = agreement_form(funder) | {"deadline": ""}
    response = client.post(url, missing)
    assert response.status_code == 200 and not Agreement.objects.exists()
    assert 'id="id_deadline"' in response.content.decode()
    assert response.context["form"].errors["deadline"]

    early = agreement_form(funder) | {"deadline": "2026-06-30"}
    response = client.post(url, early)
    assert response.status_code == 200 and not Agreement.objects.exists()
    assert "terms.deadline" in " ".join(response.context["form"].non_field_errors())

    lease = agreement_form(funder) | {"instrument": "lease_first"}
    response = client.post(url, lease)
    assert not Agreement.objects.exists()
    assert response.context["form"].errors["lease_area_m2"]

    good = lease | {
        "lease_area_m2": "500",
        "lease_rent": "60",
        "lease_start": "2026-12-01",
        "discount_percent": "10",
        "valuation_cap_wan": "20000",
    }
    client.post(url, good)
    agreement = Agreement.objects.get()
    assert agreement.terms == {
        "deadline": "2028-11-30",
        "fallback": "write_off",
        "min_new_money": "5000000.00",
        "require_market_investor": True,
        "discount_percent": "10",
        "valuation_cap": "200000000.00",
        "max_stake_percent": "25",
        "never_largest_holder": True,
        "residual_treatment": "repay",
        "team_reward_percent": "50",
        "lease": {"area_m2": "500", "monthly_rent_per_m2": "60", "start": "2026-12-01"},
    }


def test_a_grant_carries_no_terms(client):
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    funder = OrganisationFactory()
    client.force_login(staff)
    data = agreement_form(funder) | {"instrument": "grant", "deadline": ""}
    client.post(reverse("funding:agreement_new", args=[decl.pk]), data)
    assert Agreement.objects.get().terms == {}
