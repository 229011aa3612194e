"""The expert panel of a mid-term check or acceptance: formed from the pool with
conflicts excluded, scored against the acceptance rubric, decided by the officer through
the checks' own rules; members see only their checks, the company never the panel."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wusong.audit.services import audit_history
from wusong.audit.transitions import transition_permitted
from wusong.errors import ActionRefused, NotAllowed
from wusong.experts.tests.factories import ExpertFactory
from wusong.experts.workflow import SheetState
from wusong.portfolio import permissions, selectors
from wusong.portfolio.models import PanelScore, PanelSheet
from wusong.portfolio.services import checks
from wusong.portfolio.services import panel as panels
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


def test_a_sheet_is_a_draft_until_its_member_submits_it_as_an_experts_sheet_is(world, sitting):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:2])
    member = _member(panel, experts[0])
    draft = panels.panel_score_save(experts[0].user, member, {"team": 8})
    assert draft.state == SheetState.DRAFT
    assert transition_permitted(experts[0].user, draft, "submit")
    assert not transition_permitted(experts[1].user, draft, "submit")
    assert not transition_permitted(world.manager, draft, "submit")
    sheet = panels.panel_score_save(
        experts[0].user, member, GOOD, recommendation="pass", submit=True
    )
    assert sheet.state == SheetState.SUBMITTED and sheet.submitted_at is not None
    entry = audit_history(sheet).last()
    assert entry.action == "scores_submitted"
    assert entry.changes["state"] == [SheetState.DRAFT, SheetState.SUBMITTED]
    assert not transition_permitted(experts[0].user, sheet, "submit")


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
    summary = selectors.panel_summary(check)
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
    assert selectors.panel_summary(check)["submitted"] == 0
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
    assert not permissions.sees_check_panel(world.company_user, check)
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


def _cell(page: str, name: str) -> str:
    """The table cell holding the input `name` on the member's sheet."""
    found = re.search(rf'<td class="field[^"]*">(?:(?!</td>).)*name="{name}".*?</td>', page, re.S)
    assert found, name
    return found.group(0)


def _sheet_state(member):
    return [
        (s.sitting, s.comment, s.recommendation, s.total, s.submitted_at)
        for s in PanelSheet.objects.filter(member=member)
    ], sorted(
        PanelScore.objects.filter(sheet__member=member).values_list("criterion__code", "score")
    )


def _scoring(client, world, sitting):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:2])
    client.force_login(experts[0].user)
    return (
        _member(panel, experts[0]),
        reverse("portfolio:panel_score", args=[check.pk]),
        reverse("portfolio:check_panel", args=[check.pk]),
    )


def test_a_bad_score_on_a_draft_comes_back_as_typed_with_the_error_beside_it(
    client, world, sitting
):
    member, score, _url = _scoring(client, world, sitting)
    panels.panel_score_save(member.expert.user, member, {"team": 6}, comment="初稿")
    before = _sheet_state(member)
    typed = {f"score_{k}": v for k, v in GOOD.items()} | {
        "score_team": "11",
        "score_use_of_funds": "8.5",
        "comment": "资金使用基本合规，团队稳定",
        "recommendation": "rectify",
        "action": "save",
    }
    response = client.post(score, typed)
    assert response.status_code == 200  # the page again, not a redirect
    page = response.content.decode()
    team = _cell(page, "score_team")
    assert 'class="field has-error"' in team and 'value="11"' in team
    assert (
        '<small class="error" id="score_team_error">11 超出“团队”的分值范围：0 至 10。</small>'
        in team
    )
    funds = _cell(page, "score_use_of_funds")
    assert 'value="8.5"' in funds and "has-error" not in funds
    assert 'value="9"' in _cell(page, "score_task_completion")
    assert "资金使用基本合规，团队稳定</textarea>" in page
    assert '<option value="rectify" selected>' in page
    assert 'id="sheet-errors"' in page
    assert _sheet_state(member) == before  # nothing saved or changed


def test_a_bad_score_on_submit_comes_back_and_no_sheet_is_made(client, world, sitting):
    member, score, _url = _scoring(client, world, sitting)
    typed = {f"score_{k}": v for k, v in GOOD.items()} | {
        "score_technical_indicators": "abc",
        "comment": "指标数据需补充",
        "action": "submit",
    }
    response = client.post(score, typed)
    assert response.status_code == 200
    page = response.content.decode()
    indicators = _cell(page, "score_technical_indicators")
    assert 'class="field has-error"' in indicators and 'value="abc"' in indicators
    assert '<small class="error" id="score_technical_indicators_error">' in indicators
    assert 'value="8"' in _cell(page, "score_team")
    # The missing recommendation is marked beside its own field too.
    recommendation = re.search(
        r'<div class="field[^"]*">(?:(?!</div>).)*name="recommendation".*?</div>', page, re.S
    ).group(0)
    assert "has-error" in recommendation
    assert (
        '<small class="error" id="recommendation_error">请给出通过、整改后通过或不通过的建议。</small>'
        in recommendation
    )
    assert "指标数据需补充</textarea>" in page
    assert not PanelSheet.objects.filter(member=member).exists()
    assert not PanelScore.objects.exists()


