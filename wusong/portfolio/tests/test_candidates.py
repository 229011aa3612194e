"""The candidate pool: followed up by a manager, invited into a later call with data."""

import datetime as dt

import pytest
from django.utils import timezone

from wusong.audit.services import audit_history
from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import CallFactory, DeclarationFactory, applicant
from wusong.notifications.models import Notification
from wusong.portfolio import selectors, services
from wusong.portfolio.models import CandidateInvitation, Project

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


def test_the_pool_labels_the_invite_choice_and_links_only_declarations_the_officer_may_open(
    client, candidate
):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext

    from wusong.calls import services as call_services
    from wusong.factories import PDF_BYTES

    project, staff, later = candidate
    third = CallFactory(programme=later.programme, code="batch-third")
    drafted = services.candidate_invite(staff, project, later).declaration
    submitted = services.candidate_invite(staff, project, third).declaration
    company = applicant(project.organisation)
    call_services.attachment_add(
        company, submitted, "business_plan", SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    call_services.declaration_submit(company, submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    client.force_login(staff)
    page = client.get(reverse("portfolio:pool")).content.decode()
    with translation.override("zh-hans"):
        label, choose = gettext("Invite into the call"), gettext("— choose an open call —")
        draft_state, submitted_state = str(State.DRAFT.label), str(State.SUBMITTED.label)
    select = re.search(
        r"<label>([^<]*)<select name=\"call\"[^>]*>(.*?)</select></label>", page, re.S
    )
    assert select, "the invite choice is labelled"
    assert select.group(1).strip() == label
    assert f'<option value="" selected>{choose}</option>' in select.group(2)
    assert "---------" not in page
    # The draft is its applicant's until submitted: named with its state, not linked.
    assert f"{drafted.reference} · {draft_state}" in page
    assert reverse("calls:declaration", args=[drafted.pk]) not in page
    link = reverse("calls:declaration", args=[submitted.pk])
    assert f'<a href="{link}">{submitted.reference}</a> · {submitted_state}' in page
    assert client.get(link).status_code == 200


def test_the_pool_reads_the_same_number_of_times_for_one_candidate_or_several(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from .conftest import candidate_declaration

    decl, staff = candidate_declaration()
    services.project_follow(staff, decl)
    client.force_login(staff)
    url = reverse("portfolio:pool")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        other, _other_staff = candidate_declaration()
        other.call.programme.officers.add(staff)
        services.project_follow(staff, other)
    with CaptureQueriesContext(connection) as four:
        html = client.get(url).content.decode()
    assert html.count('name="call"') == 4  # an invite form per candidate
    assert len(four) == len(one)
