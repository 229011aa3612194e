"""The expert panel of a mid-term check or acceptance: formed from the pool with
conflicts excluded, scored against the acceptance rubric, decided by the officer through
the checks' own rules; members see only their checks, the company never the panel."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wusong.errors import ActionRefused, NotAllowed
from wusong.experts.tests.factories import ExpertFactory
from wusong.portfolio import permissions, selectors
from wusong.portfolio import services_checks as checks
from wusong.portfolio import services_panel as panels
from wusong.portfolio.models import PanelSheet
from wusong.portfolio.workflow import CheckState

from .conftest import signed_agreement

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
GOOD = {
    "task_completion": 9,
    "technical_indicators": 8,
    "use_of_funds": 9,
    "commercial_progress": 7,
    "team": 8,
}


@pytest.fixture
def sitting(world):
    agreement = signed_agreement(world)
    check = checks.check_schedule(world.manager, agreement, "acceptance", TODAY)
    experts = [ExpertFactory() for _ in range(4)]
    conflicted = ExpertFactory(name="冲突专家", organisation=world.company)
    return check, experts, conflicted


def _member(panel, expert):
    return panel.members.get(expert=expert)


def test_the_default_acceptance_rubric_has_five_weighted_criteria(db):
    rubric = panels.acceptance_rubric()
    codes = [c.code for c in rubric.criteria.order_by("sort")]
    assert codes == [
        "task_completion",
        "technical_indicators",
        "use_of_funds",
        "commercial_progress",
        "team",
    ]
    assert sum(c.weight for c in rubric.criteria.all()) == 100
    assert panels.acceptance_rubric() == rubric  # created once


def test_a_draw_excludes_conflicted_experts_and_is_repeatable(world, sitting):
    check, experts, conflicted = sitting
    panel = panels.panel_form(world.manager, check, size=4, seed=42)
    drawn = {m.expert_id for m in panel.members.all()}
    assert drawn == {e.pk for e in experts} and conflicted.pk not in drawn
    assert str(conflicted.pk) in panel.excluded
    assert panel.excluded[str(conflicted.pk)]  # with the reasons
    order = list(panel.members.values_list("expert_id", flat=True))
    again = panels.panel_form(world.manager, check, size=4, seed=42)
    assert list(again.members.values_list("expert_id", flat=True)) == order
    with pytest.raises(ActionRefused, match="Only 4"):
        panels.panel_form(world.manager, check, size=5, seed=1)


def test_choosing_a_conflicted_expert_is_refused_and_only_officers_form_panels(world, sitting):
    check, experts, conflicted = sitting
    with pytest.raises(ValidationError, match="conflict of interest"):
        panels.panel_form(world.manager, check, experts=[experts[0], conflicted])
    with pytest.raises(NotAllowed):
        panels.panel_form(world.company_user, check, experts=experts[:2])
    with pytest.raises(NotAllowed):
        panels.panel_form(experts[0].user, check, experts=experts[:2])
    panel = panels.panel_form(world.manager, check, experts=experts[:3])
    assert panel.method == "chosen" and panel.members.count() == 3


def test_scores_out_of_range_or_missing_are_refused(world, sitting):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:2])
    member = _member(panel, experts[0])
    with pytest.raises(ValidationError) as err:
        panels.panel_score_save(experts[0].user, member, GOOD | {"team": 11})
    assert "team" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        panels.panel_score_save(
            experts[0].user, member, {"task_completion": 8}, recommendation="pass", submit=True
        )
    assert "use_of_funds" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        panels.panel_score_save(experts[0].user, member, GOOD, submit=True)
    assert "recommendation" in err.value.message_dict
    with pytest.raises(ValidationError):
        panels.panel_score_save(experts[0].user, member, GOOD | {"team": "abc"})
    with pytest.raises(NotAllowed):
        panels.panel_score_save(experts[1].user, member, GOOD)
    draft = panels.panel_score_save(experts[0].user, member, {"team": 8})
    assert draft.total is None and not draft.submitted
    sheet = panels.panel_score_save(
        experts[0].user, member, GOOD, recommendation="pass", submit=True
    )
    assert sheet.submitted and sheet.total == D("83.50")
    with pytest.raises(ActionRefused, match="already submitted"):
        panels.panel_score_save(experts[0].user, member, GOOD)
    with pytest.raises(ActionRefused, match="already submitted"):
        panels.panel_form(world.manager, check, experts=experts[2:])


def test_officer_sees_mean_and_recommendations_and_a_fail_stops_tranches(world, sitting):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:3])
    with pytest.raises(ActionRefused, match="No panel member"):
        panels.panel_decide(world.manager, check, "fail", "关键指标未达到")
    low = dict.fromkeys(GOOD, 3)
    panels.panel_score_save(
        experts[0].user, _member(panel, experts[0]), low, recommendation="fail", submit=True
    )
    with pytest.raises(ActionRefused, match="Only 1 of the panel's 3 members"):
        panels.panel_decide(world.manager, check, "fail", "关键指标未达到")
    panels.panel_score_save(
        experts[1].user, _member(panel, experts[1]), GOOD, recommendation="pass", submit=True
    )
    summary = panels.panel_summary(check)
    assert summary["mean"] == D("56.75") and summary["submitted"] == 2 and not summary["complete"]
    assert {str(k): v for k, v in summary["counts"]} == {
        "Pass": 1,
        "Pass after rectification": 0,
        "Fail": 1,
    }
    check = panels.panel_decide(world.manager, check, "fail", "关键指标未达到")
    assert check.state == CheckState.FAILED and check.consequence
    assert selectors.tranche_stop_reason(check.agreement)
    with pytest.raises(ActionRefused):
        panels.panel_score_save(
            experts[2].user, _member(panel, experts[2]), GOOD, recommendation="pass", submit=True
        )


def test_after_a_rectification_the_panel_sits_again_with_fresh_sheets(world, sitting):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:1])
    member = _member(panel, experts[0])
    panels.panel_score_save(experts[0].user, member, GOOD, recommendation="rectify", submit=True)
    check = panels.panel_decide(world.manager, check, "rectify", "财务制度不健全")
    with pytest.raises(ActionRefused):
        panels.panel_score_save(experts[0].user, member, GOOD)
    check = checks.rectification_file(world.company_user, check, "已建立财务制度")
    assert panels.panel_summary(check)["submitted"] == 0
    panels.panel_score_save(experts[0].user, member, GOOD, recommendation="pass", submit=True)
    check = panels.panel_decide(world.manager, check, "pass")
    assert check.state == CheckState.PASSED_AFTER_RECTIFICATION
    assert PanelSheet.objects.filter(member=member).count() == 2
    with pytest.raises(ActionRefused, match="Only one rectification"):
        checks.check_record_outcome(world.manager, check, "rectify", "再次整改")


def test_members_see_only_their_checks_and_the_company_never_sees_the_panel(client, world, sitting):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:1])
    panels.panel_score_save(
        experts[0].user, _member(panel, experts[0]), GOOD, recommendation="pass", submit=True
    )
    outsider = experts[1]
    assert list(permissions.checks_on_panel_of(experts[0].user)) == [check]
    assert not permissions.checks_on_panel_of(outsider.user).exists()
    assert not permissions.sees_check_panel(check, world.company_user)
    url = reverse("portfolio:check_panel", args=[check.pk])
    client.force_login(experts[0].user)
    page = client.get(url)
    assert page.status_code == 200 and "task_completion" in page.content.decode()
    assert (
        str(check.agreement.reference) in client.get(reverse("portfolio:panels")).content.decode()
    )
    for user in (outsider.user, world.company_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(world.company_user)
    project_page = client.get(reverse("portfolio:project", args=[world.project.pk]))
    assert experts[0].name not in project_page.content.decode()
    client.force_login(world.manager)
    page = client.get(url).content.decode()
    assert experts[0].name in page and "83.50" in page


def test_in_the_browser_members_score_and_the_officer_forms_and_decides(client, world, sitting):
    check, experts, conflicted = sitting
    client.force_login(world.manager)
    page = client.get(reverse("portfolio:check_panel", args=[check.pk])).content.decode()
    assert f"<s>{conflicted.name}</s>" in page  # shown, struck out, cannot be chosen
    client.post(
        reverse("portfolio:panel_form", args=[check.pk]),
        {"method": "chosen", "experts": [experts[0].pk, experts[1].pk]},
    )
    assert check.panel.members.count() == 2
    client.force_login(world.company_user)
    decide = reverse("portfolio:panel_decide", args=[check.pk])
    assert client.post(decide, {"outcome": "pass"}).status_code == 404
    client.force_login(experts[0].user)
    score = reverse("portfolio:panel_score", args=[check.pk])
    form = {f"score_{k}": v for k, v in GOOD.items()} | {"recommendation": "pass"}
    client.post(score, form | {"score_team": "12", "action": "submit"})
    assert not PanelSheet.objects.filter(submitted_at__isnull=False).exists()
    client.post(score, form | {"action": "submit"})
    assert PanelSheet.objects.get().total == D("83.50")
    client.force_login(world.manager)
    panel_url = reverse("portfolio:check_panel", args=[check.pk])
    page = client.get(panel_url).content.decode()
    assert 'id="not-quorate"' in page and f'action="{decide}"' not in page  # one of two
    client.post(decide, {"outcome": "pass"})
    check.refresh_from_db()
    assert check.state == CheckState.SCHEDULED
    client.force_login(experts[1].user)
    client.post(score, form | {"action": "submit"})
    client.force_login(world.manager)
    assert f'action="{decide}"' in client.get(panel_url).content.decode()
    client.post(decide, {"outcome": "pass"})
    check.refresh_from_db()
    assert check.state == CheckState.PASSED


def test_through_the_api_the_same_rules_as_status_codes(world, sitting):
    from rest_framework.test import APIClient

    def api(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    check, experts, conflicted = sitting
    url = f"/api/portfolio/check-panels/{check.pk}/"
    bad = api(world.manager).post(f"{url}form/", {"experts": [conflicted.pk]}, format="json")
    assert bad.status_code == 400
    formed = api(world.manager).post(f"{url}form/", {"size": 2, "seed": 7}, format="json")
    assert formed.status_code == 200 and len(formed.json()["panel"]["members"]) == 2
    member = check.panel.members.first().expert
    outsider = next(
        e for e in experts if e.pk not in {m.expert_id for m in check.panel.members.all()}
    )
    assert api(world.company_user).get(url).status_code == 404
    assert api(outsider.user).get(url).status_code == 404
    assert [c["check"] for c in api(member.user).get("/api/portfolio/check-panels/").json()] == [
        check.pk
    ]
    mine = api(member.user).get(url).json()
    assert len(mine["criteria"]) == 5 and mine["sheet"] is None
    score = {"scores": GOOD | {"team": 20}, "recommendation": "pass", "submit": True}
    assert api(member.user).post(f"{url}score/", score, format="json").status_code == 400
    score["scores"] = GOOD
    assert api(member.user).post(f"{url}score/", score, format="json").json()["total"] == "83.50"
    summary = api(world.manager).get(url).json()["panel"]
    assert summary["mean"] == "83.50" and summary["submitted"] == 1
    outcome = f"/api/portfolio/checks/{check.pk}/outcome/"
    early = api(world.manager).post(outcome, {"outcome": "pass"}, format="json")
    assert early.status_code == 409 and "仅 1 名提交了评分" in early.json()["detail"]
    other = next(m.expert for m in check.panel.members.all() if m.expert_id != member.pk)
    assert api(other.user).post(f"{url}score/", score, format="json").status_code in (200, 201)
    decided = api(world.manager).post(outcome, {"outcome": "pass"}, format="json")
    assert decided.status_code == 200 and decided.json()["state"] == CheckState.PASSED
