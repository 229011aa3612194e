"""Every role against every declaration page: who gets what. A declaration someone may
not see is "not found" (404), never "forbidden", so ids cannot be probed."""

import pytest
from django.urls import reverse

from wusong.calls import services
from wusong.calls.states import State
from wusong.factories import (
    CallFactory,
    DeclarationFactory,
    OrganisationFactory,
    UserFactory,
    applicant,
    leader,
    officer,
)
from wusong.registry.roles import Role

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "declarant",
    "other_applicant",
    "officer",
    "other_officer",
    "leader",
    "expert",
    "admin",
)

# page -> expected status per role, for a submitted declaration
EXPECTED = {
    "declaration": {
        "declarant": 200,
        "other_applicant": 404,
        "officer": 200,
        "other_officer": 404,
        "leader": 200,
        "expert": 404,
        "admin": 200,
    },
    "history": {
        "declarant": 200,
        "other_applicant": 404,
        "officer": 200,
        "other_officer": 404,
        "leader": 200,
        "expert": 404,
        "admin": 200,
    },
    "download": {
        "declarant": 200,
        "other_applicant": 404,
        "officer": 200,
        "other_officer": 404,
        "leader": 200,
        "expert": 404,
        "admin": 200,
    },
    "edit": {
        "declarant": 302,
        "other_applicant": 404,
        "officer": 302,
        "other_officer": 404,
        "leader": 302,
        "expert": 404,
        "admin": 302,
    },
    "call_declarations": {
        "declarant": 404,
        "other_applicant": 404,
        "officer": 200,
        "other_officer": 404,
        "leader": 200,
        "expert": 404,
        "admin": 200,
    },
    "call_export": {
        "declarant": 404,
        "other_applicant": 404,
        "officer": 200,
        "other_officer": 404,
        "leader": 200,
        "expert": 404,
        "admin": 200,
    },
    "overview": {
        "declarant": 404,
        "other_applicant": 404,
        "officer": 404,
        "other_officer": 404,
        "leader": 200,
        "expert": 404,
        "admin": 200,
    },
}
# actions (POST) -> whether the declaration may change, per role
ACTIONS = ("submit", "withdraw", "formal_review")


@pytest.fixture
def world(pdf_upload):
    call = CallFactory()
    decl = DeclarationFactory(call=call)
    attachment = services.attachment_add(decl.created_by, decl, "business_plan", pdf_upload())
    services.declaration_submit(decl.created_by, decl)
    users = {
        "anonymous": None,
        "declarant": applicant(decl.organisation),
        "other_applicant": applicant(OrganisationFactory()),
        "officer": officer(call.programme),
        "other_officer": officer(CallFactory().programme),
        "leader": leader(),
        "expert": UserFactory(roles=[Role.EXPERT]),
        "admin": UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True),
    }
    return decl, attachment, users


def url_for(page, decl, attachment):
    if page in ("call_declarations", "call_export"):
        return reverse(f"calls:{page}", args=[decl.call.code])
    if page == "overview":
        return reverse("insight:overview")
    if page == "download":
        return reverse("calls:download", args=[decl.pk, attachment.pk])
    return reverse(f"calls:{page}", args=[decl.pk])


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_page(client, world, role):
    decl, attachment, users = world
    if users[role] is not None:
        client.force_login(users[role])
    for page, expected in EXPECTED.items():
        response = client.get(url_for(page, decl, attachment))
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
        else:
            assert response.status_code == expected[role], (page, role, response.status_code)
        if response.status_code == 404:
            assert decl.title not in response.content.decode(errors="ignore")


@pytest.mark.parametrize("role", ROLES)
def test_actions_only_change_what_the_role_may_change(client, world, role):
    decl, attachment, users = world
    if users[role] is not None:
        client.force_login(users[role])
    outcomes = {}
    for action in ACTIONS:
        data = {"decision": "return", "reason": "请补充材料"} if action == "formal_review" else {}
        response = client.post(reverse(f"calls:{action}", args=[decl.pk]), data)
        decl.refresh_from_db()
        outcomes[action] = (response.status_code, decl.state)
    if role == "declarant":
        # submitting again is harmless; withdrawing is the declarant's right
        assert outcomes["submit"] == (302, State.SUBMITTED)
        assert outcomes["withdraw"] == (302, State.WITHDRAWN)
    elif role in ("officer", "admin"):
        assert outcomes["submit"] == (302, State.SUBMITTED)
        assert outcomes["withdraw"] == (302, State.SUBMITTED)
        assert outcomes["formal_review"] == (302, State.RETURNED)
    elif role == "leader":
        assert all(state == State.SUBMITTED for _, state in outcomes.values())
    elif role == "anonymous":
        assert all(code == 302 and state == State.SUBMITTED for code, state in outcomes.values())
    else:
        assert all(code == 404 and state == State.SUBMITTED for code, state in outcomes.values())


def test_an_officer_never_sees_drafts(client):
    decl = DeclarationFactory()
    client.force_login(officer(decl.call.programme))
    assert client.get(reverse("calls:declaration", args=[decl.pk])).status_code == 404
