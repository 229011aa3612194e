"""Five-dimension assessments: editable indicators, scores on their scale, dimension
scores, the company's self-assessment beside the manager's, the radar and the profile."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from wusong.audit.services import audit_history
from wusong.errors import NotAllowed
from wusong.factories import applicant
from wusong.portfolio import selectors, services
from wusong.portfolio.models import Assessment, Indicator, Project, Score

from .conftest import STRONG, all_scores

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_default_indicators_cover_the_five_dimensions_with_anchors(db):
    dims = set(Indicator.objects.values_list("dimension", flat=True))
    assert dims == {"business", "team", "compliance", "marketing", "capital"}
    ip = Indicator.objects.get(code="ip-ownership")
    assert ip.dimension == "compliance" and ip.anchors.count() == 3
    assert (
        Indicator.objects.filter(
            code__in=["runway", "financing-pipeline", "investor-interest"]
        ).count()
        == 3
    )


def test_manager_records_an_assessment_and_gets_dimension_scores(world):
    a = world.assess({"business": 4, "team": 3, "compliance": 2, "marketing": 5, "capital": 1})
    assert a.business == D("75.0") and a.team == D("50.0") and a.compliance == D("25.0")
    assert a.marketing == D("100.0") and a.capital == D("0.0")
    assert a.overall == D("50.0") and a.weakest == "capital"
    assert a.items.count() == Indicator.objects.filter(active=True).count()
    assert audit_history(a).get().action == "recorded"


def test_a_score_outside_the_indicator_scale_is_refused_and_nothing_is_saved(world):
    scores = all_scores(STRONG) | {"ip-ownership": 6}
    with pytest.raises(ValidationError) as err:
        services.assessment_record(world.manager, world.project, "manager", scores)
    assert "outside its scale" in str(err.value)
    for bad in (0, "3.5", -1):
        with pytest.raises(ValidationError):
            services.assessment_record(
                world.manager, world.project, "manager", {"ip-ownership": bad}
            )
    assert not Assessment.objects.exists() and not Score.objects.exists()


def test_an_edited_scale_applies_to_new_scores_and_keeps_old_ones(world):
    first = world.assess(STRONG)
    ip = Indicator.objects.get(code="ip-ownership")
    services.indicator_save(
        world.manager,
        indicator=ip,
        scale_min=0,
        scale_max=10,
        anchors=[(0, "无", "None"), (10, "清晰", "Clear")],
    )
    services.assessment_record(world.manager, world.project, "manager", {"ip-ownership": 8})
    old = first.items.get(indicator=ip)
    assert (old.scale_min, old.scale_max) == (1, 5)
    with pytest.raises(ValidationError):
        services.indicator_save(world.manager, indicator=ip, anchors=[(11, "x", "x")])
    with pytest.raises(NotAllowed):
        services.indicator_save(world.company_user, indicator=ip, weight=D(2))


def test_company_files_its_self_assessment_first_and_it_is_shown_beside_the_managers(world):
    mine = world.assess(STRONG, kind="self")
    theirs = world.assess({"business": 3, "team": 3, "compliance": 2, "marketing": 3, "capital": 3})
    assert theirs.self_assessment == mine
    profile = selectors.profile(world.project)
    compliance = next(r for r in profile["rows"] if r["dimension"] == "compliance")
    assert compliance["mine"] == D("100.0") and compliance["now"] == D("25.0")
    assert "Company" in selectors.radar_for(world.project)


def test_a_company_files_self_assessments_only_for_its_own_project(world):
    other_company = applicant()
    with pytest.raises(NotAllowed):
        services.assessment_record(other_company, world.project, "self", all_scores(STRONG))
    with pytest.raises(NotAllowed):  # nor may it file the manager's
        services.assessment_record(world.company_user, world.project, "manager", all_scores(STRONG))
    with pytest.raises(NotAllowed):
        services.assessment_record(world.mentor, world.project, "manager", all_scores(STRONG))


def test_an_assessment_cannot_be_dated_in_the_future(world):
    with pytest.raises(ValidationError):
        world.assess(STRONG, on=TODAY + dt.timedelta(days=1))


def test_radar_now_against_the_last_and_history_per_dimension(world):
    world.assess(
        {"business": 3, "team": 3, "compliance": 1, "marketing": 3, "capital": 3},
        on=TODAY - dt.timedelta(days=100),
    )
    world.assess({"business": 4, "team": 3, "compliance": 4, "marketing": 3, "capital": 3})
    svg = selectors.radar_for(world.project)
    assert svg.startswith("<svg") and svg.count('class="series') == 2
    history = selectors.dimension_history(world.project)
    compliance = next(h for h in history if h["dimension"] == "compliance")
    assert [p[1] for p in compliance["points"]] == [D("0.0"), D("75.0")]
    assert "<polyline" in compliance["svg"]


def test_the_weakest_dimension_most_often_across_the_portfolio(world):
    world.assess({"business": 4, "team": 4, "compliance": 1, "marketing": 4, "capital": 4})
    other, other_manager = world.other_project()
    services.assessment_record(
        other_manager,
        other,
        "manager",
        all_scores({"business": 4, "team": 4, "compliance": 2, "marketing": 4, "capital": 3}),
    )
    rows = selectors.weakest_most_often(Project.objects.all())
    assert rows[0][0] == "compliance" and rows[0][2] == 2
    assert "<rect" in selectors.weakest_chart(Project.objects.all())
