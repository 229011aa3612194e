"""An officer gets an imported expert (no usable password) logged in without e-mail: a
one-time set-password link shown on the expert's page, then the review desk."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from wusong.audit.models import AuditEntry
from wusong.audit.services import audit_history
from wusong.factories import applicant, leader, officer

from .. import services
from .factories import ExpertFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Huangpu-river-2031"


@pytest.fixture
def imported_expert():
    expert = services.expert_create(
        officer(),
        ExpertFactory().organisation,
        {"name": "钱专家", "phone": "13900001111", "email": "qian@example.com"},
    )
    assert not expert.user.has_usable_password()
    return expert


def _create_link(client, staff, expert) -> str:
    client.force_login(staff)
    page = client.post(reverse("experts:password_link", args=[expert.pk]))
    assert page.status_code == 200
    assert "no-store" in page.get("Cache-Control", "") or "max-age=0" in page.get(
        "Cache-Control", ""
    )
    link = page.context["password_link"]
    html = page.content.decode()
    assert link in html
    # The page's other forms still post to the expert's page, not to the link maker.
    assert f'action="{reverse("experts:expert", args=[expert.pk])}"' in html
    client.logout()
    return link


def _path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def test_officer_link_lets_the_expert_set_a_password_log_in_and_reach_the_desk(
    client, imported_expert
):
    staff = officer()
    link = _create_link(client, staff, imported_expert)
    assert link.startswith("http://testserver/accounts/reset/")

    form_page = client.get(_path(link), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    assert "set-password" in set_url
    assert imported_expert.user.username in form_page.content.decode()

    # Django's password validators apply.
    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200
    assert weak.context["form"].errors

    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    assert reverse("login") in done.content.decode()
    imported_expert.user.refresh_from_db()
    assert imported_expert.user.check_password(NEW_PASSWORD)

    logged_in = client.post(
        reverse("login"),
        {
            "username": imported_expert.user.username,
            "password": NEW_PASSWORD,
            "next": reverse("experts:desk"),
        },
        follow=True,
    )
    assert logged_in.redirect_chain[-1][0] == reverse("experts:desk")
    assert logged_in.status_code == 200
    assert logged_in.context["expert"] == imported_expert


def test_a_used_link_no_longer_works(client, imported_expert):
    link = _create_link(client, officer(), imported_expert)
    first = client.get(_path(link), follow=True)
    set_url = first.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    again = client.get(_path(link), follow=True)
    assert again.status_code == 200
    assert not again.context["validlink"]
    assert "new_password1" not in again.content.decode()


@pytest.mark.parametrize("who", [applicant, leader])
def test_only_officers_and_administrators_create_links(client, imported_expert, who):
    client.force_login(who())
    response = client.post(reverse("experts:password_link", args=[imported_expert.pk]))
    assert response.status_code == 404
    assert not audit_history(imported_expert).filter(action="password_link_created").exists()


def test_the_expert_themself_gets_404(client, imported_expert):
    client.force_login(imported_expert.user)
    url = reverse("experts:password_link", args=[imported_expert.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404


def test_a_get_does_not_create_a_link(client, imported_expert):
    client.force_login(officer())
    response = client.get(reverse("experts:password_link", args=[imported_expert.pk]))
    assert response.status_code == 405


def test_link_creation_is_audited_without_the_token(client, imported_expert):
    staff = officer()
    link = _create_link(client, staff, imported_expert)
    token = _path(link).rstrip("/").split("/")[-1]
    entry = audit_history(imported_expert).get(action="password_link_created")
    assert entry.actor == staff
    stored = " ".join(
        str(v)
        for v in AuditEntry.objects.values_list("note", "changes", "object_repr").order_by("pk")
    )
    assert token not in stored
    assert token not in str(entry.changes) and token not in entry.note


def test_link_is_emailed_after_commit_when_the_office_sends_mail(
    settings, imported_expert, django_capture_on_commit_callbacks
):
    settings.WUSONG_NOTIFY_EMAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        link, emailed = services.password_link_create(
            officer(), imported_expert, base_url="https://wusong.example/"
        )
    assert emailed == "qian@example.com"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["qian@example.com"]
    assert link in mail.outbox[0].body
    assert link.startswith("https://wusong.example/accounts/reset/")


def test_no_email_when_off_or_no_address(settings, django_capture_on_commit_callbacks):
    staff = officer()
    no_mail = services.expert_create(
        staff, ExpertFactory().organisation, {"name": "孙专家", "phone": "13900002222"}
    )
    settings.WUSONG_NOTIFY_EMAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        _link, emailed = services.password_link_create(staff, no_mail)
    assert emailed == "" and mail.outbox == []
    settings.WUSONG_NOTIFY_EMAIL = False
    with_mail = services.expert_create(
        staff,
        ExpertFactory().organisation,
        {"name": "周专家", "phone": "13900003333", "email": "zhou@example.com"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        _link, emailed = services.password_link_create(staff, with_mail)
    assert emailed == "" and mail.outbox == []


def test_the_set_password_page_uses_the_site_style(client, imported_expert):
    link = _create_link(client, officer(), imported_expert)
    page = client.get(_path(link), follow=True)
    names = [t.name for t in page.templates]
    assert "base.html" in names
