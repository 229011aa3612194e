"""End to end in a real headless Chromium: post-investment care as its users walk it.

The investment manager records a five-dimension assessment of a followed project; the
project page draws the radar and names the weak link, which the manager turns into a
service-plan item owned by a mentor. The mentor sees only the projects they serve, logs
a service against the item and marks it done. The company, on a phone, is refused a
report for a quarter that has not begun, then files last quarter's report, whose runway
of four months raises an alert the manager finds on the desk and the project page.
Last, the manager follows a shortlisted candidate from the pool and invites it into a
later open call."""

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from wusong.calls import services as call_services
from wusong.calls.states import State
from wusong.factories import (
    PDF_BYTES,
    CallFactory,
    DeclarationFactory,
    OrganisationFactory,
    UserFactory,
    approved_declaration,
    leader,
)
from wusong.kernels import periods
from wusong.portfolio import services
from wusong.portfolio.models import (
    Alert,
    Assessment,
    CandidateInvitation,
    CompanyReport,
    Indicator,
    PlanItem,
    Project,
    ServiceLog,
)
from wusong.registry.roles import Role
from wusong.testing.browser import log_in, log_out, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# The form's fieldsets come in this order; a 1–5 point maps to 0–100 as (v - 1) × 25.
DIMENSIONS = ("business", "team", "compliance", "marketing", "capital")
POINTS = {"business": "4", "team": "4", "compliance": "2", "marketing": "5", "capital": "4"}


@pytest.fixture
def indicators(db):
    """The default indicators come from a data migration, which a transactional test
    run earlier in the session may have flushed away: load them again if so."""
    if not Indicator.objects.exists():
        migration = importlib.import_module("wusong.portfolio.migrations.0002_default_indicators")
        migration.load(apps, None)
    assert Indicator.objects.filter(active=True).values("dimension").distinct().count() == 5


@pytest.fixture
def phone(browser, request, settings):
    """A phone-sized page (390×844, touch), kept on failure like the desktop page."""
    context = browser.new_context(
        locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        out = settings.VAR_DIR / "test-results"
        out.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(out / f"{request.node.name}-phone.png"), full_page=True)
        (out / f"{request.node.name}-phone.html").write_text(pg.content(), encoding="utf-8")
    context.close()


def shortlisted(call, staff):
    """A declaration of `call` taken through the real workflow to the candidate pool."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    decl = DeclarationFactory(call=call, title="手术机器人精密减速器")
    call_services.attachment_add(
        decl.created_by, decl, "business_plan", SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    call_services.declaration_submit(decl.created_by, decl)
    call_services.formal_review_decide(staff, decl, "pass")
    call_services.selection_record(leader(), decl, "candidate", "名额所限，列入候选")
    decl.refresh_from_db()
    assert decl.state == State.CANDIDATE
    return decl


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def duplicate_ids(page) -> list[str]:
    """Ids used more than once: a label then points at another form's input."""
    return page.evaluate(
        "(() => { const seen = new Set(), twice = new Set();"
        " for (const el of document.querySelectorAll('[id]'))"
        " (seen.has(el.id) ? twice : seen).add(el.id); return [...twice]; })()"
    )


