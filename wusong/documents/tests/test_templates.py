"""An office edits its document templates in the admin: its version is used from then
on, every change is audited, and a template that would not render is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wusong.audit.services import audit_history
from wusong.documents import services
from wusong.documents.models import DocumentTemplate
from wusong.errors import NotAllowed
from wusong.factories import UserFactory, officer

from .pdf import pdf_text

pytestmark = pytest.mark.django_db

OFFICE_NOTICE = """{% load documents %}<html lang="zh-CN"><body>
<h1>{{ title }}（宝山区版）</h1>
{% for e in entries %}<p>{{ e.organisation }}：{{ e.amount|wan }}万元</p>{% endfor %}
</body></html>"""

CONTEXT = {
    "title": "立项公示",
    "entries": [{"organisation": "上海同芯沟科技有限公司", "amount": "29150000"}],
}


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.user = admin
    return client


def add_url():
    return reverse("admin:documents_documenttemplate_add")


def test_until_the_office_saves_its_own_the_default_is_used():
    source = services.template_source("public_notice")

    assert not source.custom
    html = services.render_html("public_notice", CONTEXT)
    assert "上海同芯沟科技有限公司" in html and "2,915.00" in html


def test_an_office_edited_template_replaces_the_default_and_is_audited(admin_client, pdf_ready):
    response = admin_client.post(
        add_url(), {"key": "public_notice", "title": "公示（宝山）", "body": OFFICE_NOTICE}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = DocumentTemplate.objects.get(key="public_notice")
    assert saved.updated_by == admin_client.user
    text = pdf_text(services.render_pdf("public_notice", CONTEXT))
    assert "立项公示（宝山区版）" in text
    assert "上海同芯沟科技有限公司：2,915.00万元" in text
    default_body = services.template_default("public_notice").body
    [entry] = audit_history(saved)
    assert entry.action == "created" and entry.actor == admin_client.user
    assert entry.changes["body"] == [default_body, OFFICE_NOTICE]

    edited = OFFICE_NOTICE.replace("宝山区版", "第二版")
    response = admin_client.post(
        reverse("admin:documents_documenttemplate_change", args=[saved.pk]),
        {"title": "公示（宝山）", "body": edited},
    )

    assert response.status_code == 302
    assert "立项公示（第二版）" in services.render_html("public_notice", CONTEXT)
    assert [e.action for e in audit_history(saved)] == ["created", "edited"]
    assert audit_history(saved).last().changes == {"body": [OFFICE_NOTICE, edited]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<p>{% if %}</p>", "does not compile"),
        ("<p>{{ amount|no_such_filter }}</p>", "does not compile"),
        ("{% load no_such_library %}", "does not compile"),
        ('{% include "documents/no-such-file.html" %}', "fails when rendered"),
    ],
)
def test_a_template_that_would_not_render_is_refused_with_a_readable_message(
    admin_client, body, message
):
    admin_client.cookies["django_language"] = "en"
    response = admin_client.post(add_url(), {"key": "public_notice", "title": "公示", "body": body})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert any(message in e for e in errors), errors
    assert not DocumentTemplate.objects.exists()
    assert not services.template_source("public_notice").custom


def test_the_service_refuses_an_invalid_template_and_changes_nothing():
    admin = UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(ValidationError, match="does not compile"):
        services.document_template_save(admin, "agreement", title="协议", body="{% for %}")

    assert not DocumentTemplate.objects.exists()


def test_adding_with_an_empty_body_starts_from_the_default(admin_client):
    response = admin_client.post(add_url(), {"key": "agreement", "title": "", "body": ""})

    assert response.status_code == 302
    saved = DocumentTemplate.objects.get(key="agreement")
    assert saved.body == services.template_default("agreement").body
    assert saved.title == "项目建设合作协议"  # the default's title, in the office's language


def test_deleting_the_office_version_puts_the_default_back_and_is_audited(admin_client):
    saved = services.document_template_save(
        admin_client.user, "public_notice", title="公示", body=OFFICE_NOTICE
    )

    response = admin_client.post(
        reverse("admin:documents_documenttemplate_delete", args=[saved.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not services.template_source("public_notice").custom
    assert [e.action for e in audit_history(saved)] == ["created", "reset_to_default"]


def test_only_someone_allowed_to_edit_templates_edits_them():
    with pytest.raises(NotAllowed):
        services.document_template_save(officer(), "public_notice", title="x", body="<p>x</p>")

    assert not DocumentTemplate.objects.exists()


def test_an_unknown_document_is_refused():
    with pytest.raises(ValidationError, match="no document called"):
        services.render_html("no_such_document", {})


@pytest.mark.parametrize(
    "key", ["agreement", "approval_certificate", "meeting_minutes", "public_notice"]
)
def test_every_shipped_default_compiles_and_renders_with_no_data(key):
    services.template_check(services.template_default(key).body)
