"""The officer reads the portfolio and a company's cap table, previews a conversion with
its arithmetic, and confirms it; others cannot find these pages."""

import pytest
from django.urls import reverse

from wusong.equity.models import Conversion, Holding
from wusong.factories import applicant

pytestmark = pytest.mark.django_db


def test_preview_shows_the_arithmetic_and_confirm_records_the_holding(client, world):
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    client.force_login(world.staff)
    company = client.get(reverse("equity:company", args=[world.company.pk])).content.decode()
    url = reverse("equity:conversion", args=[position.pk, financing_round.pk])
    assert url in company
    page = client.get(url)
    assert page.status_code == 200
    steps = page.context["result"]["steps"]
    assert len(steps) > 3 and all(s["working"] for s in steps)
    assert page.context["result"]["qualifying"]
    assert Conversion.objects.count() == 0
    client.post(url)
    holding = Holding.objects.get()
    assert str(holding.units) == page.context["result"]["units"]
    portfolio = client.get(reverse("equity:portfolio"))
    assert portfolio.status_code == 200
    assert portfolio.context["figures"]["totals"]["converted"] > 0


def test_other_organisations_do_not_find_the_cap_table(client, world):
    world.equity()
    client.force_login(applicant())
    assert client.get(reverse("equity:company", args=[world.company.pk])).status_code == 404
    assert client.get(reverse("equity:portfolio")).status_code == 404


def test_officer_writes_the_ledger_through_the_company_page(client, world):
    from decimal import Decimal as D

    from wusong.equity.models import EquityProfile, Exit, FinancingRound

    client.force_login(world.staff)
    url = reverse("equity:company", args=[world.company.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'id="equity-form"' in page.content.decode()

    equity = reverse("equity:equity", args=[world.company.pk])
    lines = {"line-TOTAL_FORMS": "1", "line-INITIAL_FORMS": "0"}
    too_many = {"equity-form": "llc", "equity-units": "100", "line-0-name": "张明"}
    response = client.post(equity, too_many | lines | {"line-0-units": "200"})
    assert response.status_code == 200 and not EquityProfile.objects.exists()
    assert "200" in " ".join(response.context["profile_form"].non_field_errors())
    good = {"equity-units": "10000000", "line-0-units": "6000000"}
    response = client.post(equity, too_many | lines | good)
    assert response.status_code == 302
    assert EquityProfile.objects.get().lines.get().name == "张明"

    opened = client.post(reverse("equity:position_open", args=[world.agreement.pk]))
    assert opened["Location"] == url
    again = client.post(reverse("equity:position_open", args=[world.agreement.pk]), follow=True)
    assert world.agreement.positions.count() == 1
    assert [m.level_tag for m in again.context["messages"]][-1] == "error"

    rounds = reverse("equity:round_new", args=[world.company.pk])
    investors = {"inv-TOTAL_FORMS": "1", "inv-INITIAL_FORMS": "0"}
    no_price = {"round-date": "2026-09-30", "round-name": "A轮"} | investors
    no_price |= {"inv-0-name": "华映资本", "inv-0-amount_wan": "3000", "inv-0-market": "on"}
    response = client.post(rounds, no_price)
    assert response.status_code == 200 and not FinancingRound.objects.exists()
    assert response.context["round_form"].non_field_errors()
    future = no_price | {"round-pre_money_wan": "15000", "round-date": "2099-01-01"}
    response = client.post(rounds, future)
    assert response.context["round_form"].errors["date"]
    response = client.post(rounds, no_price | {"round-pre_money_wan": "15000"})
    assert response.status_code == 302
    assert FinancingRound.objects.get().investors.get().amount == D("30000000.00")

    position = world.agreement.positions.get()
    client.post(reverse("equity:conversion", args=[position.pk, FinancingRound.objects.get().pk]))
    holding = Holding.objects.get()
    exit_url = reverse("equity:exit_new", args=[holding.pk])
    p = f"exit{holding.pk}-"
    sale = {
        p + "kind": "buyback",
        p + "date": "2026-10-31",
        p + "counterparty": "张明",
        p + "units": str(holding.units + 1),
        p + "proceeds_wan": "600",
    }
    response = client.post(exit_url, sale, follow=True)
    assert not Exit.objects.exists()
    assert any(str(holding.units) in str(m) for m in response.context["messages"])
    response = client.post(exit_url, sale | {p + "units": str(holding.units)})
    assert response.status_code == 302
    holding.refresh_from_db()
    assert holding.state == "exited" and Exit.objects.get().proceeds == D("6000000.00")


def test_the_agreement_page_opens_the_position_and_links_the_company(client, world):
    client.force_login(world.staff)
    page = client.get(reverse("funding:agreement", args=[world.agreement.pk])).content.decode()
    assert reverse("equity:company", args=[world.company.pk]) in page
    assert 'id="open-position"' in page
    client.force_login(world.team)
    page = client.get(reverse("funding:agreement", args=[world.agreement.pk])).content.decode()
    assert 'id="open-position"' not in page
    assert client.post(reverse("equity:equity", args=[world.company.pk]), {}).status_code == 404


def test_the_portfolio_shows_a_deadline_fallback_coming_within_90_days(client):
    import datetime as dt

    from django.utils import timezone

    from wusong.equity.tests.conftest import TERMS, World

    soon = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    world = World(terms=TERMS | {"deadline": soon})
    world.equity()
    world.open_position()
    client.force_login(world.staff)
    page = client.get(reverse("equity:portfolio"))
    assert [f["position"].pk for f in page.context["fallbacks"]] == [world.position.pk]
    assert 'id="fallbacks"' in page.content.decode()
