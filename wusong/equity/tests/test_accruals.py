"""What accrues under an agreement converts: the service fees an officer records on the
agreement page, and a lease's rent after a change recorded as an amendment while the
position is open."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wusong.equity import ledger
from wusong.funding.models import Amendment, ServiceFee
from wusong.funding.tests.test_agreement_accruals import (
    FEE,
    LEASE,
    RENT,
    lease_world,
    page,
    services_world,
)

from .conftest import World

pytestmark = pytest.mark.django_db


def test_an_officer_records_service_fees_and_sees_what_has_accrued(client):
    world = services_world(World)
    client.force_login(world.staff)
    assert 'id="fee-form"' in page(client, world)
    url = reverse("funding:service_fee_new", args=[world.agreement.pk])

    response = client.post(url, FEE)
    assert response.status_code == 302 and response["Location"].endswith("#fees")
    fee = ServiceFee.objects.get()
    assert fee.amount == D("12500.00") and fee.recorded_by == world.staff  # 1.25 万元
    assert fee.provider == "宝山区知识产权服务中心" and fee.reference == "FW-2026-001"
    second = FEE | {"fee-date": "2026-05-20", "fee-amount_wan": "0.800050", "fee-reference": ""}
    assert client.post(url, second).status_code == 302

    shown = page(client, world)
    assert "FW-2026-001" in shown and "专利申请代理" in shown
    assert 'id="fees-accrued"><strong>2.05005</strong>' in shown  # 20,500.50 yuan
    assert 'id="fees-total"' not in shown  # well within the agreement's 50 万元
    position = world.open_position()
    amount, _basis = ledger.position_amount(position, dt.date(2026, 12, 31))
    assert amount == D("20500.50")


def test_an_officer_changes_the_rent_by_an_amendment_and_the_accrual_follows(client):
    world = lease_world(World)
    position = world.open_position()
    client.force_login(world.staff)
    shown = page(client, world)
    assert 'id="rent-form"' in shown and 'id="rent-schedule"' in shown
    url = reverse("funding:rent_change", args=[world.agreement.pk])

    response = client.post(url, RENT)
    assert response.status_code == 302 and response["Location"].endswith("#lease")
    world.agreement.refresh_from_db()
    lease = world.agreement.terms["lease"]
    assert lease["monthly_rent_per_m2"] == "60"
    assert lease["changes"] == [{"effective": "2026-07-01", "monthly_rent_per_m2": "66.00"}]
    amendment = Amendment.objects.get()
    assert amendment.reason == "园区租金标准调整" and amendment.made_by == world.staff
    assert amendment.changes["terms"][0]["lease"] == LEASE

    shown = page(client, world)
    assert "园区租金标准调整" in shown and "rent-change" in shown and "2026-07-01" in shown
    assert "33000" in shown  # 500 m² × 66 a month
    # 6 months at 500 × 60 and 6 at 500 × 66: 180,000 + 198,000.
    position.refresh_from_db()
    amount, _basis = ledger.position_amount(position, dt.date(2026, 12, 31))
    assert amount == D("378000.00")