def test_a_saved_draft_shows_its_total_and_how_the_weights_make_it(client, world, sitting):
    member, score, url = _scoring(client, world, sitting)
    partial = client.post(score, {"score_team": "8", "action": "save"})
    assert partial.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="sheet-weighting"' in page
    total = re.search(r'<tr id="sheet-total">.*?</tr>', page, re.S).group(0)
    assert "<strong>" not in total  # incomplete: no total yet
    full = {f"score_{k}": v for k, v in GOOD.items()} | {"action": "save"}
    assert client.post(score, full).status_code == 302
    sheet = PanelSheet.objects.get(member=member)
    assert not sheet.submitted and sheet.total == D("83.50")
    page = client.get(url).content.decode()
    total = re.search(r'<tr id="sheet-total">.*?</tr>', page, re.S).group(0)
    assert "<strong>83.50</strong>" in total and "<td>100</td>" in total
    # A refused draft afterwards keeps showing the saved total, unchanged.
    again = client.post(score, full | {"score_team": "-1"}).content.decode()
    assert "<strong>83.50</strong>" in again and 'value="-1"' in again


def _section(page: str, ident: str) -> str:
    found = re.search(rf'<section class="card" id="{ident}">.*?</section>', page, re.S)
    assert found, ident
    return found.group(0)


def test_a_member_scores_beside_what_the_agreement_committed_to_and_the_company_reported(
    client, world, sitting
):
    from wusong.factories import leader
    from wusong.funding import services as funding
    from wusong.funding.models import KeyTask
    from wusong.kernels import periods
    from wusong.portfolio.services import reports

    check, experts, _conflicted = sitting
    agreement = check.agreement
    KeyTask.objects.create(
        agreement=agreement, kind="pilot_line", title="建成百吨级中试线", due=TODAY
    )
    tranche = agreement.tranches.get(seq=1)
    paid = funding.disbursement_request(world.company_user, tranche, D("350000.00"), "首笔")
    paid = funding.disbursement_approve(world.manager, paid)
    paid = funding.disbursement_approve(leader(), paid)
    funding.disbursement_pay(world.manager, paid, "GK-PANEL-1")
    funding.disbursement_request(world.company_user, tranche, D("100000.00"), "未付")
    last = periods.previous_period(*periods.period_of(TODAY))
    before = periods.previous_period(*last)
    oldest = periods.previous_period(*before)
    figures = {"revenue": D("1234500.00"), "rd_spend": D("800000.00"), "headcount": 31}
    tasks = [{"kind": "pilot_line", "percent": 65, "note": "中试线设备到位"}]
    for period, revenue in ((before, D("900000.00")), (last, D("1234500.00"))):
        report = reports.report_save(
            world.company_user, world.project, *period, figures | {"revenue": revenue}, tasks
        )
        reports.report_submit(world.company_user, report)
    reports.report_accept(
        world.manager, world.project.reports.get(year=before[0], period=before[1])
    )
    reports.report_save(  # a draft is not filed: the panel does not see it
        world.company_user, world.project, *oldest, figures | {"revenue": D("777700.00")}
    )
    panel = panels.panel_form(world.manager, check, experts=experts[:2])
    panels.panel_score_save(
        experts[1].user,
        _member(panel, experts[1]),
        dict.fromkeys(GOOD, 3),
        comment="另一位专家的独立意见",
        recommendation="fail",
        submit=True,
    )
    client.force_login(experts[0].user)
    page = client.get(reverse("portfolio:check_panel", args=[check.pk])).content.decode()
    materials = _section(page, "materials")
    assert "完成样机研制" in materials and "建成百吨级中试线" in materials
    assert re.search(r'id="materials-total">200\.00 ', materials)  # 2,000,000 yuan in 万元
    assert re.search(r'id="materials-paid">35\.00 ', materials)  # paid only, not requested
    shown = re.findall(r"<td data-label=\"[^\"]*\">(\d{4} Q\d)</td>", materials)
    assert shown == [periods.period_label(*last), periods.period_label(*before)]  # newest first
    assert "123.45" in materials and "65%" in materials and "中试线设备到位" in materials
    assert "77.77" not in materials and periods.period_label(*oldest) not in materials
    assert 'id="materials-rectification"' not in materials  # a first sitting
    # Neither the other member's sheet nor the office's panel view.
    assert "另一位专家的独立意见" not in page and 'id="panel"' not in page
    assert 'id="sheet"' in page


def test_at_the_second_sitting_a_member_sees_the_rectification_the_company_filed(
    client, world, sitting
):
    check, experts, _conflicted = sitting
    panel = panels.panel_form(world.manager, check, experts=experts[:1])
    member = _member(panel, experts[0])
    panels.panel_score_save(experts[0].user, member, GOOD, recommendation="rectify", submit=True)
    check = panels.panel_decide(world.manager, check, "rectify", "财务制度不健全")
    checks.rectification_file(world.company_user, check, "已建立财务报销制度")
    client.force_login(experts[0].user)
    page = client.get(reverse("portfolio:check_panel", args=[check.pk])).content.decode()
    rectification = re.search(
        r'<div id="materials-rectification">.*?</div>', _section(page, "materials"), re.S
    ).group(0)
    assert "财务制度不健全" in rectification and "已建立财务报销制度" in rectification


def test_a_panel_member_finds_the_panels_from_the_desk(client, world, sitting):
    check, experts, _conflicted = sitting
    panels.panel_form(world.manager, check, experts=experts[:1])
    client.force_login(experts[0].user)
    html = client.get(reverse("portfolio:desk")).content.decode()
    assert 'id="panels"' in html and f'href="{reverse("portfolio:panels")}"' in html
    assert "暂无跟踪项目" not in html
    client.force_login(experts[1].user)  # on no panel
    assert 'id="panels"' not in client.get(reverse("portfolio:desk")).content.decode()
