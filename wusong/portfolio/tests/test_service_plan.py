"""Weak links become a targeted service plan; owners and managers see overdue items;
mentors see and serve only their projects; the next assessment shows the move."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import OrganisationFactory, UserFactory
from wusong.portfolio import permissions, selectors, services
from wusong.portfolio.models import PlanItem, Server
from wusong.portfolio.services import care
from wusong.portfolio.workflow import PlanItemState
from wusong.registry.roles import Role

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
WEAK = {"business": 4, "team": 3, "compliance": 2, "marketing": 4, "capital": 2}


def test_dimensions_below_the_threshold_become_plan_items(world):
    a = world.assess(WEAK)  # business 75, team 50, compliance 25, marketing 75, capital 25
    items = care.plan_from_assessment(
        world.manager, a, counterparts={"capital": "临港科创投资\n宝山产业基金"}
    )
    assert [(i.dimension, i.kind) for i in items] == [
        ("compliance", PlanItem.Kind.COMPLIANCE_COACHING),
        ("capital", PlanItem.Kind.FINANCING_MATCH),
        ("team", PlanItem.Kind.TEAM_BUILDING),
    ]
    assert all(i.owner_user == world.manager and i.source == a for i in items)
    assert items[1].counterpart_list() == ["临港科创投资", "宝山产业基金"]
    assert items[0].score_then == D("25.0")
    # Planning again adds nothing for a dimension that already has a live item.
    assert care.plan_from_assessment(world.manager, a, counterparts={"capital": "x"}) == []


def test_when_nothing_is_below_the_threshold_the_weakest_is_planned(world):
    a = world.assess({"business": 5, "team": 5, "compliance": 5, "marketing": 4, "capital": 5})
    items = care.plan_from_assessment(world.manager, a)
    assert [i.dimension for i in items] == ["marketing"]


def test_financing_matchmaking_names_its_investors(world):
    a = world.assess(WEAK)
    with pytest.raises(ValidationError, match="investors or partners"):
        care.plan_from_assessment(world.manager, a)
    with pytest.raises(ValidationError):
        care.plan_item_create(
            world.manager,
            world.project,
            dimension="capital",
            kind="resource_match",
            due=TODAY + dt.timedelta(days=30),
            owner_user=world.broker,
        )


def test_an_owner_is_staff_a_mentor_a_broker_or_a_service_agency(world):
    due = TODAY + dt.timedelta(days=30)
    somebody = UserFactory()
    with pytest.raises(ValidationError):
        care.plan_item_create(
            world.manager,
            world.project,
            dimension="team",
            kind="team_building",
            due=due,
            owner_user=somebody,
        )
    with pytest.raises(ValidationError):
        care.plan_item_create(
            world.manager,
            world.project,
            dimension="team",
            kind="team_building",
            due=due,
            owner_agency=OrganisationFactory(),
        )
    with pytest.raises(ValidationError):
        care.plan_item_create(
            world.manager,
            world.project,
            dimension="team",
            kind="team_building",
            due=TODAY - dt.timedelta(days=1),
            owner_user=world.mentor,
        )
    item = care.plan_item_create(
        world.manager,
        world.project,
        dimension="compliance",
        kind="compliance_coaching",
        due=due,
        owner_agency=world.agency,
    )
    assert Server.objects.filter(project=world.project, agency=world.agency, role="agency").exists()
    # A member of the agency works on the item.
    care.plan_item_start(world.agency_user, item)
    care.plan_item_complete(world.agency_user, item, "完成股权结构梳理")
    item.refresh_from_db()
    assert item.state == PlanItemState.DONE and item.closed_at


def test_only_the_manager_plans_and_only_owner_or_manager_works_an_item(world):
    due = TODAY + dt.timedelta(days=30)
    with pytest.raises(NotAllowed):
        care.plan_item_create(
            world.company_user,
            world.project,
            dimension="team",
            kind="team_building",
            due=due,
            owner_user=world.mentor,
        )
    item = care.plan_item_create(
        world.manager,
        world.project,
        dimension="team",
        kind="team_building",
        due=due,
        owner_user=world.mentor,
    )
    with pytest.raises(NotAllowed):
        care.plan_item_complete(world.broker, item, "done")
    with pytest.raises(NotAllowed):
        care.plan_item_cancel(world.mentor, item, "not needed")
    care.plan_item_cancel(world.manager, item, "公司已自行招聘")
    with pytest.raises(ActionRefused):
        care.plan_item_start(world.manager, item)


def test_overdue_items_show_on_the_owners_and_the_managers_desk(world):
    item = care.plan_item_create(
        world.manager,
        world.project,
        dimension="marketing",
        kind="market_channels",
        due=TODAY + dt.timedelta(days=1),
        owner_user=world.mentor,
    )
    later = TODAY + dt.timedelta(days=5)
    mentor_desk = selectors.desk(world.mentor, today=later)
    assert mentor_desk["my_overdue"] == [item]
    manager_desk = selectors.desk(world.manager, today=later)
    assert list(manager_desk["team_overdue"]) == [item]
    assert selectors.desk(world.manager, today=TODAY)["team_overdue"].count() == 0
    care.plan_item_complete(world.mentor, item, "引荐两家渠道商")
    assert selectors.desk(world.mentor, today=later)["my_overdue"] == []


def test_mentors_see_only_the_projects_they_serve(world):
    other, _m = world.other_project()
    care.server_assign(world.manager, world.project, person=world.mentor)
    visible = permissions.projects_visible_to(world.mentor)
    assert list(visible) == [world.project]
    assert not permissions.can_view_project(world.mentor, other)
    assert not permissions.can_view_project(world.broker, world.project)
    assert permissions.can_view_project(world.company_user, world.project)
    assert not permissions.can_view_project(world.company_user, other)
    server = world.project.servers.get(user=world.mentor)
    care.server_end(world.manager, server)
    assert not permissions.can_view_project(world.mentor, world.project)


def test_providers_log_services_only_on_projects_they_serve_and_are_rated(world):
    server = care.server_assign(world.manager, world.project, person=world.mentor)
    entry = care.service_log_add(
        world.mentor,
        world.project,
        kind="mentoring",
        on=TODAY,
        hours=D("2.5"),
        outcome="梳理融资路演材料",
    )
    assert entry.server == server
    other, _m = world.other_project()
    with pytest.raises(NotAllowed):
        care.service_log_add(
            world.mentor, other, kind="mentoring", on=TODAY, hours=D(1), outcome="x"
        )
    with pytest.raises(ValidationError):
        care.service_log_add(
            world.mentor, world.project, kind="mentoring", on=TODAY, hours=D(0), outcome="x"
        )
    with pytest.raises(ValidationError):
        care.service_log_add(
            world.mentor,
            world.project,
            kind="mentoring",
            on=TODAY + dt.timedelta(days=1),
            hours=D(1),
            outcome="x",
        )
    rating = care.rating_add(world.manager, server, 4, "响应及时")
    assert rating.stars == 4
    with pytest.raises(NotAllowed):
        care.rating_add(world.mentor, server, 5)
    with pytest.raises(ValidationError):
        care.rating_add(world.manager, server, 6)


def test_the_next_assessment_shows_whether_the_weak_link_moved_and_the_services_between(world):
    first = world.assess(WEAK, on=TODAY - dt.timedelta(days=120))
    care.plan_item_create(
        world.manager,
        world.project,
        dimension="compliance",
        kind="compliance_coaching",
        due=TODAY + dt.timedelta(days=10),
        owner_user=world.mentor,
        source=first,
    )
    care.service_log_add(
        world.mentor,
        world.project,
        kind="compliance",
        on=TODAY - dt.timedelta(days=60),
        hours=D(6),
        outcome="完成审计",
    )
    services.assessment_record(
        world.manager,
        world.project,
        "manager",
        {
            "audited-accounts": 5,
            "ip-ownership": 5,
            "registration-equity": 4,
            "litigation-credit": 5,
            "business-model": 4,
        },
    )
    profile = selectors.profile(world.project)
    moves = {m["dimension"]: m for m in profile["moves"]}
    assert moves["compliance"]["before"] == D("25.0")
    assert moves["compliance"]["after"] == D("93.8") and moves["compliance"]["closed"]
    assert moves["capital"]["after"] is None
    timeline = selectors.timeline(world.project)
    latest = next(e for e in timeline if e["kind"] == "assessment")
    assert latest["hours_since"] == D(6)
    assert any(e["kind"] == "service" for e in timeline)


def test_a_member_of_no_agency_cannot_act_for_it(world):
    item = care.plan_item_create(
        world.manager,
        world.project,
        dimension="compliance",
        kind="compliance_coaching",
        due=TODAY + dt.timedelta(days=3),
        owner_agency=world.agency,
    )
    outsider = UserFactory(roles=[Role.MENTOR])
    with pytest.raises(NotAllowed):
        care.plan_item_start(outsider, item)


def test_a_staff_owner_from_another_programme_is_given_sight_of_the_project(world):
    from wusong.factories import officer

    colleague = officer()
    assert not permissions.can_view_project(colleague, world.project)
    care.plan_item_create(
        world.manager,
        world.project,
        dimension="capital",
        kind="financing_match",
        due=TODAY + dt.timedelta(days=30),
        owner_user=colleague,
        counterparts="宝山产业基金",
    )
    assert permissions.can_view_project(colleague, world.project)
    assert world.project.servers.get(user=colleague).role == "staff"
    assert not world.project.servers.filter(user=world.manager).exists()
