"""The public notice pages need no login and show only what a notice must show; the
office pages show who objected only to the officers handling the objection."""

import datetime as dt
import io

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from wusong.calls.states import State
from wusong.factories import PDF_BYTES, applicant, leader, officer
from wusong.notices import services
from wusong.notices.models import Objection, PublicNotice
from wusong.notices.workflow import NoticeState

from .helpers import MOBILE, objection_data, published, world

pytestmark = pytest.mark.django_db


def post_objection(client, notice, ip="10.1.1.1", **overrides):
    data = objection_data(notice, **overrides)
    return client.post(
        reverse("notices:public_notice", args=[notice.pk]),
        {k: v for k, v in data.items() if v is not None},
        REMOTE_ADDR=ip,
    )


def test_the_public_page_needs_no_login_and_shows_only_what_a_notice_must_show(client):
    w = world(2)
    notice, _when = published(w)
    services.objection_file(notice, objection_data(notice, name="钱七"), client_ip="10.1.1.2")
    listing = client.get(reverse("notices:public_notices"))
    assert listing.status_code == 200 and notice.title in listing.content.decode()
    page = client.get(reverse("notices:public_notice", args=[notice.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    decl = w.decls[0]
    assert decl.title in html and decl.organisation.name in html
    assert "300.00" in html  # 3,000,000 yuan in 万元
    assert notice.period_end.strftime("%Y-%m-%d") in html
    assert 'id="objection-form"' in html
    for secret in ("钱七", MOBILE, decl.reference, "500.00", "YY"):
        assert secret not in html
    for word in ("score", "评分", "reviewer", "评审专家"):
        assert word not in html.lower()


def test_a_draft_or_withdrawn_notice_is_not_public(client):
    w = world(2)
    notice, _when = published(w)
    services.notice_withdraw(w.officer, notice, "重新公示")
    assert client.get(reverse("notices:public_notice", args=[notice.pk])).status_code == 404
    draft = services.notice_create(w.officer, w.call, {}, [(w.decls[0], 1_000_000)])
    assert client.get(reverse("notices:public_notice", args=[draft.pk])).status_code == 404


def test_anyone_files_an_objection_on_the_page_and_gets_a_receipt(client):
    w = world(2)
    notice, _when = published(w)
    response = post_objection(client, notice)
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.client_ip == "10.1.1.1" and objection.name == "赵六"
    page = client.get(response["Location"]).content.decode()
    assert objection.reference in page


def test_an_unsigned_objection_on_the_page_is_refused_with_the_reason(client):
    w = world(2)
    notice, _when = published(w)
    response = post_objection(client, notice, name="", evidence="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "has-error" in html
    assert Objection.objects.count() == 0


def test_the_page_refuses_an_objection_after_the_period(client):
    w = world(2)
    notice, _when = published(w, days_ago=20)
    response = post_objection(client, notice)
    assert response.status_code == 409
    assert 'id="objection-form"' not in response.content.decode()
    assert Objection.objects.count() == 0


def test_the_page_says_so_when_an_address_has_objected_too_often(client):
    w = world(2)
    notice, _when = published(w)
    for _ in range(3):
        assert post_objection(client, notice, ip="10.7.7.7").status_code == 302
    response = post_objection(client, notice, ip="10.7.7.7")
    assert response.status_code == 429
    assert Objection.objects.count() == 3


def test_who_objected_is_shown_only_to_the_programmes_officers(client):
    w = world(2)
    notice, when = published(w)
    objection = services.objection_file(
        notice, objection_data(notice, name="钱七"), client_ip="10.1.1.3"
    )
    url = reverse("notices:office_notice", args=[notice.pk])
    client.force_login(w.officer)
    html = client.get(url).content.decode()
    assert "钱七" in html and MOBILE in html
    client.force_login(w.leader)
    page = client.get(url)
    assert page.status_code == 200 and objection.reference in page.content.decode()
    assert "钱七" not in page.content.decode() and MOBILE not in page.content.decode()
    client.force_login(officer())
    assert client.get(url).status_code == 404
    client.force_login(applicant(w.decls[0].organisation))
    assert client.get(url).status_code == 404
    resolve = reverse("notices:objection_resolve", args=[objection.pk])
    client.force_login(w.leader)
    assert client.post(resolve, {"decision": "upheld", "reason": "x"}).status_code == 404
    objection.refresh_from_db()
    assert objection.state == "open"


def test_the_office_drafts_publishes_resolves_and_the_leader_approves_on_the_pages(client):
    w = world(3)
    client.force_login(w.officer)
    assert client.get(reverse("notices:office")).status_code == 200
    new = reverse("notices:notice_new", args=[w.call.code])
    assert client.get(new).status_code == 200
    data = {
        "title": "",
        "period_days": "5",
        "body": "经专家评审、会议审议，拟支持以下项目。",
        "contact": "宝山区科委 021-00000000",
        f"amount_{w.decls[0].pk}": "300",
        f"amount_{w.decls[1].pk}": "250.5",
    }
    response = client.post(new, data)
    notice = PublicNotice.objects.get()
    assert response.status_code == 302
    assert sorted(i.proposed_amount for i in notice.items.all()) == [2_505_000, 3_000_000]
    # The proposal goes out on the page; an objection comes in; then the period is
    # moved back so that it is over.
    client.post(reverse("notices:notice_publish", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED
    objection = services.objection_file(notice, objection_data(notice))
    PublicNotice.objects.filter(pk=notice.pk).update(
        period_end=notice.period_start - dt.timedelta(days=1)
    )
    client.post(
        reverse("notices:objection_resolve", args=[objection.pk]),
        {"decision": "dismissed", "reason": "经核实，异议不成立。"},
    )
    client.force_login(w.leader)
    page = client.get(reverse("notices:office_notice", args=[notice.pk])).content.decode()
    assert 'id="approve"' in page
    other = w.decls[2]
    client.post(
        reverse("notices:notice_approve", args=[notice.pk]),
        {f"outcome_{other.pk}": "not_selected", f"reason_{other.pk}": "排名靠后"},
    )
    notice.refresh_from_db()
    assert notice.state == NoticeState.APPROVED
    other.refresh_from_db()
    assert other.state == State.NOT_SELECTED
    w.decls[0].refresh_from_db()
    assert w.decls[0].state == State.APPROVED


def test_an_over_budget_draft_is_refused_on_the_page(client):
    w = world(2, budget=4_000_000)
    client.force_login(w.officer)
    response = client.post(
        reverse("notices:notice_new", args=[w.call.code]),
        {
            "period_days": "5",
            f"amount_{w.decls[0].pk}": "300",
            f"amount_{w.decls[1].pk}": "200",
        },
    )
    assert response.status_code == 200
    assert PublicNotice.objects.count() == 0


def test_the_applicant_sees_unread_notifications_in_the_portal_include(client):
    w = world(2)
    published(w)
    user = applicant(w.decls[0].organisation)
    request = RequestFactory().get("/portal/")
    request.user = user
    html = render_to_string("notifications/_notifications.html", request=request)
    assert w.decls[0].title in html
    note = user.organisation.notifications.get()
    client.force_login(user)
    response = client.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read
    assert w.decls[0].title not in render_to_string(
        "notifications/_notifications.html", request=request
    )
    # Someone else's notification is not found.
    client.force_login(applicant())
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404


def test_the_objection_attachment_is_only_for_the_officers_handling_it(client):
    w = world(2)
    notice, _when = published(w)
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "证据.pdf"
    data = objection_data(notice)
    data["attachment"] = upload
    assert client.post(reverse("notices:public_notice", args=[notice.pk]), data).status_code == 302
    objection = Objection.objects.get()
    url = reverse("notices:objection_attachment", args=[objection.pk])
    client.force_login(leader())
    assert client.get(url).status_code == 404
    client.force_login(w.officer)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
