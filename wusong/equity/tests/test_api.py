"""The funding API: the conversion preview anyone signed in can use to check the
arithmetic, and the read endpoints, each showing only what the reader may see."""

import pytest
from rest_framework.test import APIClient

from wusong.equity import services
from wusong.equity.models import Conversion
from wusong.factories import applicant, officer

pytestmark = pytest.mark.django_db

PREVIEW = "/api/conversions/preview/"

REQUEST = {
    "position": {"amount": "5000000.00"},
    "terms": {
        "agreement_date": "2024-01-10",
        "deadline": "2026-12-31",
        "fallback": "write_off",
        "min_new_money": "5000000",
    },
    "round": {
        "date": "2025-03-01",
        "company": {"form": "llc", "units": "10000000"},
        "investors": [{"name": "Huaying Capital", "amount": "30000000", "market": True}],
        "pre_money_valuation": "150000000",
    },
}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_preview_returns_the_arithmetic():
    # 150,000,000 ÷ 10,000,000 = 15 yuan per yuan of registered capital;
    # 5,000,000 ÷ 15 = 333,333.33 units, worth 4,999,999.95; 0.05 is repaid.
    response = client_for(applicant()).post(PREVIEW, REQUEST, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["qualifying"] is True
    assert body["units"] == "333333.33"
    assert body["amount_converted"] == "4999999.95"
    assert body["residual_amount"] == "0.05"
    step = next(s for s in body["steps"] if s["key"] == "round_price")
    assert step["working"] == "150000000 ÷ 10000000.00" and step["value"] == "15.000000"
    assert not Conversion.objects.exists()


def test_preview_names_the_bad_field_and_refuses_floats_and_anonymous_callers():
    bad = {**REQUEST, "round": {**REQUEST["round"], "price_per_unit": "0"}}
    bad["round"].pop("pre_money_valuation")
    response = client_for(applicant()).post(PREVIEW, bad, format="json")
    assert response.status_code == 400
    assert "round.price_per_unit" in response.json()["errors"]
    floaty = {**REQUEST, "position": {"amount": 5000000.5}}
    response = client_for(applicant()).post(PREVIEW, floaty, format="json")
    assert response.status_code == 400 and "float" in response.json()["detail"]
    assert APIClient().post(PREVIEW, REQUEST, format="json").status_code == 401


def test_read_endpoints_show_the_ledger_to_its_officers_only(world):
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    services.conversion_confirm(world.staff, position, financing_round)
    staff = client_for(world.staff)

    agreements = staff.get("/api/agreements/").json()["results"]
    assert [a["reference"] for a in agreements] == [world.agreement.reference]
    positions = staff.get("/api/positions/").json()["results"]
    assert positions[0]["state"] == "converted" and positions[0]["amount"] == "4900000.00"
    rounds = staff.get("/api/rounds/").json()["results"]
    assert rounds[0]["round_price"] == "15.000000"
    assert rounds[0]["investors"][0]["units"] == "2000000.00"
    conversions = staff.get("/api/conversions/").json()["results"]
    assert conversions[0]["units"] == "326666.66"
    assert conversions[0]["result"]["steps"][0]["key"] == "amount"
    holdings = staff.get("/api/holdings/").json()
    assert holdings[0]["value"] == "4899999.90" and holdings[0]["multiple"] == "1.00"
    portfolio = staff.get("/api/portfolio/", {"programme": world.decl.call.programme_id}).json()
    assert portfolio["totals"]["converted"] == "4899999.90"
    assert portfolio["rows"][0]["disbursed"] == "4900000.00"
    cap = staff.get(f"/api/companies/{world.company.pk}/").json()
    ours = [line for line in cap["lines"] if line["ours"]]
    assert ours[0]["units"] == "326666.66" and cap["our_rank"] == 4
    export = staff.get(f"/api/companies/{world.company.pk}/ocf/").json()
    assert set(export) == {
        "Manifest.ocf.json",
        "Stakeholders.ocf.json",
        "StockClasses.ocf.json",
        "Transactions.ocf.json",
    }
    archive = staff.get(f"/api/companies/{world.company.pk}/ocf/", {"zip": "1"})
    assert archive["Content-Type"] == "application/zip"

    stranger = client_for(officer())
    assert stranger.get("/api/positions/").json()["results"] == []
    assert stranger.get("/api/holdings/").json() == []
    assert stranger.get(f"/api/companies/{world.company.pk}/").status_code == 404
    assert stranger.get("/api/portfolio/").json()["totals"]["committed"] == "0.00"
    company = client_for(world.team)
    assert len(company.get("/api/positions/").json()["results"]) == 1


def test_a_position_is_previewed_in_a_recorded_round_or_one_still_to_come(world):
    world.equity()
    position = world.open_position()
    staff = client_for(world.staff)
    url = f"/api/positions/{position.pk}/preview/"
    # Before the round is recorded: 4,900,000 ÷ (120,000,000 ÷ 10,000,000 = 12) =
    # 408,333.33 units.
    ahead = {
        "date": "2026-10-15",
        "pre_money_valuation": "120000000",
        "investors": [{"name": "华映资本", "amount": "20000000", "market": True}],
    }
    response = staff.post(url, {"round": ahead}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["result"]["units"] == "408333.33"
    assert response.json()["basis"]["paid"] == "4900000.00"
    financing_round = world.round()
    response = staff.post(url, {"round_id": financing_round.pk}, format="json")
    assert response.json()["result"]["units"] == "326666.66"
    assert staff.post(url, {}, format="json").status_code == 400
    early = {**ahead, "date": "2025-06-30"}
    response = staff.post(url, {"round": early}, format="json")
    assert response.status_code == 400 and "round.date" in response.json()["errors"]
    assert client_for(world.team).post(url, {"round": ahead}, format="json").status_code == 403
    assert not Conversion.objects.exists()


def test_the_openapi_document_lists_the_equity_paths():
    from django.test import Client

    from wusong.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/conversions/preview/", "/api/positions/{id}/preview/", "/api/portfolio/",
                 "/api/companies/{id}/ocf/", "/api/holdings/", "/api/rounds/"):  # fmt: skip
        assert path in paths
