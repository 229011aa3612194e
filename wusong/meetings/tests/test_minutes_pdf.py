"""The minutes (会议纪要) of a review meeting as a PDF in Chinese: the meeting, the
projects, each member's vote, the recusals and the outcome, read back from the PDF."""

import pytest
from django.urls import reverse

from wusong.documents.tests.pdf import pdf_text
from wusong.factories import applicant, leader, officer
from wusong.meetings import services
from wusong.meetings.minutes import meeting_minutes_pdf, minutes_context

from .helpers import item, meeting_world, member, sit, votes

pytestmark = pytest.mark.django_db


def closed_meeting():
    w = meeting_world(n_free=4)
    services.meeting_update(w.officer, w.meeting, {"chair": w.free[0]})
    sit(w)
    a, b, c, d = w.free
    first, second = w.decls
    services.item_notes_save(
        w.officer,
        item(w.meeting, first),
        "专家认为键合装备技术路线清晰，已有中试样机。",
        "建议支持",
    )
    votes(w, first, {a: "approve", b: "approve", c: "approve", d: "candidate"})
    services.vote_record(
        w.officer, item(w.meeting, second), member(w.meeting, a), "reject", "市场验证不足"
    )
    services.meeting_close(w.officer, w.meeting)
    w.meeting.refresh_from_db()
    return w


def test_the_minutes_hold_the_meeting_the_projects_the_votes_and_the_recusals(client, pdf_ready):
    w = closed_meeting()
    client.force_login(w.officer)
    page = client.get(reverse("meetings:meeting", args=[w.meeting.pk])).content.decode()
    url = reverse("documents:minutes_pdf", args=[w.meeting.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for phrase in (
        "第一批先投后股项目评审会会议纪要",
        "宝山区科委三楼会议室",
        "先进封装声光辅助键合装备",
        "水系电池储能材料产业化",
        "上海同芯沟科技有限公司",
        "回避：王建国",  # the insider, recused on the first project
        "李明同意立项",  # each member's vote
        "刘洋列入候选",
        "李明不同意市场验证不足",
        "同意立项3票，列入候选1票，不同意0票",
        "表决结果：建议立项",
        "参加表决人数未达规定",  # the second project: one vote of five
        "专家认为键合装备技术路线清晰",
        "会议意见：建议支持",
        "李明（组长）",  # the chair, in the list of the panel
        "宝山区科学技术委员会",
    ):
        assert phrase in text, phrase
    assert "草稿" not in text


def test_minutes_of_a_meeting_still_sitting_are_marked_as_a_draft(pdf_ready):
    w = meeting_world()
    sit(w)
    text = pdf_text(meeting_minutes_pdf(w.meeting))
    assert "草稿" in text and "回避：王建国" in text


def test_the_context_is_plain_values():
    w = closed_meeting()
    context = minutes_context(w.meeting)
    first = context["items"][0]
    assert first["outcome"] == "approve" and first["tally"]["approve"] == 3
    assert [r["member"] for r in first["recusals"]] == ["王建国"]
    assert {v["member"]: v["choice"] for v in first["votes"]}["刘洋"] == "candidate"
    assert context["meeting"]["final"] is True and context["meeting"]["chair"] == "李明"
    assert all(isinstance(v, (str, int, bool, type(None))) for v in context["members"][0].values())


def test_only_the_office_reads_the_minutes(client):
    w = closed_meeting()
    url = reverse("documents:minutes_pdf", args=[w.meeting.pk])
    for outsider in (
        applicant(w.decls[0].organisation),
        officer(),  # another programme's officer
        w.free[0].user,  # a panel member
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(leader())
    assert client.get(url).status_code != 404
