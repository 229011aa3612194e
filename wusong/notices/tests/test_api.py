"""The same steps through the REST API: the public reads and objects without an account,
officers draft, publish and resolve, the leader approves."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from wusong.calls.states import State
from wusong.factories import PDF_BYTES, applicant, officer
from wusong.notices import services
from wusong.notices.models import Objection, PublicNotice
from wusong.notifications.models import Notification

from .helpers import MOBILE, objection_data, published, world

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_public_reads_notices_without_an_account_and_sees_no_identities():
    w = world(2)
    notice, _when = published(w)
    services.objection_file(notice, objection_data(notice, name="钱七"), client_ip="10.2.2.2")
    anonymous = client_for()
    listing = anonymous.get("/api/notices/")
    assert listing.status_code == 200 and listing.json()["count"] == 1
    body = anonymous.get(f"/api/notices/{notice.pk}/").json()
    assert body["open_for_objections"] is True
    assert {i["proposed_amount_wan"] for i in body["items"]} == {"300.00"}
    assert "钱七" not in str(body) and MOBILE not in str(body)
    assert "objections" not in body and "requested_amount" not in str(body)


def test_an_objection_through_the_api_gets_a_receipt_and_bad_ones_say_why():
    w = world(2)
    notice, _when = published(w)
    anonymous = client_for()
    url = f"/api/notices/{notice.pk}/objections/"
    response = anonymous.post(url, objection_data(notice), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["reference"] == Objection.objects.get().reference
    assert "name" not in response.json()
    refused = anonymous.post(url, objection_data(notice, name="", reason=""), format="json")
    assert refused.status_code == 400
    assert "anonymous" in refused.json()["detail"]
    assert set(refused.json()["errors"]) >= {"name", "reason"}
    data = objection_data(notice)
    data["attachment"] = SimpleUploadedFile("证据.pdf", PDF_BYTES)
    assert anonymous.post(url, data, format="multipart").status_code == 201
    # Refused objections do not count against the limit of 3 an hour; accepted ones do.
    assert anonymous.post(url, objection_data(notice), format="json").status_code == 201
    assert anonymous.post(url, objection_data(notice), format="json").status_code == 429


def test_an_objection_after_the_period_is_refused_through_the_api():
    w = world(2)
    notice, _when = published(w, days_ago=20)
    response = client_for().post(
        f"/api/notices/{notice.pk}/objections/", objection_data(notice), format="json"
    )
    assert response.status_code == 409 and "period ended" in response.json()["detail"]


def test_officers_draft_publish_resolve_and_the_leader_approves_through_the_api():
    w = world(3)
    staff = client_for(w.officer)
    created = staff.post(
        "/api/office-notices/",
        {
            "call": w.call.code,
            "items": [
                {"declaration": w.decls[0].pk, "proposed_amount": "3000000.00"},
                {"declaration": w.decls[1].pk, "proposed_amount": "2000000.00"},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["total_wan"] == "500.00"
    published_ = staff.post(f"/api/office-notices/{pk}/publish/")
    assert published_.status_code == 200 and published_.json()["state"] == "published"
    notice = PublicNotice.objects.get(pk=pk)
    objection = services.objection_file(notice, objection_data(notice), client_ip="10.3.3.3")
    seen = staff.get(f"/api/objections/{objection.pk}/").json()
    assert seen["name"] == "赵六" and seen["mobile"] == MOBILE
    boss = client_for(w.leader)
    assert boss.get(f"/api/objections/{objection.pk}/").status_code == 404
    assert "name" not in boss.get(f"/api/office-notices/{pk}/").json()["objections"][0]
    early = boss.post(f"/api/office-notices/{pk}/approve/", {}, format="json")
    assert early.status_code == 409
    resolved = staff.post(
        f"/api/objections/{objection.pk}/resolve/",
        {"decision": "dismissed", "reason": "异议不成立。"},
        format="json",
    )
    assert resolved.status_code == 200 and resolved.json()["state"] == "dismissed"
    PublicNotice.objects.filter(pk=pk).update(period_end=notice.period_start.replace(year=2025))
    approved = boss.post(
        f"/api/office-notices/{pk}/approve/",
        {"others": [{"declaration": w.decls[2].pk, "outcome": "candidate", "reason": "候选"}]},
        format="json",
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["state"] == "approved"
    w.decls[2].refresh_from_db()
    assert w.decls[2].state == State.CANDIDATE
    actions = [e["action"] for e in staff.get(f"/api/office-notices/{pk}/history/").json()]
    assert actions[-2:] == ["end_period", "approve"]
    mine = client_for(applicant(w.decls[0].organisation))
    notes = mine.get("/api/notifications/?unread=1").json()["results"]
    assert len(notes) == 2
    assert mine.post(f"/api/notifications/{notes[0]['id']}/read/").json()["read"] is True
    assert (
        Notification.objects.filter(
            read=False, recipient_organisation=w.decls[0].organisation
        ).count()
        == 1
    )


def test_other_officers_and_applicants_find_no_notice_or_objection_in_the_office_api():
    w = world(2)
    notice, _when = published(w)
    objection = services.objection_file(notice, objection_data(notice), client_ip="10.4.4.4")
    for user in (officer(), applicant(w.decls[0].organisation)):
        c = client_for(user)
        assert c.get(f"/api/office-notices/{notice.pk}/").status_code == 404
        assert c.get(f"/api/objections/{objection.pk}/").status_code == 404
        assert c.get("/api/objections/").json()["count"] == 0
    assert client_for().get("/api/office-notices/").status_code in (401, 403)


def test_a_draft_over_budget_is_refused_through_the_api():
    w = world(2, budget=1_000_000)
    response = client_for(w.officer).post(
        "/api/office-notices/",
        {
            "call": w.call.code,
            "items": [{"declaration": w.decls[0].pk, "proposed_amount": "2000000"}],
        },
        format="json",
    )
    assert response.status_code == 400 and "budget" in response.json()["detail"]
