"""The meeting pages: the officer schedules, sets the agenda, records attendance, notes
and votes, and closes; a panel member sees only the items they are not recused on and
votes on them where the office allows; applicants and other programmes' officers find
nothing."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from wusong.factories import applicant, leader, officer
from wusong.meetings.models import ItemFlag, Meeting, Recusal, Vote, VoteChoice
from wusong.meetings.workflow import MeetingState

from .helpers import item, meeting_world, member, sit

pytestmark = pytest.mark.django_db


def test_an_officer_schedules_a_meeting_on_the_page_and_conflicted_members_are_recused(client):
    w = meeting_world()
    client.force_login(w.officer)
    assert client.get(reverse("meetings:meetings")).status_code == 200
    url = reverse("meetings:meeting_new", args=[w.call.code])
    assert client.get(url).status_code == 200
    when = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "title": "第二次评审会",
            "starts_at": when,
            "place": "宝山区科委五楼",
            "quorum_numerator": 2,
            "quorum_denominator": 3,
            "quorum_min_votes": 3,
            "experts": [w.insider.pk, *(e.pk for e in w.free)],
            "declarations": [d.pk for d in w.decls],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(title="第二次评审会")
    assert Recusal.objects.filter(item__meeting=meeting, member__expert=w.insider).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "王建国" in page and w.decls[0].title in page


def test_the_officer_runs_the_meeting_on_the_pages(client):
    w = meeting_world()
    client.force_login(w.officer)
    m = w.meeting
    members = list(m.members.all())
    attendance = {f"m_{x.pk}": "1" for x in members}
    assert (
        client.post(reverse("meetings:meeting_attendance", args=[m.pk]), attendance).status_code
        == 302
    )
    assert client.post(reverse("meetings:meeting_open", args=[m.pk])).status_code == 302
    m.refresh_from_db()
    assert m.state == MeetingState.IN_SESSION
    first = item(m, w.decls[0])
    url = reverse("meetings:meeting_item", args=[m.pk, first.pk])
    page = client.get(url).content.decode()
    insider = member(m, w.insider)
    assert f'name="v_{insider.pk}"' not in page  # recused: no vote field
    data = {"notes": "技术成熟度较高。", "conclusion": "建议立项"}
    data.update({f"v_{member(m, e).pk}": "approve" for e in w.free})
    data[f"v_{insider.pk}"] = "approve"  # forged: ignored, the member is recused
    assert client.post(url, data).status_code == 302
    assert Vote.objects.filter(item=first).count() == 4
    assert not Vote.objects.filter(member=insider).exists()
    assert client.post(reverse("meetings:meeting_close", args=[m.pk])).status_code == 302
    first.refresh_from_db()
    assert first.outcome == "approve"
    assert item(m, w.decls[1]).flag == "quorum_not_met"  # nobody voted on it
    page = client.get(reverse("meetings:meeting", args=[m.pk])).content.decode()
    with translation.override(settings.LANGUAGE_CODE):  # pages are in Chinese by default
        assert str(ItemFlag.QUORUM_NOT_MET.label) in page
        assert str(VoteChoice.APPROVE.label) in page


def test_applicants_and_other_programmes_officers_find_no_meeting(client):
    w = meeting_world()
    sit(w)
    first = item(w.meeting, w.decls[0])
    urls = [
        reverse("meetings:meeting", args=[w.meeting.pk]),
        reverse("meetings:meeting_item", args=[w.meeting.pk, first.pk]),
        reverse("meetings:meeting_edit", args=[w.meeting.pk]),
        reverse("meetings:meeting_desk_item", args=[w.meeting.pk]),
        reverse("documents:minutes_pdf", args=[w.meeting.pk]),
    ]
    for outsider in (applicant(w.decls[0].organisation), officer()):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
        response = client.post(reverse("meetings:meeting_close", args=[w.meeting.pk]))
        assert response.status_code == 404
    client.force_login(applicant(w.decls[0].organisation))
    assert client.get(reverse("meetings:meetings")).status_code == 404
    client.force_login(leader())  # leaders read the meeting, without acting on it
    page = client.get(urls[0])
    assert page.status_code == 200
    assert reverse("meetings:meeting_close", args=[w.meeting.pk]) not in page.content.decode()
    w.meeting.refresh_from_db()
    assert w.meeting.state == MeetingState.IN_SESSION


def test_a_panel_member_sees_only_their_unrecused_items_and_votes_themselves(client):
    w = meeting_world(members_vote_themselves=True)
    sit(w)
    client.force_login(w.insider.user)
    assert client.get(reverse("meetings:meeting", args=[w.meeting.pk])).status_code == 404
    listing = client.get(reverse("meetings:meeting_desk")).content.decode()
    assert w.meeting.title in listing
    url = reverse("meetings:meeting_desk_item", args=[w.meeting.pk])
    page = client.get(url).content.decode()
    assert w.decls[1].title in page and w.decls[0].title not in page
    # A vote on the item the member is recused on: not found, nothing recorded.
    refused = client.post(url, {"item": item(w.meeting, w.decls[0]).pk, "choice": "approve"})
    assert refused.status_code == 404 and not Vote.objects.exists()
    client.post(url, {"item": item(w.meeting, w.decls[1]).pk, "choice": "candidate"})
    assert Vote.objects.get().choice == "candidate"
    # Another member sees their own (empty) vote, not the insider's, nor who sits with them.
    client.force_login(w.free[0].user)
    page = client.get(url).content.decode()
    assert w.insider.name not in page and "<strong>" not in page.split('id="my-items"')[1]


def test_members_cannot_vote_on_the_page_where_the_office_records_votes(client):
    w = meeting_world()
    sit(w)
    client.force_login(w.free[0].user)
    url = reverse("meetings:meeting_desk_item", args=[w.meeting.pk])
    assert "<select" not in client.get(url).content.decode()
    client.post(url, {"item": item(w.meeting, w.decls[1]).pk, "choice": "approve"})
    assert not Vote.objects.exists()


def test_the_officer_changes_the_details_panel_and_agenda_while_scheduled(client):
    w = meeting_world()
    m = w.meeting
    client.force_login(w.officer)
    edit = reverse("meetings:meeting_edit", args=[m.pk])
    assert client.get(edit).status_code == 200
    data = {
        "title": m.title,
        "starts_at": timezone.localtime(m.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "place": "宝山区科委一楼",
        "chair": w.free[1].pk,
        "quorum_numerator": 3,
        "quorum_denominator": 4,
        "quorum_min_votes": 3,
    }
    assert client.post(edit, data).status_code == 302
    m.refresh_from_db()
    assert (m.place, m.chair, m.quorum_numerator) == ("宝山区科委一楼", w.free[1], 3)
    agenda = reverse("meetings:meeting_agenda", args=[m.pk])
    first = m.items.get(declaration=w.decls[0])
    client.post(agenda, {"down": first.pk})
    assert [i.declaration for i in m.items.all()] == [w.decls[1], w.decls[0]]
    client.post(agenda, {"remove": first.pk})
    assert not Recusal.objects.filter(item__meeting=m).exists()  # the insider's item is gone
    client.post(reverse("meetings:meeting_members", args=[m.pk]), {"remove": w.free[1].pk})
    m.refresh_from_db()
    assert m.chair is None and m.members.count() == 4
    page = client.get(reverse("meetings:meeting", args=[m.pk])).content.decode()
    assert 'id="history"' in page
