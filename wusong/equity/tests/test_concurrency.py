"""Two officers confirming the same conversion at the same moment: one conversion."""

import threading

import pytest
from django.db import connection

from wusong.equity import services
from wusong.equity.models import Conversion, Holding
from wusong.errors import ActionRefused

from .conftest import World


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_convert_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL: set WUSONG_TEST_DATABASE_URL (CI does)")
    world = World()
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    barrier = threading.Barrier(4)
    outcomes = []

    def confirm():
        from django.db import connections

        try:
            barrier.wait()
            services.conversion_confirm(world.staff, position, financing_round)
            outcomes.append("ok")
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert Conversion.objects.count() == 1 and Holding.objects.count() == 1
    world.company.equity_profile.refresh_from_db()
    assert str(world.company.equity_profile.units) == "12326666.66"
