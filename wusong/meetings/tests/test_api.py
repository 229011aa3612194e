"""The same meeting through the REST API: scheduled with its panel and agenda, recusals
found, votes recorded (a recused member's refused), closed with outcomes; panel members
see only their own unrecused items; applicants and other officers find nothing."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wusong.factories import applicant, officer
from wusong.meetings.models import Meeting, Vote

from .helpers import meeting_world

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_authenticate(user)
    return client


def test_an_officer_runs_a_meeting_through_the_api():
    w = meeting_world()
    api = client_for(w.officer)
    created = api.post(
        "/api/meetings/",
        {
            "call": w.call.code,
            "title": "API 评审会",
            "starts_at": (timezone.now() + dt.timedelta(days=2)).isoformat(),
            "place": "宝山区科委",
            "experts": [w.insider.pk, *(e.pk for e in w.free)],
            "declarations": [d.pk for d in w.decls],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    first, second = body["items"]
    assert [r["name"] for r in first["recusals"]] == ["王建国"] and not second["recusals"]
    base = f"/api/meetings/{body['id']}"
    everyone = [w.insider.pk, *(e.pk for e in w.free)]
    assert api.post(f"{base}/attendance/", {"present": everyone}, format="json").status_code == 200
    assert api.post(f"{base}/open/").json()["state"] == "in_session"
    refused = api.post(
        f"{base}/items/{first['id']}/votes/",
        {"expert": w.insider.pk, "choice": "approve"},
        format="json",
    )
    assert refused.status_code == 409 and "recused" in refused.json()["detail"]
    assert not Vote.objects.exists()
    for e in w.free[:3]:
        r = api.post(
            f"{base}/items/{first['id']}/votes/",
            {"expert": e.pk, "choice": "approve"},
            format="json",
        )
        assert r.status_code == 200, r.json()
    notes = api.post(
        f"{base}/items/{first['id']}/notes/", {"notes": "讨论充分", "conclusion": "建议立项"}
    )
    assert notes.status_code == 200
    closed = api.post(f"{base}/close/").json()
    assert closed["state"] == "closed"
    first, second = closed["items"]
    assert first["outcome"] == "approve" and first["tally"]["voting"] == 3
    assert second["outcome"] == "" and second["flag"] == "quorum_not_met"
    history = api.get(f"{base}/history/").json()
    assert {"scheduled", "recused", "open", "vote", "close"} <= {e["action"] for e in history}


def test_applicants_and_other_programmes_officers_find_no_meeting_in_the_api():
    w = meeting_world()
    for outsider in (applicant(w.decls[0].organisation), officer()):
        api = client_for(outsider)
        assert api.get("/api/meetings/").json()["count"] == 0
        assert api.get(f"/api/meetings/{w.meeting.pk}/").status_code == 404
        assert api.post(f"/api/meetings/{w.meeting.pk}/open/").status_code == 404
        assert api.get(f"/api/meetings/{w.meeting.pk}/minutes/").status_code == 404
        assert api.get("/api/meeting-desk/").json()["count"] == 0
    scheduled = client_for(applicant()).post(
        "/api/meetings/",
        {"call": w.call.code, "starts_at": timezone.now().isoformat(), "place": "x"},
        format="json",
    )
    assert scheduled.status_code == 403
    assert Meeting.objects.count() == 1


def test_a_panel_member_reads_only_their_items_and_votes_themselves_in_the_api():
    w = meeting_world(members_vote_themselves=True)
    office = client_for(w.officer)
    m = w.meeting
    office.post(
        f"/api/meetings/{m.pk}/attendance/",
        {"present": [w.insider.pk, *(e.pk for e in w.free)]},
        format="json",
    )
    office.post(f"/api/meetings/{m.pk}/open/")
    desk = client_for(w.insider.user)
    mine = desk.get(f"/api/meeting-desk/{m.pk}/").json()
    assert [i["title"] for i in mine["items"]] == [w.decls[1].title]
    assert "votes" not in str(mine) and "recusals" not in mine
    recused_item = m.items.get(declaration=w.decls[0]).pk
    free_item = m.items.get(declaration=w.decls[1]).pk
    refused = desk.post(
        f"/api/meeting-desk/{m.pk}/items/{recused_item}/vote/", {"choice": "approve"}
    )
    assert refused.status_code == 404 and not Vote.objects.exists()
    voted = desk.post(
        f"/api/meeting-desk/{m.pk}/items/{free_item}/vote/",
        {"choice": "reject", "comment": "风险高"},
    )
    assert voted.status_code == 200, voted.json()
    assert voted.json()["items"][0]["my_vote"] == "reject"
    other = client_for(w.free[0].user).get(f"/api/meeting-desk/{m.pk}/").json()
    assert other["items"][1]["my_vote"] is None
    assert client_for(w.insider.user).get(f"/api/meetings/{m.pk}/").status_code == 404


def test_the_openapi_document_lists_the_meeting_endpoints():
    schema = client_for(officer()).get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "/api/meetings/{id}/items/{item_id}/votes/" in paths
    assert "/api/meeting-desk/{id}/items/{item_id}/vote/" in paths
