"""End to end in a real headless Chromium: from three declarations that passed formal
review to an approved public notice. The officer sets up a review round, computes and
publishes the assignment; an expert accepts the commitment, confirms no conflict, scores
and submits; the officer reads the ranking, holds a review meeting with a panel and an
agenda, drafts and publishes the public notice with amounts; once the period is over
(a test-only shift of the notice's clock) the leader approves; the applicant reads the
message in the portal and downloads the approval certificate."""

import datetime as dt
import re
import types

import pytest
from django.core import mail
from django.utils import timezone

from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.experts import progress
from wusong.experts.models import Assignment, ReviewRound
from wusong.experts.tests.factories import ExpertFactory, passed_declaration, round_for
from wusong.factories import CallFactory, OrganisationFactory, UserFactory, leader, officer
from wusong.meetings.models import Meeting
from wusong.meetings.workflow import MeetingState
from wusong.notices import models as notice_models
from wusong.notices.models import PublicNotice
from wusong.notices.workflow import NoticeState
from wusong.registry.roles import Role
from wusong.testing.browser import log_in, log_out, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TITLES = ["水系电池储能材料产业化", "先进封装声光辅助键合装备", "手术机器人精密减速器"]


def shift_notice_clock(monkeypatch, days):
    """The notices' clock (only theirs) runs `days` ahead: the period is over without
    touching the notice's dates or state."""
    real = timezone

    def now():
        return real.now() + dt.timedelta(days=days)

    clock = types.SimpleNamespace(
        now=now, make_aware=real.make_aware, localdate=lambda v=None: real.localdate(v or now())
    )
    monkeypatch.setattr(notice_models, "timezone", clock)