def test_care_from_assessment_to_service_reports_alerts_and_candidates(
    live_server, page, phone, indicators
):
    base = live_server.url
    today = timezone.localdate()
    decl = approved_declaration(
        title="水系电池储能材料产业化",
        organisation=OrganisationFactory(name="上海水系储能科技有限公司"),
    )
    programme = decl.call.programme
    manager = programme.officers.first()
    company_user = decl.created_by  # an applicant of the declaration's organisation
    # No page follows an approved project yet: the office's service does it.
    project = services.project_follow(manager, decl, reporting_from=dt.date(today.year - 1, 1, 1))
    mentor = UserFactory(username="mentor", display_name="王导师", roles=[Role.MENTOR])
    elsewhere = approved_declaration()
    not_served = services.project_follow(elsewhere.call.programme.officers.first(), elsewhere)
    candidate = shortlisted(CallFactory(programme=programme, name="先投后股第一批"), manager)
    later = CallFactory(programme=programme, code="batch-two", name="先投后股第二批")
    project_url = base + reverse("portfolio:project", args=[project.pk])

    # 1. The manager records a five-dimension assessment through the form; the project
    #    page draws the radar and names compliance (25 < 60) the weak link.
    log_in(page, base, manager.username)
    page.click("header a[href='/portfolio/']")
    page.wait_for_url(re.compile(r"/portfolio/$"))
    assert page.locator("#portfolio tbody tr").count() == 1
    page.click(f"#portfolio a[href='{reverse('portfolio:project', args=[project.pk])}']")
    page.wait_for_url(project_url)
    assert page.is_visible("#profile .empty")  # not assessed yet
    page.click(f"a[href='{reverse('portfolio:assess', args=[project.pk])}']")
    page.wait_for_url(re.compile(r"/assess/$"))
    assert page.input_value("#id_assessed_on") == today.isoformat()  # today, ready
    for code, fieldset in zip(DIMENSIONS, page.locator("form fieldset").all(), strict=True):
        for select in fieldset.locator("select").all():
            select.select_option(POINTS[code])
    page.fill("#id_summary", "合规台账不全，股权结构待梳理。")
    submit(page, "button[type=submit].primary")
    assert page.url == project_url
    assessment = Assessment.objects.get(project=project)
    assert assessment.kind == Assessment.Kind.MANAGER
    assert assessment.compliance == 25
    assert page.locator("#profile svg.chart.radar").count() == 1
    weak = page.locator("#dimensions tr.weak")
    assert weak.count() == 1
    assert "合规" in weak.inner_text() and "薄弱" in weak.inner_text()
    assert "25" in weak.locator("td.num").first.inner_text()
    assert "合规" in page.inner_text("#profile .kpis")

    # 2. The manager turns the weak link into a plan item owned by the mentor.
    assert duplicate_ids(page) == []
    assert "合规" in page.inner_text("#plan")  # "Weak links found: 合规 25 → …"
    default_due = today + dt.timedelta(days=90)
    assert page.input_value("#id_plan_from_due") == default_due.isoformat()
    assert page.input_value("#id_plan_due") == default_due.isoformat()
    due = today + dt.timedelta(days=30)
    page.select_option("#id_plan_dimension", "compliance")
    page.select_option("#id_plan_kind", PlanItem.Kind.COMPLIANCE_COACHING)
    page.fill("#id_plan_title", "梳理股权结构与合规台账")
    page.select_option("#id_plan_owner", f"u{mentor.pk}")
    page.fill("#id_plan_due", due.isoformat())
    add = f"form[action='{reverse('portfolio:plan_add', args=[project.pk])}']"
    submit(page, f"{add} button[type=submit]")
    item = PlanItem.objects.get(project=project)
    assert item.owner_user == mentor and item.source == assessment
    row = page.locator("#plan tbody tr", has_text="梳理股权结构与合规台账")
    assert "王导师" in row.inner_text() and due.isoformat() in row.inner_text()
    assert row.locator(".state-open").count() == 1
    assert "王导师" in page.inner_text("#servers")  # the owner now serves the project
    log_out(page)

    # 3. The mentor sees only the projects they serve, logs a service, completes the item.
    log_in(page, base, "mentor")
    page.goto(base + reverse("portfolio:desk"))
    assert page.locator("#served li").count() == 1
    assert decl.title in page.inner_text("#served")
    assert "梳理股权结构与合规台账" in page.inner_text("#my-items")
    response = page.goto(base + reverse("portfolio:project", args=[not_served.pk]))
    assert response.status == 404
    page.goto(base + reverse("portfolio:desk"))
    page.click(f"#served a[href='{reverse('portfolio:project', args=[project.pk])}']")
    page.wait_for_url(project_url)
    assert page.locator("#reports").count() == 0  # the company's figures are not theirs
    page.select_option("#id_log_kind", ServiceLog.Kind.COMPLIANCE)
    assert page.input_value("#id_log_on") == today.isoformat()
    page.fill("#id_log_hours", "3.5")
    page.fill("#id_log_outcome", "完成股权结构梳理，列出三项整改事项。")
    page.select_option("#id_log_plan_item", str(item.pk))
    log = f"form[action='{reverse('portfolio:service_log', args=[project.pk])}']"
    submit(page, f"{log} button[type=submit]")
    entry = ServiceLog.objects.get(project=project)
    assert entry.plan_item == item and entry.logged_by == mentor
    assert "完成股权结构梳理" in page.inner_text("#services .timeline")
    assert "3.5" in page.inner_text("#profile .kpis")  # service hours
    done = (
        f"form[action='{reverse('portfolio:plan_action', args=[project.pk, item.pk, 'complete'])}']"
    )
    page.fill(f"{done} input[name=text]", "整改事项已落实，合规台账建立。")
    submit(page, f"{done} button[type=submit]")
    item.refresh_from_db()
    assert item.state == "done"
    row = page.locator("#plan tbody tr", has_text="梳理股权结构与合规台账")
    assert row.locator(".state-done").count() == 1
    assert "合规台账建立" in row.inner_text()
    log_out(page)

    # 4. The company, on a phone: a future quarter offers no form, only when it can be
    #    filed; last quarter's report with four months of runway raises an alert.
    log_in(phone, base, company_user.username)
    phone.goto(base + reverse("portfolio:desk"))
    assert decl.title in phone.inner_text("#own")
    year, quarter = periods.period_of(today)
    ahead = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    phone.goto(base + reverse("portfolio:report", args=[project.pk, *ahead]))
    notice = phone.inner_text("#period-not-ended")  # no form to fill in for nothing
    assert f"{ahead[0]} Q{ahead[1]}" in notice and "尚未开始" in notice
    assert phone.locator("input[name=revenue_wan]").count() == 0
    figures = {
        "revenue_wan": "120",
        "rd_spend_wan": "80",
        "headcount": "25",
        "patents_filed": "3",
        "patents_granted": "1",
        "financing_raised_wan": "0",
        "cash_balance_wan": "200",
        "monthly_burn_wan": "50",
    }

    phone.goto(base + reverse("portfolio:desk"))
    phone.click(f"#own a[href='{reverse('portfolio:report_new', args=[project.pk])}']")
    last = periods.previous_period(year, quarter)
    phone.wait_for_url(re.compile(rf"/reports/{last[0]}/{last[1]}/$"))
    assert fits_the_screen(phone)
    for name, value in figures.items():
        phone.fill(f"input[name={name}]", value)
    phone.select_option("select[name=task_kind]", "prototype")
    phone.fill("input[name=task_percent]", "60")
    phone.fill("input[name=task_note]", "样机完成第三方测试")
    submit(phone, "button[name=submit]")
    assert phone.url == project_url + "#reports"
    report = CompanyReport.objects.get(project=project)
    assert (report.year, report.period, report.state) == (*last, "submitted")
    row = phone.locator("#reports tbody tr", has_text=report.label)
    assert row.locator(".state-submitted").count() == 1
    # 200 万元 in cash at 50 万元 a month: four months of runway, under the six expected
    assert report.runway_months == 4
    runway = row.locator("td.num").nth(5)  # revenue, R&D, headcount, patents, financing
    assert runway.inner_text().split() == ["4", "偏短"]  # under the six months expected
    alert = Alert.objects.get(project=project)
    assert alert.kind == Alert.Kind.RUNWAY

    # ... which the manager finds on the desk and on the project page.
    log_in(page, base, manager.username)
    page.goto(base + reverse("portfolio:desk"))
    alerts = page.inner_text("#alerts")
    assert decl.reference in alerts and "现金可支撑不足六个月" in alerts
    assert f"现金可支撑 {report.runway_months} 个月" in alerts
    assert report.label in page.inner_text("#to-accept")
    page.goto(project_url)
    shown = page.locator("main > ul.messages li.msg-error", has_text="现金可支撑不足六个月")
    assert shown.count() == 1 and report.label in shown.inner_text()

    # 5. The manager follows the shortlisted candidate and invites it into a later call.
    page.click("header a[href='/portfolio/candidates/']")
    page.wait_for_url(re.compile(r"/portfolio/candidates/$"))
    submit(page, f"form[action='{reverse('portfolio:follow', args=[candidate.pk])}'] button")
    followed = Project.objects.get(declaration=candidate)
    assert followed.kind == Project.Kind.CANDIDATE and followed.manager == manager
    assert "您已开始跟踪" in page.inner_text(".messages")
    invite = f"form[action='{reverse('portfolio:invite', args=[followed.pk])}']"
    page.select_option(f"{invite} select[name=call]", str(later.pk))
    submit(page, f"{invite} button[name=invite]")
    invitation = CandidateInvitation.objects.get(project=followed)
    assert invitation.call == later and invitation.declaration.state == State.DRAFT
    assert invitation.declaration.title == candidate.title
    assert invitation.declaration.reference in page.inner_text(".messages")
    row = page.locator("tbody tr", has_text=candidate.title)
    assert "先投后股第二批" in row.inner_text()
