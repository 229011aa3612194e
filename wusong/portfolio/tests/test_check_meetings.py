"""The expert panel of a mid-term check or final acceptance sits as a review meeting: the
panel becomes the meeting's panel, conflicted members are recused, members vote pass /
pass after rectification / fail under the quorum rule, and closing the meeting records
the check's outcome through the checks' own rules (one rectification, tranches stopped on
failure). Pages, the API and the minutes show it."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wusong.documents.tests.conftest import require_pdf
from wusong.documents.tests.pdf import pdf_text
from wusong.errors import ActionRefused, NotAllowed
from wusong.experts.tests.factories import ExpertFactory
from wusong.factories import OrganisationFactory, applicant, approved_declaration
from wusong.funding import services as funding_services
from wusong.kernels.accrual import add_months
from wusong.meetings import services as meetings
from wusong.meetings.models import Recusal
from wusong.meetings.selectors import meeting_outcomes
from wusong.meetings.workflow import MeetingState
from wusong.portfolio import check_meetings, selectors
from wusong.portfolio.selectors import checks_to_hear, tranche_stop_reason
from wusong.portfolio.services import checks
from wusong.portfolio.services import panel as panels
from wusong.portfolio.workflow import CheckState

from .conftest import signed_agreement

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
WHEN = {"starts_at": timezone.now() + dt.timedelta(days=3), "place": "宝山区科委三楼会议室"}


class Hearing:
    """A signed agreement with its acceptance check and a panel of four chosen experts."""

    def __init__(self, world):
        self.world = world
        self.manager = world.manager
        self.agreement = signed_agreement(world)
        self.check = checks.check_schedule(self.manager, self.agreement, "acceptance", TODAY)
        self.experts = [ExpertFactory() for _ in range(4)]
        panels.panel_form(self.manager, self.check, experts=self.experts)

    def schedule(self, **data):
        self.meeting = check_meetings.check_meeting_schedule(self.manager, self.check, WHEN | data)
        return self.meeting

    def item(self):
        return self.meeting.items.get(check_hearing__check_record=self.check)

    def sit(self):
        meetings.attendance_record(
            self.manager, self.meeting, {m.pk: True for m in self.meeting.members.all()}
        )
        meetings.meeting_open(self.manager, self.meeting)

    def vote(self, *choices, conclusion=None):
        item = self.item()
        for expert, choice in zip(self.experts, choices, strict=False):
            member = self.meeting.members.get(expert=expert)
            meetings.vote_record(self.manager, item, member, choice)
        if conclusion is not None:
            meetings.item_notes_save(self.manager, item, "专家听取汇报并质询", conclusion)

    def close(self):
        meetings.meeting_close(self.manager, self.meeting)
        self.check.refresh_from_db()
        return self.check


@pytest.fixture
def hearing(world):
    return Hearing(world)


def test_a_check_meeting_takes_the_panel_and_its_chair(hearing):
    meeting = hearing.schedule()
    assert meeting.purpose == "check" and meeting.call == hearing.agreement.declaration.call
    assert [m.expert for m in meeting.members.all()] == hearing.experts
    assert meeting.chair == hearing.experts[0]  # the panel's chair
    item = hearing.item()
    assert item.declaration == hearing.agreement.declaration and item.sitting == 1
    assert meeting.title == f"结题验收：{hearing.agreement.declaration.title}"  # office language


def test_a_check_is_heard_only_with_a_formed_panel_and_by_an_officer(world):
    agreement = signed_agreement(world)
    check = checks.check_schedule(world.manager, agreement, "midterm", TODAY)
    with pytest.raises(ValidationError, match="Form the expert panel"):
        check_meetings.check_meeting_schedule(world.manager, check, WHEN)
    panels.panel_form(world.manager, check, experts=[ExpertFactory() for _ in range(3)])
    with pytest.raises(NotAllowed):
        check_meetings.check_meeting_schedule(world.company_user, check, WHEN)
    check_meetings.check_meeting_schedule(world.manager, check, WHEN)
    with pytest.raises(ValidationError, match="already on the agenda"):
        check_meetings.check_meeting_schedule(world.manager, check, WHEN)


def test_members_vote_on_the_check_scale(hearing):
    hearing.schedule()
    hearing.sit()
    member = hearing.meeting.members.get(expert=hearing.experts[0])
    with pytest.raises(ValidationError, match="pass after rectification or fail"):
        meetings.vote_record(hearing.manager, hearing.item(), member, "approve")
    vote = meetings.vote_record(hearing.manager, hearing.item(), member, "pass")
    assert vote.get_choice_display() == "Pass"


def test_closing_the_meeting_passes_the_check_and_the_officer_cannot_decide_it_meanwhile(
    hearing,
):
    hearing.schedule()
    with pytest.raises(ActionRefused, match="decides it"):
        panels.panel_decide(hearing.manager, hearing.check, "pass")
    with pytest.raises(ActionRefused, match="decides it"):
        panels.panel_form(hearing.manager, hearing.check, experts=hearing.experts[:3])
    hearing.sit()
    hearing.vote("pass", "pass", "pass", "rectify")
    check = hearing.close()
    item = hearing.item()
    assert (item.outcome, item.tally["pass"], item.tally["rectify"]) == ("pass", 3, 1)
    assert check.state == CheckState.PASSED and check.decided_on == TODAY
    assert tranche_stop_reason(hearing.agreement) is None


def test_a_rectification_needs_the_opinion_of_the_meeting_and_is_allowed_once(hearing):
    hearing.schedule()
    hearing.sit()
    hearing.vote("rectify", "rectify", "pass", "fail")
    with pytest.raises(ValidationError, match="Write the opinion of the meeting"):
        meetings.meeting_close(hearing.manager, hearing.meeting)
    hearing.meeting.refresh_from_db()
    hearing.check.refresh_from_db()
    assert hearing.meeting.state == MeetingState.IN_SESSION  # nothing changed
    assert hearing.check.state == CheckState.SCHEDULED
    hearing.vote(conclusion="样机测试进度滞后，需补充第三方检测报告")
    check = hearing.close()
    assert check.state == CheckState.RECTIFYING
    assert check.rectify_by == add_months(TODAY, 3)
    assert "第三方检测报告" in check.findings

    checks.rectification_file(hearing.world.company_user, check, "已补充第三方检测报告")
    check.refresh_from_db()
    assert selectors.sitting_of(check) == 2
    second = hearing.schedule(title="验收复审")
    assert hearing.item().sitting == 2
    hearing.sit()
    member = second.members.get(expert=hearing.experts[0])
    with pytest.raises(ValidationError, match="second sitting"):
        meetings.vote_record(hearing.manager, hearing.item(), member, "rectify")
    hearing.vote("fail", "fail", "fail", "pass", conclusion="整改后关键指标仍未达到")
    check = hearing.close()
    assert check.state == CheckState.FAILED
    assert "further tranches are stopped" in tranche_stop_reason(hearing.agreement)


def test_a_conflicted_member_added_to_the_meeting_is_recused_and_cannot_vote(hearing):
    meeting = hearing.schedule()
    insider = ExpertFactory(name="冲突专家", organisation=hearing.world.company)
    meetings.members_set(hearing.manager, meeting, [*hearing.experts, insider])
    recusal = Recusal.objects.get(item=hearing.item(), member__expert=insider)
    assert recusal.source == "detected" and recusal.reasons
    hearing.sit()
    with pytest.raises(ActionRefused, match="recused"):
        meetings.vote_record(
            hearing.manager, hearing.item(), meeting.members.get(expert=insider), "pass"
        )


def test_short_of_its_quorum_the_check_stays_undecided_for_the_officer(hearing):
    hearing.schedule()
    hearing.sit()
    hearing.vote("pass", "pass")  # 2 of 4; 3 needed
    check = hearing.close()
    assert hearing.item().flag == "quorum_not_met"
    assert check.state == CheckState.SCHEDULED
    with pytest.raises(ActionRefused, match="No panel member has submitted"):
        panels.panel_decide(hearing.manager, check, "pass")  # no longer on a meeting


def test_a_check_meeting_hears_several_checks_of_the_call_and_not_selection(client, world, hearing):
    decl = approved_declaration(call=world.decl.call)
    company_user = applicant(decl.organisation)
    agreement = funding_services.agreement_draft(
        world.manager,
        decl,
        funder=OrganisationFactory(),
        instrument="grant",
        total_amount=D("1000000.00"),
        grant_amount=D("1000000.00"),
        start_date=dt.date(2025, 1, 1),
        end_date=TODAY + dt.timedelta(days=100),
        milestones=[],
        tranches=[{"amount": D("1000000.00"), "milestone": None}],
    )
    funding_services.agreement_sign(world.manager, agreement, "funder")
    funding_services.agreement_sign(company_user, agreement, "recipient")
    other = checks.check_schedule(world.manager, agreement, "midterm", TODAY)
    extra = ExpertFactory()
    panels.panel_form(world.manager, other, experts=[*hearing.experts[:2], extra])
    meeting = hearing.schedule()
    assert list(checks_to_hear(meeting)) == [other]
    client.force_login(world.manager)
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert 'id="check-add"' in page and agreement.reference in page
    check_meetings.check_agenda_add(world.manager, meeting, other)
    assert meeting.members.count() == 5  # the second panel's new member joins
    assert [i.check_hearing.check_record for i in meeting.items.all()] == [hearing.check, other]
    with pytest.raises(ActionRefused, match="check meeting's agenda holds checks"):
        meetings.agenda_set(world.manager, meeting, [world.decl])
    hearing.sit()
    hearing.vote("pass", "pass", "pass", "pass")
    meetings.meeting_close(world.manager, meeting)
    assert meeting_outcomes(world.decl.call) == {}  # a check is not a selection outcome


def test_the_pages_schedule_the_meeting_and_offer_the_check_votes(client, hearing):
    client.force_login(hearing.manager)
    panel_page = reverse("portfolio:check_panel", args=[hearing.check.pk])
    page = client.get(panel_page).content.decode()
    assert 'id="check-meeting"' in page
    starts = timezone.localtime(WHEN["starts_at"]).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("portfolio:check_meeting", args=[hearing.check.pk]),
        {"starts_at": starts, "place": "宝山区科委三楼会议室"},
    )
    meeting = hearing.check.hearings.get().agenda_item.meeting
    assert response.status_code == 302 and response.url == reverse(
        "meetings:meeting", args=[meeting.pk]
    )
    page = client.get(response.url).content.decode()
    assert 'data-purpose="check"' in page and f'data-check="{hearing.check.pk}"' in page
    assert 'id="check-add"' not in page  # no other check of the call waits for a meeting
    assert 'id="heard-at"' in client.get(panel_page).content.decode()
    hearing.meeting = meeting
    hearing.sit()
    item_page = client.get(reverse("meetings:meeting_item", args=[meeting.pk, hearing.item().pk]))
    text = item_page.content.decode()
    assert 'value="rectify"' in text and 'value="approve"' not in text


def test_the_api_schedules_the_meeting_and_reports_it_on_the_check(client, hearing):
    client.force_login(hearing.manager)
    url = f"/api/portfolio/check-panels/{hearing.check.pk}/meeting/"
    refused = client.post(url, {"place": "三楼"}, content_type="application/json")
    assert refused.status_code == 400 and "starts_at" in refused.json()["errors"]
    created = client.post(
        url,
        {"starts_at": WHEN["starts_at"].isoformat(), "place": "三楼"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["purpose"] == "check"
    assert body["items"][0]["check"] == hearing.check.pk and body["items"][0]["sitting"] == 1
    check = client.get(f"/api/portfolio/check-panels/{hearing.check.pk}/").json()
    assert check["meetings"][0]["meeting"] == body["id"]
    hearing.meeting = hearing.check.hearings.get().agenda_item.meeting
    hearing.sit()
    vote = client.post(
        f"/api/meetings/{body['id']}/items/{body['items'][0]['id']}/votes/",
        {"expert": hearing.experts[0].pk, "choice": "approve"},
        content_type="application/json",
    )
    assert vote.status_code == 400


def test_the_minutes_of_a_check_meeting_speak_of_acceptance(client, hearing):
    require_pdf()
    hearing.schedule(title="第一批项目验收评审会")
    hearing.sit()
    hearing.vote("pass", "pass", "rectify", "pass", conclusion="同意通过验收")
    hearing.close()
    client.force_login(hearing.manager)
    response = client.get(reverse("documents:minutes_pdf", args=[hearing.meeting.pk]))
    text = pdf_text(response.content)
    for phrase in (
        "第一批项目验收评审会会议纪要",
        "验收",
        "通过3票，整改后通过1票，不通过0票",
        "表决结果：通过",
        "专家组意见：同意通过验收",
        hearing.agreement.reference,
    ):
        assert phrase in text, phrase
