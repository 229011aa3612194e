"""The desk's list of what needs attention: an assessment due, a milestone overdue, a
mid-term check not scheduled past the middle of the task period, a task period ending
with no acceptance scheduled; each leaves the list once dealt with."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wusong.funding import services as funding_services
from wusong.portfolio.models import Project
from wusong.portfolio.selectors.attention import needs_attention
from wusong.portfolio.services import checks

from .conftest import STRONG, signed_agreement

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def kinds(world, today=TODAY) -> dict[str, dict]:
    rows = needs_attention(Project.objects.filter(pk=world.project.pk), today)
    return {row["kind"]: row for row in rows}


def test_each_thing_due_shows_until_it_is_dealt_with(client, world):
    agreement = signed_agreement(world, end_date=TODAY + dt.timedelta(days=60))
    due = kinds(world)
    assert set(due) == {
        "assessment_due",
        "milestone_overdue",  # 完成样机研制, due 2026-06-30, not verified
        "midterm_unscheduled",
        "ending_soon",
    }
    assert due["milestone_overdue"]["detail"] == "完成样机研制"
    assert due["ending_soon"]["date"] == agreement.end_date

    client.force_login(world.manager)
    html = client.get(reverse("portfolio:desk")).content.decode()
    assert 'id="attention"' in html and html.count('class="attention-') == 4

    world.assess(STRONG)
    funding_services.milestone_verify(world.manager, agreement.milestones.get(), "样机测试报告")
    checks.check_schedule(world.manager, agreement, "midterm", TODAY)
    checks.check_schedule(world.manager, agreement, "acceptance", agreement.end_date)
    assert kinds(world) == {}
    assert 'id="attention"' not in client.get(reverse("portfolio:desk")).content.decode()


def test_an_assessment_is_due_half_a_year_after_the_last(world):
    world.assess(STRONG, on=TODAY - dt.timedelta(days=183))
    assert "assessment_due" not in kinds(world)
    row = kinds(world, today=TODAY + dt.timedelta(days=1))["assessment_due"]
    assert row["date"] == TODAY and str(TODAY - dt.timedelta(days=183)) in row["detail"]


def test_a_candidate_and_an_early_agreement_need_nothing(world, candidate):
    project, _staff, _later = candidate
    assert needs_attention(Project.objects.filter(pk=project.pk), TODAY) == []
    signed_agreement(world, end_date=TODAY + dt.timedelta(days=2000))  # middle still ahead
    world.assess(STRONG)
    assert set(kinds(world, today=dt.date(2026, 6, 1))) == set()


def test_the_desk_shows_the_most_pressing_and_counts_the_rest(client, world, monkeypatch):
    from wusong.factories import leader
    from wusong.portfolio.views import project as project_views

    world.other_project()  # two projects, neither assessed
    monkeypatch.setattr(project_views, "ATTENTION_SHOWN", 1)
    client.force_login(leader())
    html = client.get(reverse("portfolio:desk")).content.decode()
    assert html.count('class="attention-assessment_due"') == 1
    assert "另有 1 项，相对不紧急。" in html
