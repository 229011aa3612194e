"""The officer reads the portfolio and a company's cap table, previews a conversion with
its arithmetic, and confirms it; others cannot find these pages."""

import pytest
from django.urls import reverse

from wusong.factories import applicant
from wusong.funding.models import Conversion, Holding

pytestmark = pytest.mark.django_db


def test_preview_shows_the_arithmetic_and_confirm_records_the_holding(client, world):
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    client.force_login(world.staff)
    company = client.get(reverse("funding:company", args=[world.company.pk])).content.decode()
    url = reverse("funding:conversion", args=[position.pk, financing_round.pk])
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
    portfolio = client.get(reverse("funding:portfolio"))
    assert portfolio.status_code == 200
    assert portfolio.context["figures"]["totals"]["converted"] > 0


def test_other_organisations_do_not_find_the_cap_table(client, world):
    world.equity()
    client.force_login(applicant())
    assert client.get(reverse("funding:company", args=[world.company.pk])).status_code == 404
    assert client.get(reverse("funding:portfolio")).status_code == 404
