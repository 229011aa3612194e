"""Company reports: own only, never a future quarter, alerts to the manager, chasing."""

import datetime as dt
import re
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import applicant
from wusong.kernels import periods
from wusong.notifications.models import Notification
from wusong.portfolio.models import Alert, ReportReminder
from wusong.portfolio.services import reports
from wusong.portfolio.workflow import ReportState

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
LAST_Q = periods.previous_period(*periods.period_of(TODAY))
Q_BEFORE = periods.previous_period(*LAST_Q)

FIGURES = {
    "revenue": D("1200000.00"),
    "rd_spend": D("800000.00"),
    "headcount": 30,
    "patents_filed": 4,
    "patents_granted": 1,
    "financing_raised": D("0.00"),
    "cash_balance": D("6000000.00"),
    "monthly_burn": D("500000.00"),
    "risks": "核心器件依赖进口",
}
TASKS = [{"kind": "pilot_line", "percent": 60, "note": "中试线设备到位"}]


def file(world, year_period, **changes):
    report = reports.report_save(
        world.company_user, world.project, *year_period, FIGURES | changes, TASKS
    )
    return reports.report_submit(world.company_user, report)


def test_company_files_and_submits_a_quarterly_report_and_the_manager_accepts_it(world):
    report = file(world, LAST_Q)
    assert report.state == ReportState.SUBMITTED and report.months == 3
    assert report.tasks.get().percent == 60
    assert report.runway_months == D("12.0")
    assert not Alert.objects.exists()
    reports.report_accept(world.manager, report)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    with pytest.raises(ActionRefused):
        reports.report_save(world.company_user, world.project, *LAST_Q, {"revenue": D(1)})


def test_a_report_for_a_future_quarter_is_refused(world):
    year, quarter = periods.period_of(TODAY + dt.timedelta(days=100))
    with pytest.raises(ActionRefused, match="future"):
        reports.report_save(world.company_user, world.project, year, quarter, FIGURES)
    with pytest.raises(ActionRefused, match="after it ends"):  # nor the quarter still running
        reports.report_save(world.company_user, world.project, *periods.period_of(TODAY), FIGURES)
    with pytest.raises(ValidationError):
        reports.report_save(world.company_user, world.project, 2025, 5, FIGURES)


def test_a_company_sees_and_edits_only_its_own_reports(world):
    stranger = applicant()
    with pytest.raises(NotAllowed):
        reports.report_save(stranger, world.project, *LAST_Q, FIGURES)
    with pytest.raises(NotAllowed):  # the manager does not file for the company
        reports.report_save(world.manager, world.project, *LAST_Q, FIGURES)
    report = reports.report_save(world.company_user, world.project, *LAST_Q, FIGURES)
    with pytest.raises(NotAllowed):
        reports.report_submit(stranger, report)
    with pytest.raises(NotAllowed):
        reports.report_accept(world.company_user, reports.report_submit(world.company_user, report))


def test_returned_report_is_corrected_and_resubmitted(world):
    report = file(world, LAST_Q)
    with pytest.raises(ValidationError):
        reports.report_return(world.manager, report, "")
    reports.report_return(world.manager, report, "研发投入口径有误")
    report = reports.report_save(
        world.company_user, world.project, *LAST_Q, {"rd_spend": D("700000.00")}
    )
    report = reports.report_submit(world.company_user, report)
    assert report.state == ReportState.SUBMITTED and report.return_reason == ""


def test_bad_figures_are_refused(world):
    with pytest.raises(ValidationError):
        reports.report_save(
            world.company_user, world.project, *LAST_Q, FIGURES | {"patents_granted": 9}
        )
    with pytest.raises(ValidationError):
        reports.report_save(
            world.company_user, world.project, *LAST_Q, FIGURES | {"revenue": D(-1)}
        )
    with pytest.raises(ValidationError):
        reports.report_save(
            world.company_user,
            world.project,
            *LAST_Q,
            FIGURES,
            [{"kind": "prototype", "percent": 120}],
        )


def test_runway_under_six_months_raises_an_alert_to_the_manager(world):
    file(world, LAST_Q, cash_balance=D("2000000.00"))
    alert = Alert.objects.get()
    assert alert.kind == Alert.Kind.RUNWAY and "4.0" in alert.message
    assert Notification.objects.filter(recipient_user=world.manager).exists()
    reports.alert_resolve(world.manager, alert, "已安排融资对接")
    with pytest.raises(ActionRefused):
        reports.alert_resolve(world.manager, alert, "again")


