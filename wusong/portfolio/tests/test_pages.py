"""The pages as a manager, a company, a mentor and a stranger use them (Chinese by
default, which the requests get from the middleware)."""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal as D

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wusong.factories import applicant, leader
from wusong.kernels import periods
from wusong.portfolio import services
from wusong.portfolio.models import Assessment, CompanyReport, PlanItem
from wusong.portfolio.services import care

from .conftest import STRONG, all_scores, candidate_declaration

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
LAST_Q = periods.previous_period(*periods.period_of(TODAY))


def test_manager_desk_and_project_page_with_radar(client, world):
    world.assess(
        {"business": 3, "team": 3, "compliance": 1, "marketing": 3, "capital": 3},
        on=TODAY - dt.timedelta(days=90),
    )
    world.assess({"business": 4, "team": 3, "compliance": 3, "marketing": 3, "capital": 3})
    care.plan_item_create(
        world.manager,
        world.project,
        dimension="compliance",
        kind="compliance_coaching",
        due=TODAY + dt.timedelta(days=1),
        owner_user=world.mentor,
    )
    client.force_login(world.manager)
    desk = client.get(reverse("portfolio:desk"))
    assert desk.status_code == 200
    html = desk.content.decode()
    assert world.decl.title in html and "<svg" in html
    page = client.get(reverse("portfolio:project", args=[world.project.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="chart radar"' in html and html.count('class="series') == 2
    assert 'class="chart history"' in html
    assert "合规" in html  # Chinese first


def test_manager_records_an_assessment_in_the_form_and_off_scale_is_shown_as_an_error(
    client, world
):
    client.force_login(world.manager)
    url = reverse("portfolio:assess", args=[world.project.pk])
    assert client.get(url).status_code == 200
    data = {f"i_{k}": v for k, v in all_scores(STRONG).items()} | {"assessed_on": TODAY.isoformat()}
    response = client.post(url, data | {"i_ip-ownership": "9"})
    assert response.status_code == 200 and not Assessment.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    assert Assessment.objects.get().kind == "manager"


def test_company_files_a_report_in_the_form(client, world):
    client.force_login(world.company_user)
    new = client.get(reverse("portfolio:report_new", args=[world.project.pk]))
    assert new.status_code == 302
    url = reverse("portfolio:report", args=[world.project.pk, *LAST_Q])
    assert new["Location"].endswith(url)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "revenue_wan": "120",
            "rd_spend_wan": "80",
            "headcount": "25",
            "patents_filed": "3",
            "patents_granted": "1",
            "financing_raised_wan": "0",
            "cash_balance_wan": "200",
            "monthly_burn_wan": "50",
            "task_kind": "prototype",
            "task_percent": "70",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report = CompanyReport.objects.get()
    assert report.state == "submitted" and report.revenue == D("1200000.00")
    assert report.alerts.get().kind == "runway"
    future = reverse("portfolio:report", args=[world.project.pk, TODAY.year + 1, 1])
    shown = client.get(future).content.decode()
    assert 'id="period-not-ended"' in shown and 'name="revenue_wan"' not in shown
    response = client.post(
        future, {"revenue_wan": "1", "rd_spend_wan": "1", "headcount": "1", "submit": "1"}
    )
    assert response.status_code == 200 and CompanyReport.objects.count() == 1
    assert 'id="period-not-ended"' in response.content.decode()
    no_such = reverse("portfolio:report", args=[world.project.pk, TODAY.year - 1, 5])
    assert client.get(no_such).status_code == 404


def test_a_stranger_company_and_an_unassigned_mentor_get_not_found(client, world):
    for user in (applicant(), world.mentor):
        client.force_login(user)
        assert client.get(reverse("portfolio:project", args=[world.project.pk])).status_code == 404
        assert (
            client.get(reverse("portfolio:report", args=[world.project.pk, *LAST_Q])).status_code
            == 404
        )
    care.server_assign(world.manager, world.project, person=world.mentor)
    client.force_login(world.mentor)
    assert client.get(reverse("portfolio:project", args=[world.project.pk])).status_code == 200
    assert client.get(reverse("portfolio:assess", args=[world.project.pk])).status_code == 404
    response = client.post(
        reverse("portfolio:service_log", args=[world.project.pk]),
        {"kind": "mentoring", "on": TODAY.isoformat(), "hours": "2", "outcome": "路演辅导"},
    )
    assert response.status_code == 302 and world.project.service_logs.count() == 1


def test_plan_from_the_latest_assessment_on_the_page(client, world):
    world.assess({"business": 4, "team": 4, "compliance": 2, "marketing": 4, "capital": 2})
    client.force_login(world.manager)
    response = client.post(
        reverse("portfolio:plan_from", args=[world.project.pk]),
        {"due": (TODAY + dt.timedelta(days=60)).isoformat(), "capital_investors": "宝山产业基金"},
    )
    assert response.status_code == 302
    assert set(PlanItem.objects.values_list("dimension", flat=True)) == {"compliance", "capital"}
    [done] = get_messages(response.wsgi_request)  # says how many items the plan got
    assert done.level_tag == "success" and "2" in done.message


def test_date_pickers_show_their_dates_in_chinese_and_the_forms_ids_are_distinct(client, world):
    """A date picker drops a value that is not ISO (the Chinese format is 2026/03/05), so
    the pages give ISO dates; the project page's five forms do not share an id."""
    world.assess(STRONG)
    today = timezone.localdate()
    client.force_login(world.manager)
    assess = client.get(reverse("portfolio:assess", args=[world.project.pk])).content.decode()
    assert re.findall(r'<input type="date"[^>]*value="([^"]*)"', assess) == [today.isoformat()]
    html = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    dates = re.findall(r'<input type="date" name="(\w+)" value="([^"]*)"', html)
    in_90_days = (today + dt.timedelta(days=90)).isoformat()
    # the two plan forms' due dates, the service log's and the follow-up's dates
    assert sorted(dates) == [("due", in_90_days)] * 2 + [("on", today.isoformat())] * 2
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for field in ("id_plan_due", "id_plan_from_due", "id_log_on", "id_follow_up_on"):
        assert f'for="{field}"' in html and f'id="{field}"' in html


def test_only_those_who_work_on_a_plan_item_are_offered_its_buttons(client, world):
    item = care.plan_item_create(
        world.manager,
        world.project,
        dimension="compliance",
        kind="compliance_coaching",
        due=timezone.localdate() + dt.timedelta(days=30),
        owner_user=world.mentor,
    )
    url = reverse("portfolio:project", args=[world.project.pk])
    complete = reverse("portfolio:plan_action", args=[world.project.pk, item.pk, "complete"])
    client.force_login(world.company_user)
    html = client.get(url).content.decode()
    assert item.title in html and complete not in html
    for user in (world.mentor, world.manager):
        client.force_login(user)
        assert complete in client.get(url).content.decode()


def test_candidate_pool_follow_and_invite(client, db):
    from wusong.factories import CallFactory

    decl, staff = candidate_declaration()
    later = CallFactory(programme=decl.call.programme)
    client.force_login(staff)
    assert decl.title in client.get(reverse("portfolio:pool")).content.decode()
    client.post(reverse("portfolio:follow", args=[decl.pk]))
    project = decl.portfolio_project
    response = client.post(reverse("portfolio:invite", args=[project.pk]), {"call": later.pk})
    assert response.status_code == 302
    assert project.invitations.get().declaration.call == later
    client.post(
        reverse("portfolio:contact_add", args=[project.pk]), {"name": "李华", "role": "CEO"}
    )
    client.post(
        reverse("portfolio:follow_up", args=[project.pk]),
        {"kind": "call", "on": dt.date.today().isoformat(), "note": "电话回访"},
    )
    client.post(
        reverse("portfolio:edit", args=[project.pk]),
        {"profile": "储能材料，团队强", "report_every": "6"},
    )
    project.refresh_from_db()
    assert project.contacts.get().name == "李华" and project.follow_ups.count() == 1
    assert project.report_every == 6 and project.profile == "储能材料，团队强"
    page = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "电话回访" in page and later.name in page
    invited = project.invitations.get().declaration  # a draft: its applicant's until submitted
    assert client.get(reverse("calls:declaration", args=[invited.pk])).status_code == 404
    assert f"{invited.reference} · 草稿" in page  # so no link to a page that is not there
    assert reverse("calls:declaration", args=[invited.pk]) not in page
    company = applicant(decl.organisation)
    client.force_login(company)
    assert client.get(reverse("portfolio:pool")).status_code == 404
    page = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "李华" in page  # its own contact
    assert "电话回访" not in page and later.name not in page  # the office's notes are not its


def test_extension_and_checks_on_the_project_page(client, world):
    from .conftest import signed_agreement

    agreement = signed_agreement(world)
    page = reverse("portfolio:project", args=[world.project.pk])
    client.force_login(world.company_user)
    new_end = (agreement.end_date + dt.timedelta(days=60)).isoformat()
    client.post(
        reverse("portfolio:extension_request", args=[world.project.pk]),
        {"new_end": new_end, "reason": "设备延期"},
    )
    client.post(
        reverse("portfolio:extension_request", args=[world.project.pk]),
        {"new_end": new_end, "reason": "再次"},
    )
    assert agreement.extension_request.state == "requested"
    client.force_login(world.manager)
    client.post(
        reverse("portfolio:extension_decide", args=[world.project.pk]), {"decision": "approve"}
    )
    agreement.refresh_from_db()
    assert agreement.end_date.isoformat() == new_end
    client.post(
        reverse("portfolio:check_schedule", args=[world.project.pk]),
        {"kind": "acceptance", "scheduled_on": TODAY.isoformat()},
    )
    check = agreement.checks.get()
    client.post(
        reverse("portfolio:check_outcome", args=[world.project.pk, check.pk]),
        {"outcome": "fail", "findings": "指标未完成", "consequence": "停止后续拨款"},
    )
    html = client.get(page).content.decode()
    assert "停止后续拨款" in html and 'id="checks"' in html


def test_an_officer_follows_an_approved_project_from_the_desk(client, db):
    from wusong.factories import approved_declaration, officer

    decl = approved_declaration()
    stranger = officer()  # runs another programme
    staff = decl.call.programme.officers.first()
    client.force_login(stranger)
    assert decl.reference not in client.get(reverse("portfolio:desk")).content.decode()
    client.force_login(staff)
    desk = client.get(reverse("portfolio:desk")).content.decode()
    assert 'id="to-follow"' in desk and decl.reference in desk
    response = client.post(reverse("portfolio:follow", args=[decl.pk]), {"open": "1"})
    project = decl.portfolio_project
    assert response.url == reverse("portfolio:project", args=[project.pk])
    assert project.manager == staff and project.kind == "portfolio"
    client.get(response.url)  # where the confirmation is shown
    assert 'id="to-follow"' not in client.get(reverse("portfolio:desk")).content.decode()


def test_the_manager_assigns_a_mentor_who_then_sees_the_project_and_ends_it(client, world):
    page = reverse("portfolio:project", args=[world.project.pk])
    client.force_login(world.mentor)
    assert client.get(page).status_code == 404
    client.force_login(world.manager)
    assert 'id="server-assign"' in client.get(page).content.decode()
    assigned = client.post(
        reverse("portfolio:server_assign", args=[world.project.pk]), {"who": f"u{world.mentor.pk}"}
    )
    [done] = get_messages(assigned.wsgi_request)  # names who now serves
    assert done.level_tag == "success" and str(world.mentor) in done.message
    again = client.post(
        reverse("portfolio:server_assign", args=[world.project.pk]),
        {"who": f"u{world.mentor.pk}"},
        follow=True,
    )
    assert (
        "已在为本项目服务" in again.content.decode() or "already serves" in again.content.decode()
    )
    client.post(
        reverse("portfolio:server_assign", args=[world.project.pk]), {"who": f"o{world.agency.pk}"}
    )
    assert world.project.servers.filter(active=True).count() == 2
    client.force_login(world.mentor)
    assert client.get(page).status_code == 200
    client.force_login(world.company_user)  # the company cannot assign
    client.post(
        reverse("portfolio:server_assign", args=[world.project.pk]), {"who": f"u{world.broker.pk}"}
    )
    assert not world.project.servers.filter(user=world.broker).exists()
    client.force_login(world.manager)
    server = world.project.servers.get(user=world.mentor)
    client.post(reverse("portfolio:server_end", args=[world.project.pk, server.pk]))
    client.force_login(world.mentor)
    assert client.get(page).status_code == 404


def test_the_pool_invites_only_into_open_calls_the_officer_runs(client, db):
    from wusong.factories import CallFactory

    decl, staff = candidate_declaration()
    mine = CallFactory(programme=decl.call.programme)
    theirs = CallFactory()
    client.force_login(staff)
    client.post(reverse("portfolio:follow", args=[decl.pk]))
    page = client.get(reverse("portfolio:pool")).content.decode()
    assert mine.name in page and theirs.name not in page
    assert len(re.findall(r'id="id_follow_up_', page)) == 0  # no repeated ids in the rows
    project = decl.portfolio_project
    client.post(reverse("portfolio:invite", args=[project.pk]), {"call": theirs.pk})
    assert not project.invitations.exists()


def test_the_desk_shows_each_latest_assessment_and_its_queries_do_not_grow(client, world):
    world.assess(
        {"business": 3, "team": 3, "compliance": 1, "marketing": 3, "capital": 3},
        on=TODAY - dt.timedelta(days=90),
    )
    world.assess({"business": 4, "team": 4, "compliance": 4, "marketing": 4, "capital": 2})
    for _ in range(2):
        care.plan_item_create(
            world.manager,
            world.project,
            dimension="capital",
            kind="financing_match",
            due=TODAY + dt.timedelta(days=5),
            owner_user=world.mentor,
            counterparts="浦东科创投资",
        )
    viewer = leader()  # reads every project
    client.force_login(viewer)
    desk = reverse("portfolio:desk")
    with CaptureQueriesContext(connection) as one_project:
        response = client.get(desk)
    row = next(r for r in response.context["rows"] if r["project"] == world.project)
    assert row["current"].weakest == "capital" and row["open_items"] == 2
    html = response.content.decode()
    assert f'<td data-label="最近评估">{TODAY:%Y-%m-%d}</td>' in html

    for _ in range(3):
        project, manager = world.other_project()
        services.assessment_record(manager, project, "manager", all_scores(STRONG))
    with CaptureQueriesContext(connection) as four_projects:
        response = client.get(desk)
    assert len(response.context["rows"]) == 4
    assert len(four_projects) == len(one_project)


def test_a_mentor_sees_no_agreement_link_and_no_follow_ups(client, world):
    from .conftest import signed_agreement

    agreement = signed_agreement(world)
    care.server_assign(world.manager, world.project, person=world.mentor)
    services.follow_up_add(world.manager, world.project, kind="call", note="内部：融资进展缓慢")
    link = reverse("funding:agreement", args=[agreement.pk])
    client.force_login(world.manager)
    page = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    assert f'href="{link}"' in page and "内部：融资进展缓慢" in page
    client.force_login(world.mentor)
    page = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    assert agreement.reference in page and f'href="{link}"' not in page
    assert client.get(link).status_code == 404  # which is why there is no link
    assert "内部：融资进展缓慢" not in page


def test_a_plan_from_an_assessment_with_no_weak_link_names_the_weakest_and_its_owner(client, world):
    world.assess({"business": 5, "team": 5, "compliance": 4, "marketing": 5, "capital": 5})
    client.force_login(world.manager)
    url = reverse("portfolio:project", args=[world.project.pk])
    proposal = re.search(
        r'<p class="muted" id="proposal">(.*?)</p>', client.get(url).content.decode()
    )
    assert proposal and "没有低于" in proposal.group(1) and "合规" in proposal.group(1)
    response = client.post(
        reverse("portfolio:plan_from", args=[world.project.pk]),
        {"due": (TODAY + dt.timedelta(days=60)).isoformat(), "owner": f"u{world.mentor.pk}"},
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(project=world.project)
    assert item.dimension == "compliance" and item.owner_user == world.mentor


def test_the_company_desk_lists_the_reports_it_owes_with_their_due_dates(client, world):
    from wusong.portfolio.selectors.reports import GRACE_DAYS

    client.force_login(world.company_user)
    html = client.get(reverse("portfolio:desk")).content.decode()
    _start, end = periods.period_bounds(*LAST_Q)
    due = end + dt.timedelta(days=GRACE_DAYS)
    link = reverse("portfolio:report", args=[world.project.pk, *LAST_Q])
    assert f'href="{link}"' in html and f"截止 {due:%Y-%m-%d}" in html
    owed = re.findall(r"<li><a href=\"[^\"]+/reports/\d+/\d+/\">", html)
    assert len(owed) == len(periods.ended_periods(dt.date(2025, 1, 1), TODAY))  # none filed
    assert html.count("已逾期") == len(owed) - (due >= TODAY)


def test_a_refused_service_log_comes_back_as_typed_with_the_error_at_its_field(client, world):
    from wusong.portfolio.models import ServiceLog

    care.server_assign(world.manager, world.project, person=world.mentor)
    client.force_login(world.mentor)
    url = reverse("portfolio:service_log", args=[world.project.pk])
    typed = {
        "kind": "market",
        "on": TODAY.isoformat(),
        "hours": "0",
        "outcome": "对接三家渠道商",
    }
    response = client.post(url, typed)
    assert response.status_code == 200  # the page, not a redirect to its top
    html = response.content.decode()
    hours = re.search(
        r'<div class="field has-error">\s*<label for="id_log_hours">.*?</div>', html, re.S
    )
    assert hours and 'class="error"' in hours.group(0) and "autofocus" in hours.group(0)
    assert "对接三家渠道商" in html and 'value="0"' in hours.group(0)
    assert not ServiceLog.objects.exists()
    assert client.post(url, typed | {"hours": "3"}).status_code == 302
    assert ServiceLog.objects.get().hours == D("3")


def test_a_refused_plan_item_comes_back_as_typed_with_the_error_at_its_field(client, world):
    world.assess(STRONG)
    client.force_login(world.manager)
    url = reverse("portfolio:plan_add", args=[world.project.pk])
    typed = {
        "dimension": "capital",
        "kind": "financing_match",  # names whom the company is to meet: none given
        "title": "对接B轮投资机构",
        "counterparts": "",
        "owner": f"u{world.mentor.pk}",
        "due": (TODAY + dt.timedelta(days=30)).isoformat(),
    }
    response = client.post(url, typed)
    assert response.status_code == 200
    html = response.content.decode()
    field = re.search(
        r'<div class="field has-error">\s*<label for="id_plan_counterparts">.*?</div>', html, re.S
    )
    assert field and 'class="error"' in field.group(0)
    assert 'value="对接B轮投资机构"' in html
    assert not PlanItem.objects.exists()


def test_each_rating_shows_with_its_date_and_comment_and_none_is_preset(client, world):
    server = care.server_assign(world.manager, world.project, person=world.mentor)
    client.force_login(world.manager)
    url = reverse("portfolio:rate", args=[world.project.pk, server.pk])
    assert client.post(url, {"stars": "", "comment": "未选星级"}).status_code == 302
    assert not server.ratings.exists()  # no stars chosen, nothing recorded
    client.post(url, {"stars": "4", "comment": "辅导及时"})
    client.post(url, {"stars": "5", "comment": "促成渠道合作"})
    html = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    shown = re.search(r'<span class="muted ratings">(.*?)</span>', html, re.S).group(1)
    assert f"5★ {TODAY:%Y-%m-%d} “促成渠道合作”" in shown and "4★" in shown and "辅导及时" in shown
    assert '<select name="stars" required><option value="">—</option>' in html
    assert "data-confirm=" in html  # ending a service asks first
