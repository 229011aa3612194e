import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from wusong.documents import rendering


def require_pdf():
    """Skip a test that makes a PDF on a machine that cannot, saying what to install; in
    CI (CI=true) fail instead, since CI's setup must have installed it."""
    try:
        return rendering.pdf_ready()
    except ImproperlyConfigured as exc:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(str(exc), pytrace=False)
        pytest.skip(str(exc))


@pytest.fixture
def pdf_ready():
    return require_pdf()
