"""The one upload check: a refusal names the caller's field and says why; an accepted
file comes back with its content and real type, ready to be stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wusong.documents.uploads import upload_check

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_accepted_file_returns_its_content_and_type_and_is_rewound():
    upload = SimpleUploadedFile("plan.pdf", PDF)
    content, real = upload_check(upload)
    assert (content, real) == (PDF, "pdf")
    assert upload.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("empty.pdf", b"", "is empty"),
        ("tool.pdf", b"MZ\x90\x00", "a Windows program"),
        ("plan.docx", PDF, "Rename it to end with .pdf"),
    ],
)
def test_a_refusal_is_reported_on_the_callers_field(name, content, why):
    with pytest.raises(ValidationError) as refused:
        upload_check(SimpleUploadedFile(name, content), field="attachment")
    assert list(refused.value.message_dict) == ["attachment"]
    assert why in refused.value.message_dict["attachment"][0]


def test_a_file_over_the_limit_is_refused(settings):
    settings.WUSONG_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="the largest accepted is"):
        upload_check(SimpleUploadedFile("plan.pdf", PDF))
