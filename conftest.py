import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wusong.factories import PDF_BYTES


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pdf_upload():
    def make(name="商业计划书.pdf", content=PDF_BYTES):
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make
