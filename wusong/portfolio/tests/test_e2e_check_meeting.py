"""End to end in a real headless Chromium: a project's final acceptance (验收) heard by an
expert panel sitting as a review meeting. The officer forms the panel on the check's
page, a member scores on their sheet, the officer schedules the meeting from the panel,
records attendance and the votes, and closes it: the check goes to rectification with the
meeting's opinion as its findings. The company files its rectification from the project
page on a phone; a second meeting, where rectification is no longer on offer, passes the
check, and the minutes are a PDF."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from wusong.experts.tests.factories import ExpertFactory
from wusong.meetings.models import Meeting
from wusong.meetings.workflow import MeetingState
from wusong.portfolio.services import checks
from wusong.portfolio.workflow import CheckState
from wusong.testing.browser import log_in, log_out, submit

from .conftest import World, signed_agreement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCORES = {
    "task_completion": "7",
    "technical_indicators": "6",
    "use_of_funds": "9",
    "commercial_progress": "6",
    "team": "8",
}


def hold_meeting(page, base, check, vote, conclusion):
    """From the check's panel page: schedule the meeting, sit, vote, close."""
    page.goto(f"{base}/portfolio/checks/{check.pk}/panel/")
    starts = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#check-meeting [name=starts_at]", starts)
    page.fill("#check-meeting [name=place]", "宝山区科委三楼会议室")
    submit(page, "#check-meeting button[type=submit]")
    page.wait_for_url(re.compile(r"/notices/meetings/\d+/$"))
    assert page.get_attribute("[data-purpose]", "data-purpose") == "check"
    meeting = Meeting.objects.filter(items__check_hearing__check_record=check).latest("pk")
    for m in meeting.members.all():
        page.select_option(f"#attendance select[name=m_{m.pk}]", "1")
    submit(page, "#attendance button[type=submit]")
    submit(page, "button[name=open]")
    item = meeting.items.get()
    page.goto(f"{base}/notices/meetings/{meeting.pk}/items/{item.pk}/")
    options = page.locator("#item-form select[name^='v_']").first.locator("option")
    offered = [options.nth(i).get_attribute("value") for i in range(options.count())]
    for select in page.locator("#item-form select[name^='v_']").all():
        select.select_option(vote)
    page.fill("#id_notes", "专家组听取了项目汇报，审阅了验收材料。")
    page.fill("#id_conclusion", conclusion)
    submit(page, "#item-form button[type=submit]")
    page.goto(f"{base}/notices/meetings/{meeting.pk}/")
    submit(page, "button[name=close]")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED
    return meeting, offered


def test_an_acceptance_heard_at_a_meeting_through_a_rectification(live_server, page, browser):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    world = World()
    agreement = signed_agreement(world)
    check = checks.check_schedule(
        world.manager, agreement, "acceptance", timezone.localdate() + dt.timedelta(days=7)
    )
    experts = [ExpertFactory(name=name) for name in ("李明", "王芳", "赵强", "陈静")]

    # 1. The officer forms the panel from the check's page on the project.
    log_in(page, base, world.manager.username)
    page.goto(f"{base}/portfolio/projects/{world.project.pk}/#checks")
    page.click(f"a[href$='/portfolio/checks/{check.pk}/panel/']")
    page.wait_for_url(re.compile(r"/panel/$"))
    for expert in experts:
        page.check(f"input[name=experts][value='{expert.pk}']")
    submit(page, "form.form:has(input[name=method][value=chosen]) button[type=submit]")
    assert "李明" in page.inner_text("#panel")
    log_out(page)

    # 2. A member scores on their own sheet.
    log_in(page, base, experts[0].user.username)
    page.goto(f"{base}/portfolio/panels/")
    page.click(f"a[href$='/portfolio/checks/{check.pk}/panel/']")
    page.wait_for_url(re.compile(r"/panel/$"))
    for code, value in SCORES.items():
        page.fill(f"#score_{code}", value)
    page.select_option("select[name=recommendation]", "rectify")
    submit(page, "button[name=action][value=submit]")
    assert "71.00" in page.inner_text("#sheet")  # the weighted total, 0–100
    log_out(page)

    # 3. The panel sits as a meeting and sends the project to rectification.
    log_in(page, base, world.manager.username)
    page.goto(f"{base}/portfolio/checks/{check.pk}/panel/")
    assert "71.00" in page.inner_text("#panel")  # the panel mean so far
    first, offered = hold_meeting(page, base, check, "rectify", "第三方检测报告缺失，限期补充")
    assert offered == ["", "pass", "rectify", "fail"]
    check.refresh_from_db()
    assert check.state == CheckState.RECTIFYING and "第三方检测报告" in check.findings
    page.goto(f"{base}/portfolio/checks/{check.pk}/panel/")
    assert first.title in page.inner_text("#hearings")
    log_out(page)

    # 4. The company files its rectification on a phone.
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    mobile = phone.new_page()
    log_in(mobile, base, world.company_user.username)
    mobile.goto(f"{base}/portfolio/projects/{world.project.pk}/#checks")
    assert "第三方检测报告缺失" in mobile.inner_text("#checks")
    mobile.fill("input[name=rectification]", "已补充国家级检测机构出具的第三方检测报告")
    submit(mobile, "form[action$='/rectification/'] button[type=submit]")
    phone.close()
    check.refresh_from_db()
    assert check.state == CheckState.RECTIFIED

    # 5. The second sitting offers only pass or fail, and passes the check.
    log_in(page, base, world.manager.username)
    second, offered = hold_meeting(page, base, check, "pass", "整改到位，同意通过验收")
    assert offered == ["", "pass", "fail"]
    check.refresh_from_db()
    assert check.state == CheckState.PASSED_AFTER_RECTIFICATION
    page.goto(f"{base}/notices/meetings/{second.pk}/")
    minutes = page.request.get(base + page.get_attribute("#minutes-link", "href"))
    assert minutes.ok and minutes.headers["content-type"] == "application/pdf"
