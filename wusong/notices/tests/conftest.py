import pytest
from django.core.cache import cache

from wusong.documents.tests.conftest import pdf_ready  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()
