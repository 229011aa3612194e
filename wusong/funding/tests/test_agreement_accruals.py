"""On the agreement page an officer of the programme records the service fees that accrue
under a services-first agreement and changes a lease-first agreement's rent by an
amendment; bad input changes nothing, and nobody else finds the forms."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import officer
from wusong.funding import services
from wusong.funding.models import Amendment, Disbursement, ServiceFee

from .conftest import TERMS, World

pytestmark = pytest.mark.django_db

LEASE = {"area_m2": "500", "monthly_rent_per_m2": "60", "start": "2026-01-01"}


def services_world(world=World) -> World:
    """A signed services-first agreement of 50 万元; `world` builds it."""
    return world(
        instrument="services_first", total=D("500000.00"), first=D("250000.00"), payments=()
    )


def lease_world(world=World, **lease) -> World:
    """A signed lease-first agreement of 100 万元 on `LEASE`; `world` builds it."""
    return world(
        instrument="lease_first",
        total=D("1000000.00"),
        first=D("500000.00"),
        payments=(),
        terms={**TERMS, "lease": {**LEASE, **lease}},
    )


def page(client, world) -> str:
    return client.get(reverse("funding:agreement", args=[world.agreement.pk])).content.decode()


# Service fees ------------------------------------------------------------------------------

FEE = {
    "fee-date": "2026-03-01",
    "fee-amount_wan": "1.25",
    "fee-provider": "宝山区知识产权服务中心",
    "fee-description": "专利申请代理",
    "fee-reference": "FW-2026-001",
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fee-amount_wan": "0"}, "amount_wan"),
        ({"fee-amount_wan": "-1"}, "amount_wan"),
        ({"fee-amount_wan": "1.0000001"}, "amount_wan"),  # finer than one fen
        ({"fee-amount_wan": "一万"}, "amount_wan"),
        ({"fee-date": "2025-12-31"}, "date"),  # before the agreement
        ({"fee-date": "2099-01-01"}, "date"),  # a service still to come
        ({"fee-date": ""}, "date"),
        ({"fee-provider": "  "}, "provider"),
        ({"fee-reference": "FW-2026-001"}, "reference"),  # recorded already
    ],
)
def test_a_bad_service_fee_is_refused_on_its_field_and_changes_nothing(client, change, field):
    world = services_world()
    services.service_fee_record(
        world.staff, world.agreement, date=dt.date(2026, 2, 1), amount=D("5000.00"),
        provider="技术经纪机构", reference="FW-2026-001",
    )  # fmt: skip
    client.force_login(world.staff)
    url = reverse("funding:service_fee_new", args=[world.agreement.pk])
    response = client.post(url, FEE | change)
    assert response.status_code == 200
    assert response.context["fee_form"].errors[field]
    assert 'class="field has-error"' in response.content.decode()
    assert ServiceFee.objects.count() == 1


def test_fees_beyond_the_agreement_show_what_converts(client):
    world = services_world()  # an agreement of 50 万元
    client.force_login(world.staff)
    url = reverse("funding:service_fee_new", args=[world.agreement.pk])
    assert client.post(url, FEE | {"fee-amount_wan": "60"}).status_code == 302
    shown = page(client, world)
    assert 'id="fees-accrued"><strong>60.00</strong>' in shown
    assert 'id="fees-total">50.00' in shown


def test_only_the_programmes_officers_find_the_fee_form(client):
    world = services_world()
    url = reverse("funding:service_fee_new", args=[world.agreement.pk])
    client.force_login(world.team)
    shown = page(client, world)
    assert 'id="fee-list"' in shown and 'id="fee-form"' not in shown
    assert client.post(url, FEE).status_code == 404
    client.force_login(officer())
    assert client.post(url, FEE).status_code == 404
    assert not ServiceFee.objects.exists()


def test_an_agreement_that_is_not_services_first_takes_no_fee(client, world):
    client.force_login(world.staff)
    assert 'id="fee-form"' not in page(client, world)
    url = reverse("funding:service_fee_new", args=[world.agreement.pk])
    response = client.post(url, FEE, follow=True)
    assert response.status_code == 200
    assert any(
        "services-first" in str(m) or "先服务后股" in str(m) for m in response.context["messages"]
    )
    assert not ServiceFee.objects.exists()


# Rent ------------------------------------------------------------------------------------

RENT = {
    "rent-effective": "2026-07-01",
    "rent-monthly_rent_per_m2": "66",
    "rent-reason": "园区租金标准调整",
}


def test_a_rent_change_joins_the_schedule(client):
    world = lease_world(changes=[{"effective": "2026-07-01", "monthly_rent_per_m2": "66"}])
    client.force_login(world.staff)
    url = reverse("funding:rent_change", args=[world.agreement.pk])
    assert client.post(url, RENT | {"rent-effective": "2026-04-01", "rent-monthly_rent_per_m2": "62.50"}).status_code == 302  # fmt: skip
    assert client.post(url, RENT | {"rent-effective": "2026-01-01", "rent-monthly_rent_per_m2": "0"}).status_code == 302  # fmt: skip
    world.agreement.refresh_from_db()
    lease = world.agreement.terms["lease"]
    assert lease["monthly_rent_per_m2"] == "0.00"  # rent-free from the start
    assert [(c["effective"], c["monthly_rent_per_m2"]) for c in lease["changes"]] == [
        ("2026-04-01", "62.50"),
        ("2026-07-01", "66"),  # agreed before, still applies
    ]
    assert list(Amendment.objects.values_list("seq", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rent-reason": " "}, "reason"),
        ({"rent-effective": "2025-12-01"}, "effective"),  # before the lease starts
        ({"rent-effective": "2026-02-30"}, "effective"),
        ({"rent-monthly_rent_per_m2": "-5"}, "monthly_rent_per_m2"),
        ({"rent-monthly_rent_per_m2": "60"}, "monthly_rent_per_m2"),  # what it already is
        ({"rent-monthly_rent_per_m2": "66.005"}, "monthly_rent_per_m2"),
    ],
)
def test_a_bad_rent_change_is_refused_on_its_field_and_changes_nothing(client, change, field):
    world = lease_world()
    client.force_login(world.staff)
    url = reverse("funding:rent_change", args=[world.agreement.pk])
    response = client.post(url, RENT | change)
    assert response.status_code == 200
    assert response.context["rent_form"].errors[field]
    world.agreement.refresh_from_db()
    assert world.agreement.terms["lease"] == LEASE and not Amendment.objects.exists()


def test_only_the_programmes_officers_find_the_rent_form(client):
    world = lease_world()
    url = reverse("funding:rent_change", args=[world.agreement.pk])
    client.force_login(world.team)
    shown = page(client, world)
    assert 'id="rent-schedule"' in shown and 'id="rent-form"' not in shown
    assert client.post(url, RENT).status_code == 404
    client.force_login(officer())
    assert client.post(url, RENT).status_code == 404
    world.agreement.refresh_from_db()
    assert world.agreement.terms["lease"] == LEASE and not Amendment.objects.exists()


def test_the_rent_service_refuses_the_wrong_agreement_and_the_wrong_person(world):
    kwargs = {"effective": dt.date(2026, 7, 1), "monthly_rent_per_m2": D("66"), "reason": "调整"}
    with pytest.raises(ActionRefused, match="lease-first"):
        services.lease_rent_change(world.staff, world.agreement, **kwargs)
    leased = lease_world()
    with pytest.raises(NotAllowed):
        services.lease_rent_change(leased.team, leased.agreement, **kwargs)
    with pytest.raises(ValidationError, match="yuan per m"):
        services.lease_rent_change(
            leased.staff, leased.agreement, **kwargs | {"monthly_rent_per_m2": 66.5}
        )
    assert not Amendment.objects.exists()


# API ------------------------------------------------------------------------------------


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_records_and_lists_service_fees():
    world = services_world()
    url = f"/api/agreements/{world.agreement.pk}/service-fees/"
    fee = {"date": "2026-03-01", "amount": "12500.00", "provider": "宝山区知识产权服务中心"}
    response = api_for(world.staff).post(url, fee, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == "12500.00"
    again = api_for(world.staff).post(url, fee | {"date": "2025-06-30"}, format="json")
    assert again.status_code == 400 and "date" in again.json()["errors"]
    assert api_for(world.team).post(url, fee, format="json").status_code == 403
    assert api_for(officer()).post(url, fee, format="json").status_code == 404
    listed = api_for(world.team).get(url).json()
    assert listed["accrued"] == listed["total"] == "12500.00" and len(listed["fees"]) == 1


def test_the_api_changes_the_rent_and_the_terms_by_amendments():
    world = lease_world()
    base = f"/api/agreements/{world.agreement.pk}/"
    rent = {"effective": "2026-07-01", "monthly_rent_per_m2": "66", "reason": "园区租金标准调整"}
    response = api_for(world.staff).post(base + "rent/", rent, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["seq"] == 1
    assert api_for(world.team).post(base + "rent/", rent, format="json").status_code == 403
    world.agreement.refresh_from_db()
    terms = {**world.agreement.terms, "deadline": "2029-06-30"}
    response = api_for(world.staff).post(
        base + "terms/", {"reason": "融资延后，延期半年", "terms": terms}, format="json"
    )
    assert response.status_code == 201 and response.json()["seq"] == 2
    bad = {**terms, "lease": {"area_m2": "500"}}
    response = api_for(world.staff).post(
        base + "terms/", {"reason": "改面积", "terms": bad}, format="json"
    )
    assert response.status_code == 400 and "terms.lease.monthly_rent_per_m2" in str(
        response.json()["errors"]
    )
    world.agreement.refresh_from_db()
    assert world.agreement.terms["deadline"] == "2029-06-30"
    assert world.agreement.terms["lease"]["changes"][0]["monthly_rent_per_m2"] == "66.00"


# Nothing is paid out under either --------------------------------------------------------


@pytest.mark.parametrize("make", [services_world, lease_world])
def test_no_disbursement_is_requested_under_an_accruing_agreement(client, make):
    world = make()
    tranche = world.agreement.tranches.get(seq=1)  # released on signing
    client.force_login(world.staff)
    shown = page(client, world)
    assert 'id="accrues-instead"' in shown
    assert 'name="request"' not in shown
    with pytest.raises(ActionRefused, match="accrues"):
        services.disbursement_request(world.staff, tranche, D("1000.00"))
    response = client.post(
        reverse("funding:request", args=[world.agreement.pk, tranche.pk]), {"amount_wan": "1"}
    )
    assert response.status_code in (200, 302)
    assert not Disbursement.objects.exists()