def test_from_passed_declarations_to_an_approved_notice(
    live_server,
    page,
    monkeypatch,
    settings,
):
    base = live_server.url
    settings.WUSONG_NOTIFY_EMAIL = True
    page.on("dialog", lambda dialog: dialog.accept())
    call = CallFactory(name="先投后股第一批", name_en="Investment first, batch one")
    staff = officer(call.programme, username="officer")
    boss = leader(username="leader")
    org = OrganisationFactory(name="上海水系储能科技有限公司")
    UserFactory(
        username="applicant", organisation=org, roles=[Role.APPLICANT], email="ceo@example.cn"
    )
    decls = [
        passed_declaration(call, organisation=org if i == 0 else None, staff=staff, title=t)
        for i, t in enumerate(TITLES)
    ]
    experts = [
        ExpertFactory(name=name, user=UserFactory(username=f"expert{i}", roles=[Role.EXPERT]))
        for i, name in enumerate(["李明", "赵强", "陈芳"])
    ]

    # 1. The officer sets up a round (one expert per declaration), computes, publishes.
    log_in(page, base, "officer")
    page.goto(f"{base}/experts/rounds/new/{call.code}/")
    page.fill("#id_name", "第一批专家评审")
    page.fill("#id_reviewers_per_declaration", "1")
    page.fill("#id_load_limit", "3")
    page.fill("#id_min_affinity", "0")
    deadline = timezone.localtime() + dt.timedelta(days=7)
    page.fill("#id_deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    submit(page, "form.form button[type=submit].primary")
    page.wait_for_url(re.compile(r"/experts/rounds/\d+/$"))
    review_round = ReviewRound.objects.get(call=call)
    submit(page, "button[name=solve]")
    assert "3 / 3" in page.inner_text("#result")
    assert page.locator("#compute-stages li").count() > 0
    submit(page, "button[name=publish]")
    review_round.refresh_from_db()
    assert review_round.state == "published"
    # Whoever was given the first assignment scores all of theirs.
    scorer = Assignment.objects.filter(round=review_round).first().expert
    log_out(page)

    # 2. The expert accepts the commitment, confirms no conflict, scores and submits.
    log_in(page, base, scorer.user.username)
    page.goto(f"{base}/experts/desk/")
    submit(page, "button[name=accept]")
    mine = list(Assignment.objects.filter(round=review_round, expert=scorer))
    assert mine
    for a in mine:
        page.goto(f"{base}/experts/desk/{a.pk}/")
        submit(page, "button[name=confirm]")
        fields = page.locator("input[name^='c_']")
        for i in range(fields.count()):
            field = fields.nth(i)
            field.fill(field.get_attribute("max") or "8")
        page.fill("#id_comment", "技术路线清晰，团队完整。")
        page.select_option("#id_recommendation", "fund")
        submit(page, "button[name=submit]")
        assert page.locator("input[name^='c_']").count() == 0  # submitted: read only
    log_out(page)

    # 3. The officer reads the ranking and holds a meeting with a panel and an agenda.
    log_in(page, base, "officer")
    page.goto(f"{base}/experts/rounds/{review_round.pk}/ranking/")
    ranking = page.inner_text("main")
    assert any(d.reference in ranking for d in decls)
    page.goto(f"{base}/notices/meetings/calls/{call.code}/new/")
    page.fill("#id_title", "第一批先投后股项目评审会")
    page.fill(
        "#id_starts_at", (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.fill("#id_place", "宝山区科委三楼会议室")
    page.select_option("#id_review_round", str(review_round.pk))
    page.fill("#id_quorum_numerator", "2")
    page.fill("#id_quorum_denominator", "3")
    page.fill("#id_quorum_min_votes", "3")
    for e in experts:
        page.check(f"input[name=experts][value='{e.pk}']")
    for d in decls:
        page.check(f"input[name=declarations][value='{d.pk}']")
    submit(page, "form.form button[type=submit].primary")
    page.wait_for_url(re.compile(r"/notices/meetings/\d+/$"))
    meeting = Meeting.objects.get(call=call)
    members = list(meeting.members.all())
    for m in members:
        page.select_option(f"#attendance select[name=m_{m.pk}]", "1")
    submit(page, "#attendance button[type=submit]")
    submit(page, "button[name=open]")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.IN_SESSION
    for item in meeting.items.all():
        page.goto(f"{base}/notices/meetings/{meeting.pk}/items/{item.pk}/")
        page.fill("#id_notes", "技术成熟度较高，市场前景明确。")
        choice = "approve" if item.declaration_id != decls[2].pk else "candidate"
        for select in page.locator("#item-form select[name^='v_']").all():
            select.select_option(choice)
        page.fill("#id_conclusion", "建议立项" if choice == "approve" else "列入候选")
        submit(page, "#item-form button[type=submit]")
    page.goto(f"{base}/notices/meetings/{meeting.pk}/")
    submit(page, "button[name=close]")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED
    assert meeting.items.filter(outcome="approve").count() == 2
    assert meeting.items.filter(outcome="candidate").count() == 1

    # 4. The officer drafts the public notice with amounts (万元) and publishes it.
    page.goto(f"{base}/notices/office/calls/{call.code}/new/")
    page.fill("#id_title", "2026年度先投后股第一批拟立项项目公示")
    page.fill("#id_period_days", "5")
    page.fill(f"#id_amount_{decls[0].pk}", "300")
    page.fill(f"#id_amount_{decls[1].pk}", "200")
    submit(page, "form.form button[type=submit].primary")
    page.wait_for_url(re.compile(r"/notices/office/\d+/$"))
    notice = PublicNotice.objects.get(call=call)
    submit(page, f"form[action$='/notices/office/{notice.pk}/publish/'] button")
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED
    page.goto(f"{base}/notices/{notice.pk}/")  # the public page, seen without a login
    assert TITLES[0] in page.inner_text("main")
    log_out(page)

    # 5. The period is over (the notices' clock moves on); the leader approves.
    shift_notice_clock(monkeypatch, 30)
    log_in(page, base, "leader")
    page.goto(f"{base}/notices/office/{notice.pk}/")
    submit(page, "button[name=approve]")
    notice.refresh_from_db()
    assert notice.state == NoticeState.APPROVED
    assert notice.approved_by == boss
    approved_mail = [m for m in mail.outbox if m.to == ["ceo@example.cn"]]
    assert len(approved_mail) == 1 and TITLES[0] in approved_mail[0].subject
    log_out(page)

    # 6. The applicant reads the message and downloads the certificate.
    log_in(page, base, "applicant")
    page.goto(f"{base}/portal/")
    messages = page.inner_text("#notifications")
    assert f"“{TITLES[0]}”已立项，支持金额 300" in messages
    decl = Declaration.objects.get(pk=decls[0].pk)
    assert decl.state == State.APPROVED
    page.goto(f"{base}/declarations/{decl.pk}/")
    link = page.locator(f"a[href='/documents/certificates/{decl.pk}.pdf']")
    assert link.count() == 1
    # Chromium shows a PDF inline; fetch it with the page's session instead.
    response = page.request.get(f"{base}{link.get_attribute('href')}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


def test_the_round_page_shows_a_running_compute_and_reloads_when_it_ends(
    live_server,
    page,
):
    """Long runs show progress: the page polls the round's progress while a compute runs
    elsewhere, shows the stage, and reloads once the compute is over."""
    base = live_server.url
    call = CallFactory()
    staff = officer(call.programme, username="officer")
    passed_declaration(call, staff=staff)
    review_round = round_for(call, staff)
    running = progress.ComputeProgress(review_round.pk)
    running("solve", 3, 8)
    log_in(page, base, "officer")
    page.goto(f"{base}/experts/rounds/{review_round.pk}/")
    page.wait_for_function(
        "document.getElementById('compute-stage').textContent.indexOf('3 / 8') >= 0"
    )
    assert page.is_visible("#compute-progress")
    assert page.get_attribute("#compute-bar", "value") == "3"
    with page.expect_navigation():
        running.finish()
    page.wait_for_load_state("networkidle")
    assert page.is_hidden("#compute-progress")
