"""E-mail where configured: when a leader approves a notice, each applicant organisation's
users with an e-mail address get a message, after the approval commits; nothing is sent
when the setting is off, to users without an address, or for a refused approval."""

import pytest
from django.core import mail

from wusong.errors import ActionRefused
from wusong.factories import UserFactory
from wusong.notices import services
from wusong.registry.roles import Role

from .helpers import published, world

pytestmark = pytest.mark.django_db


def _users(w):
    first, second = w.decls[0], w.decls[1]
    first.created_by.email = "lead@example.cn"
    first.created_by.save(update_fields=["email"])
    UserFactory(organisation=first.organisation, roles=[Role.APPLICANT], email="cfo@example.cn")
    UserFactory(organisation=first.organisation, roles=[Role.APPLICANT], email="")
    UserFactory(
        organisation=first.organisation,
        roles=[Role.APPLICANT],
        email="gone@example.cn",
        is_active=False,
    )
    second.created_by.email = ""
    second.created_by.save(update_fields=["email"])
    return first


def test_approval_mails_the_applicants_users_with_an_address_after_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.WUSONG_NOTIFY_EMAIL = True
    settings.WUSONG_SITE_URL = "https://wusong.example.cn/"
    w = world(3)
    first = _users(w)
    notice, _when = published(w, days_ago=20)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notice_approve(w.leader, notice)
    assert callbacks and not mail.outbox  # queued, sent only once committed
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["cfo@example.cn", "lead@example.cn"]
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees another's address
    message = mail.outbox[0]
    assert first.title in message.subject
    assert "300" in message.body or "万元" in message.body
    assert f"https://wusong.example.cn/declarations/{first.pk}/" in message.body


def test_no_mail_when_the_setting_is_off(settings, django_capture_on_commit_callbacks):
    settings.WUSONG_NOTIFY_EMAIL = False
    w = world(3)
    _users(w)
    notice, _when = published(w, days_ago=20)
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_approve(w.leader, notice)
    assert not mail.outbox


def test_a_refused_approval_sends_nothing(settings, django_capture_on_commit_callbacks):
    settings.WUSONG_NOTIFY_EMAIL = True
    w = world(3)
    _users(w)
    notice, _when = published(w, days_ago=0)  # the period still runs
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionRefused):
        services.notice_approve(w.leader, notice)
    assert not mail.outbox


def test_a_failing_mail_server_does_not_undo_the_approval(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.WUSONG_NOTIFY_EMAIL = True
    w = world(3)
    _users(w)
    notice, _when = published(w, days_ago=20)

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.notice_approve(w.leader, notice)
    assert notice.state == "approved"
