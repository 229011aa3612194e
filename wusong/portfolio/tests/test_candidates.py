"""The candidate pool: followed up by a manager, invited into a later call with data."""

import datetime as dt

import pytest
from django.utils import timezone

from wusong.audit.services import audit_history
from wusong.calls.models import Declaration
from wusong.calls.workflow import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import CallFactory, DeclarationFactory, applicant
from wusong.portfolio import selectors, services
from wusong.portfolio.models import CandidateInvitation, Project
from wusong.review.models import Notification

from .conftest import STRONG, all_scores

pytestmark = pytest.mark.django_db


def test_a_candidate_is_followed_up_assessed_and_listed_in_the_pool(candidate):
    project, staff, _later = candidate
    assert project.kind == Project.Kind.CANDIDATE
    services.contact_add(staff, project, name="李华", role="CEO", phone="13812345678")
    services.follow_up_add(staff, project, kind="service_offered", note="提供知识产权布局辅导")
    services.assessment_record(staff, project, "manager", all_scores(STRONG))
    pool = selectors.candidate_pool(staff)
    assert [row["project"] for row in pool] == [project]
    assert project.follow_ups.get().kind == "service_offered"


def test_invite_creates_a_draft_in_the_later_call_with_the_data_carried_over(candidate):
    project, staff, later = candidate
    old = project.declaration
    invitation = services.candidate_invite(staff, project, later)
    new = invitation.declaration
    assert new.call == later and new.state == State.DRAFT and new.organisation == old.organisation
    for field in (
        "title",
        "summary",
        "keywords",
        "industry_id",
        "trl",
        "company_name",
        "uscc",
        "requested_amount",
    ):
        assert getattr(new, field) == getattr(old, field)
    assert [m.name for m in new.team.all()] == [m.name for m in old.team.all()]
    assert [(m.title, m.due) for m in new.milestones.all()] == [
        (m.title, m.due) for m in old.milestones.all()
    ]
    actions = [e.action for e in audit_history(new)]
    assert actions == ["created", "invited_from_candidate"]
    assert audit_history(new).last().actor == staff
    assert Notification.objects.filter(recipient_organisation=old.organisation).exists()
    with pytest.raises(ActionRefused):
        services.candidate_invite(staff, project, later)


def test_invite_only_into_an_open_later_call_and_only_by_the_manager(candidate):
    project, staff, later = candidate
    closed = CallFactory(
        programme=later.programme,
        opens_at=timezone.now() - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(days=30),
    )
    with pytest.raises(ActionRefused):
        services.candidate_invite(staff, project, closed)
    with pytest.raises(ActionRefused):
        services.candidate_invite(staff, project, project.declaration.call)
    with pytest.raises(NotAllowed):
        services.candidate_invite(applicant(project.organisation), project, later)
    assert not CandidateInvitation.objects.exists()


def test_only_approved_or_shortlisted_declarations_are_followed(db):
    draft = DeclarationFactory()
    from wusong.factories import officer

    staff = officer(draft.call.programme)
    with pytest.raises(ActionRefused):
        services.project_follow(staff, draft)
    assert not Declaration.objects.filter(portfolio_project__isnull=False).exists()


def test_only_an_officer_of_the_programme_follows_a_project(candidate):
    project, _staff, _later = candidate
    from wusong.factories import officer

    with pytest.raises(ActionRefused):  # already followed
        services.project_follow(project.manager, project.declaration)
    with pytest.raises(NotAllowed):
        services.project_follow(officer(), project.declaration)
