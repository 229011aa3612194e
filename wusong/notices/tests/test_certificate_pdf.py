"""Each approved project gets its approval certificate (立项证书) as a PDF."""

import pytest
from django.urls import reverse

from wusong.documents.tests.pdf import pdf_text
from wusong.factories import DeclarationFactory, applicant, approved_declaration

pytestmark = pytest.mark.django_db


def test_an_approved_project_gets_its_certificate(client, pdf_ready):
    decl = approved_declaration(title="先进封装声光辅助键合装备")
    client.force_login(applicant(decl.organisation))
    page = client.get(reverse("calls:declaration", args=[decl.pk])).content.decode()
    url = reverse("documents:certificate_pdf", args=[decl.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for phrase in ("立项证书", "先进封装声光辅助键合装备", decl.organisation.name, "500.00"):
        assert phrase in text, phrase


def test_no_certificate_before_approval_or_for_others(client):
    pending = DeclarationFactory()
    client.force_login(pending.created_by)
    assert client.get(reverse("documents:certificate_pdf", args=[pending.pk])).status_code == 404
    approved = approved_declaration()
    client.force_login(applicant())
    assert client.get(reverse("documents:certificate_pdf", args=[approved.pk])).status_code == 404
