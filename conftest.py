import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from wusong.factories import PDF_BYTES

pytest_plugins = ["wusong.testing.browser"]

# Property-based tests draw the same examples on every CI run, so a red build can be
# reproduced; on a developer's machine they keep exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() == "true":
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Service-level tests read messages in English; pages and the API still choose the
    language per request (Chinese by default), which their own tests check."""

    def back_to_english(**_kwargs):
        translation.activate("en")  # a request's language would otherwise stay active

    request_finished.connect(back_to_english, dispatch_uid="tests-english-after-request")
    try:
        with translation.override("en"):
            yield
    finally:
        request_finished.disconnect(dispatch_uid="tests-english-after-request")


@pytest.fixture
def pdf_upload():
    def make(name="商业计划书.pdf", content=PDF_BYTES):
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make
