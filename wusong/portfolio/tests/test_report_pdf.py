"""The project report PDF: radar now against last, dimension table, service plan and
the latest company report, read back from the PDF; only the manager and leaders get it."""

import datetime as dt

import pytest
from django.urls import reverse

from wusong.documents.tests.conftest import pdf_ready  # noqa: F401  the fixture
from wusong.documents.tests.pdf import pdf_text
from wusong.factories import leader
from wusong.portfolio import services_care as care
from wusong.portfolio import services_reports as reports
from wusong.portfolio.report_pdf import report_context

from .conftest import STRONG
from .test_reports import FIGURES, LAST_Q, TASKS

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _followed(world):
    world.assess(STRONG | {"capital": 2}, on=TODAY - dt.timedelta(days=120))
    current = world.assess(STRONG | {"capital": 4, "marketing": 2}, on=TODAY)
    care.plan_from_assessment(world.manager, current, due=TODAY + dt.timedelta(days=60))
    report = reports.report_save(world.company_user, world.project, *LAST_Q, FIGURES, TASKS)
    reports.report_submit(world.company_user, report)
    return current


def test_the_context_has_the_radar_both_assessments_the_plan_and_the_report(world):
    _followed(world)
    context = report_context(world.project)
    assert context["radar"].startswith("<svg") and "WusongDocument" in context["radar"]
    assert context["previous"] is not None and context["report"].headcount == 30
    assert any(row["weak"] for row in context["rows"]) and context["plan_items"]


def test_the_manager_downloads_the_report_with_its_chinese_text(client, world, pdf_ready):  # noqa: F811
    _followed(world)
    client.force_login(world.manager)
    page = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    url = reverse("portfolio:report_pdf", args=[world.project.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for phrase in (
        "项目评估报告",
        world.project.title,
        "五维评估",
        "服务计划",
        "企业最近一期报表",
        "1,200,000.00",
        "中试线设备到位",
        "核心器件依赖进口",
        "薄弱",
    ):
        assert phrase in text, phrase
    client.force_login(leader())
    assert client.get(url).status_code == 200


def test_the_company_and_a_mentor_get_no_report(client, world):
    url = reverse("portfolio:report_pdf", args=[world.project.pk])
    client.force_login(world.company_user)
    assert client.get(url).status_code == 404
    client.force_login(world.mentor)
    assert client.get(url).status_code == 404


def test_a_project_without_assessments_or_reports_still_gets_its_pdf(client, world, pdf_ready):  # noqa: F811
    client.force_login(world.manager)
    response = client.get(reverse("portfolio:report_pdf", args=[world.project.pk]))
    assert response.status_code == 200
    assert "尚无投资经理评估" in pdf_text(response.content)