def test_headcount_down_a_third_raises_an_alert(world):
    file(world, Q_BEFORE, headcount=30)
    file(world, LAST_Q, headcount=21)  # down 30 %: no alert
    assert not Alert.objects.filter(kind="headcount").exists()
    world.project.reports.all().delete()
    file(world, Q_BEFORE, headcount=30)
    file(world, LAST_Q, headcount=20)  # down a third
    alert = Alert.objects.get(kind="headcount")
    assert "30" in alert.message and "20" in alert.message


def test_missing_reports_are_chased_once_a_week_and_filed_ones_are_not(world):
    world.project.reporting_from = dt.date(TODAY.year - 1, 1, 1)
    world.project.save()
    missing = reports.reports_missing(TODAY)
    assert len(missing) >= 4
    out = StringIO()
    call_command("portfolio_chase_reports", stdout=out)
    assert ReportReminder.objects.count() == len(missing)
    assert Alert.objects.filter(kind="report_missing").count() == len(missing)
    notes = Notification.objects.filter(recipient_organisation=world.company).count()
    assert notes == len(missing)
    call_command("portfolio_chase_reports", stdout=StringIO())  # again the same day
    assert Notification.objects.filter(recipient_organisation=world.company).count() == notes
    assert "missing" in out.getvalue() or "缺" in out.getvalue()
    oldest = missing[0]
    file(world, (oldest["year"], oldest["period"]))
    assert len(reports.reports_missing(TODAY)) == len(missing) - 1
    assert not ReportReminder.objects.filter(year=oldest["year"], period=oldest["period"]).exists()
    dry = StringIO()
    call_command("portfolio_chase_reports", "--dry-run", stdout=dry)
    assert oldest["label"] not in dry.getvalue()


def test_a_refused_key_task_figure_comes_back_beside_its_field_as_typed(client, world):
    import re

    from django.urls import reverse

    from wusong.portfolio.models import CompanyReport

    def field(page, name):
        found = re.search(
            rf'<div class="field[^"]*">(?:(?!</div>).)*name="{name}".*?</div>', page, re.S
        )
        assert found, name
        return found.group(0)

    client.force_login(world.company_user)
    url = reverse("portfolio:report", args=[world.project.pk, *LAST_Q])
    typed = {
        "revenue_wan": "120.5",
        "rd_spend_wan": "80",
        "headcount": "25",
        "patents_filed": "3",
        "patents_granted": "1",
        "financing_raised_wan": "0",
        "task_kind": "pilot_line",
        "task_percent": "150",
        "task_note": "中试线设备到位",
        "risks": "核心器件依赖进口",
        "submit": "1",
    }
    response = client.post(url, typed)
    assert response.status_code == 200  # the form again, not a redirect
    page = response.content.decode()
    percent = field(page, "task_percent")
    assert 'class="field has-error"' in percent and 'value="150"' in percent
    assert re.search(r'<small class="error">[^<]*100[^<]*</small>', percent)
    for name in ("task_kind", "task_note", "risks", "revenue_wan"):
        assert "has-error" not in field(page, name)
    assert '<option value="pilot_line" selected>' in field(page, "task_kind")
    assert 'value="中试线设备到位"' in field(page, "task_note")
    assert "核心器件依赖进口</textarea>" in field(page, "risks")
    assert 'value="120.5"' in field(page, "revenue_wan")
    assert not CompanyReport.objects.exists()
    # A note over its length is marked beside the note too.
    long_note = client.post(url, typed | {"task_percent": "60", "task_note": "长" * 301})
    assert long_note.status_code == 200 and not CompanyReport.objects.exists()
    note = field(long_note.content.decode(), "task_note")
    assert 'class="field has-error"' in note and '<small class="error">' in note


def test_a_short_runway_stands_out_in_the_reports_table(client, world):
    file(world, Q_BEFORE)  # 12 months of cash
    file(world, LAST_Q, cash_balance=D("2000000.00"))  # 4 months
    client.force_login(world.manager)
    html = client.get(reverse("portfolio:project", args=[world.project.pk])).content.decode()
    cells = re.findall(r'<td class="num( error)?" data-label="现金可支撑（月）">([^<]*)', html)
    assert sorted(cells) == [("", "12"), (" error", "4 ")]
    assert "4 <strong>偏短</strong>" in html
