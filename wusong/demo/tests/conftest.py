import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings

from wusong.demo.loader import load_demo

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once per test module inside a transaction rolled back at the end;
    each test runs in a savepoint inside it."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        result = load_demo(today=TODAY)
        yield result
        transaction.set_rollback(True)
