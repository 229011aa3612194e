"""The project report PDF: radar now against last with each dimension's history, the
dimension table, the service plan and the services logged, the latest company report in
万元, the mid-term check and acceptance, read back from the PDF; only the manager and
leaders get it."""

import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from wusong.documents.services import render_html
from wusong.documents.tests.conftest import pdf_ready  # noqa: F401  the fixture
from wusong.documents.tests.pdf import pdf_text
from wusong.factories import leader
from wusong.portfolio import services
from wusong.portfolio.report_pdf import DOCUMENT_KEY, report_context
from wusong.portfolio.services import care, checks, reports

from .conftest import STRONG, all_scores, signed_agreement
from .test_reports import FIGURES, LAST_Q, TASKS

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
CN_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def _followed(world):
    world.assess(STRONG | {"capital": 2}, on=TODAY - dt.timedelta(days=120))
    current = world.assess(STRONG | {"capital": 4, "marketing": 2}, on=TODAY)
    care.plan_from_assessment(world.manager, current, due=TODAY + dt.timedelta(days=60))
    report = reports.report_save(world.company_user, world.project, *LAST_Q, FIGURES, TASKS)
    reports.report_submit(world.company_user, report)
    return current


def _download(client, user, project) -> bytes:
    client.force_login(user)
    response = client.get(reverse("portfolio:report_pdf", args=[project.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def _pages(content: bytes) -> list[str]:
    """Each page's text, whitespace removed."""
    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]


def test_the_context_has_the_radar_both_assessments_the_plan_and_the_report(world):
    _followed(world)
    context = report_context(world.project)
    assert context["radar"].startswith("<svg") and "WusongDocument" in context["radar"]
    assert context["previous"] is not None and context["report"].headcount == 30
    assert any(row["weak"] for row in context["rows"]) and context["plan_items"]
    assert [h["label"] for h in context["history"]] == ["商业", "项目团队", "合规", "营销", "资本"]
    assert all("WusongDocument" in h["svg"] for h in context["history"])


def test_the_manager_downloads_the_report_with_its_chinese_text(client, world, pdf_ready):  # noqa: F811
    _followed(world)
    client.force_login(world.manager)
    page = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    url = reverse("portfolio:report_pdf", args=[world.project.pk])
    assert url in page
    text = pdf_text(_download(client, world.manager, world.project))
    for phrase in (
        "项目评估报告",
        world.project.title,
        "五维评估",
        "服务计划",
        "企业最近一期报表",
        "营业收入（万元）120.00",
        "中试线设备到位",
        "核心器件依赖进口",
        "薄弱",
    ):
        assert phrase in text, phrase
    client.force_login(leader())
    assert client.get(url).status_code == 200


def test_the_manager_is_named_by_display_name_not_login_name(client, world, pdf_ready):  # noqa: F811
    text = pdf_text(_download(client, world.manager, world.project))
    assert f"投资经理：{world.manager.display_name}" in text
    assert world.manager.username not in text


def test_amounts_are_in_wan_and_dates_are_iso(client, world, pdf_ready):  # noqa: F811
    _followed(world)
    text = pdf_text(_download(client, world.manager, world.project))
    # 1,200,000 yuan of revenue, 800,000 of R&D, 6,000,000 in the bank: in 万元
    for phrase in ("营业收入（万元）120.00", "研发投入（万元）80.00", "账面资金（万元）600.00"):
        assert phrase in text, phrase
    assert "（元）" not in text and "1,200,000.00" not in text
    before = TODAY - dt.timedelta(days=120)
    assert f"本次评估日期：{TODAY:%Y-%m-%d}；上次评估日期：{before:%Y-%m-%d}" in text
    assert f"{TODAY + dt.timedelta(days=60):%Y-%m-%d}" in text  # the plan's due date
    assert f"报告日期：{TODAY:%Y-%m-%d}" in text
    assert not CN_DATE.search(text), CN_DATE.search(text)


def test_the_state_column_says_weak_closed_or_above_the_line(client, world, pdf_ready):  # noqa: F811
    _followed(world)
    states = {row["dimension"]: row["state"] for row in report_context(world.project)["rows"]}
    assert states == {
        "business": "ok",
        "team": "ok",
        "compliance": "ok",
        "marketing": "weak",
        "capital": "closed",  # weak last time, above the line now
    }
    text = pdf_text(_download(client, world.manager, world.project))
    assert re.search(r"商业[\d.]+[\d.]+—达标", text), text
    assert re.search(r"营销[\d.]+[\d.]+—薄弱", text), text
    assert re.search(r"资本[\d.]+[\d.]+—已脱离薄弱", text), text


def test_the_report_carries_each_dimensions_history_chart(client, world, pdf_ready):  # noqa: F811
    _followed(world)
    html = render_html(DOCUMENT_KEY, report_context(world.project))
    assert html.count('class="chart history"') == 5 and html.count('class="chart radar"') == 1
    assert "各维度历次评估" in pdf_text(_download(client, world.manager, world.project))


def test_the_report_carries_the_checks_and_the_service_hours(client, world, pdf_ready):  # noqa: F811
    agreement = signed_agreement(world)
    check = checks.check_schedule(world.manager, agreement, "midterm", TODAY)
    check = checks.check_record_outcome(world.manager, check, "rectify", "财务制度不健全")
    care.server_assign(world.manager, world.project, person=world.mentor)
    for hours, outcome in ((D("2.5"), "梳理融资路演材料"), (D("1.5"), "对接两家投资机构")):
        care.service_log_add(
            world.mentor, world.project, kind="mentoring", on=TODAY, hours=hours, outcome=outcome
        )
    text = pdf_text(_download(client, world.manager, world.project))
    for phrase in (
        "四、中期检查与验收",
        f"协议编号：{agreement.reference}",
        f"中期检查{TODAY:%Y-%m-%d}需整改",  # kind, scheduled date, outcome
        "财务制度不健全",
        f"整改期限：{check.rectify_by:%Y-%m-%d}",
        "累计服务4小时",
        f"{TODAY:%Y-%m-%d}导师辅导{world.mentor.display_name}2.5梳理融资路演材料",
    ):
        assert phrase in text, phrase
    assert world.mentor.username not in text


def test_without_checks_or_services_those_parts_say_so_or_stay_out(client, world, pdf_ready):  # noqa: F811
    text = pdf_text(_download(client, world.manager, world.project))
    assert "服务记录" not in text and "四、中期检查与验收" not in text
    signed_agreement(world)
    text = pdf_text(_download(client, world.manager, world.project))
    assert "四、中期检查与验收" in text and "尚未安排中期检查或验收" in text


def test_the_company_and_a_mentor_get_no_report(client, world):
    url = reverse("portfolio:report_pdf", args=[world.project.pk])
    client.force_login(world.company_user)
    assert client.get(url).status_code == 404
    client.force_login(world.mentor)
    assert client.get(url).status_code == 404


def test_a_project_without_assessments_or_reports_still_gets_its_pdf(client, world, pdf_ready):  # noqa: F811
    assert "尚无投资经理评估" in pdf_text(_download(client, world.manager, world.project))


def test_a_candidates_report_fits_on_one_page(client, candidate, pdf_ready):  # noqa: F811
    project, staff, _later = candidate
    pages = _pages(_download(client, staff, project))
    assert len(pages) == 1
    assert f"报告日期：{TODAY:%Y-%m-%d}" in pages[0] and "四、中期检查与验收" not in pages[0]


def test_no_page_of_an_assessed_candidates_report_holds_only_the_date(client, candidate, pdf_ready):  # noqa: F811
    """The demo's case: a candidate with one assessment used to spill its closing date
    alone onto a second page."""
    project, staff, _later = candidate
    project.profile = "候选项目：跟踪其中试与融资进展，条件成熟时邀请再次申报。" * 3
    project.save(update_fields=["profile"])
    services.assessment_record(staff, project, "manager", all_scores(STRONG), assessed_on=TODAY)
    pages = _pages(_download(client, staff, project))
    date = f"{TODAY:%Y-%m-%d}"
    assert f"报告日期：{date}" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert len(page.replace(date, "")) > 40, f"page {number} holds next to nothing: {page}"
