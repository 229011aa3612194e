import datetime as dt
import json
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from wusong.audit.services import audit_history
from wusong.calls import services
from wusong.calls.models import CallField, Declaration
from wusong.calls.states import State
from wusong.factories import (
    PDF_BYTES,
    CallFactory,
    DeclarationFactory,
    IndustryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    applicant,
    leader,
    officer,
)
from wusong.registry.roles import Role

pytestmark = pytest.mark.django_db

ROLES = ("mine", "other_org", "officer", "other_officer", "leader", "expert", "anonymous")


def client_for(user=None) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world():
    org = OrganisationFactory()
    call = CallFactory()
    return SimpleNamespace(
        org=org,
        call=call,
        mine=applicant(org),
        other_org=applicant(),
        officer=officer(call.programme),
        other_officer=officer(ProgrammeFactory()),
        leader=leader(),
        expert=UserFactory(roles=[Role.EXPERT]),
        anonymous=None,
    )


def make_declaration(world, state=State.DRAFT) -> Declaration:
    decl = DeclarationFactory(call=world.call, organisation=world.org, created_by=world.mine)
    services.attachment_add(world.mine, decl, "business_plan", _upload("商业计划书.pdf", PDF_BYTES))
    if state in (State.SUBMITTED, State.PASSED, State.RETURNED):
        services.declaration_submit(world.mine, decl)
    if state == State.PASSED:
        services.formal_review_decide(world.officer, decl, "pass")
    if state == State.RETURNED:
        services.formal_review_decide(world.officer, decl, "return", reason="补充材料")
    decl.refresh_from_db()
    return decl


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def url(decl_id, tail=""):
    return f"/api/declarations/{decl_id}/{tail}"


# --- the permission matrix -------------------------------------------------------------


def _call(client, endpoint, decl):
    att = decl.attachments.first()
    method, path, body, fmt = {
        "retrieve": ("get", url(decl.pk), None, None),
        "update": ("patch", url(decl.pk), {"title": "改过的标题"}, "json"),
        "submit": ("post", url(decl.pk, "submit/"), None, None),
        "withdraw": ("post", url(decl.pk, "withdraw/"), None, None),
        "start_formal_review": ("post", url(decl.pk, "start-formal-review/"), None, None),
        "decide": ("post", url(decl.pk, "decide/"), {"decision": "pass"}, "json"),
        "history": ("get", url(decl.pk, "history/"), None, None),
        "changes": ("get", url(decl.pk, "changes/"), None, None),
        "attachments": ("get", url(decl.pk, "attachments/"), None, None),
        "upload": (
            "post",
            url(decl.pk, "attachments/"),
            {"kind": "technical_report", "file": _upload("技术报告.pdf", PDF_BYTES)},
            "multipart",
        ),
        "remove_attachment": ("delete", url(decl.pk, f"attachments/{att.pk}/"), None, None),
        "download": ("get", url(decl.pk, f"attachments/{att.pk}/download/"), None, None),
    }[endpoint]
    kwargs = {"format": fmt} if fmt else {}
    if body is not None:
        kwargs["data"] = body
    return getattr(client, method)(path, **kwargs)


# status per role, in the order of ROLES
SUBMITTED_MATRIX = {
    "retrieve": (200, 404, 200, 404, 200, 404, 401),
    "update": (409, 404, 403, 404, 403, 404, 401),
    "submit": (200, 404, 403, 404, 403, 404, 401),
    "withdraw": (200, 404, 403, 404, 403, 404, 401),
    "start_formal_review": (403, 404, 200, 404, 403, 404, 401),
    "decide": (403, 404, 200, 404, 403, 404, 401),
    "history": (200, 404, 200, 404, 200, 404, 401),
    "changes": (200, 404, 200, 404, 200, 404, 401),
    "attachments": (200, 404, 200, 404, 200, 404, 401),
    "upload": (409, 404, 403, 404, 403, 404, 401),
    "remove_attachment": (409, 404, 403, 404, 403, 404, 401),
    "download": (200, 404, 200, 404, 200, 404, 401),
}
# Officers do not see drafts at all.
DRAFT_MATRIX = {
    "retrieve": (200, 404, 404, 404, 200, 404, 401),
    "update": (200, 404, 404, 404, 403, 404, 401),
    "submit": (200, 404, 404, 404, 403, 404, 401),
    "withdraw": (200, 404, 404, 404, 403, 404, 401),
    "start_formal_review": (409, 404, 404, 404, 409, 404, 401),
    "decide": (409, 404, 404, 404, 409, 404, 401),
    "history": (200, 404, 404, 404, 200, 404, 401),
    "changes": (200, 404, 404, 404, 200, 404, 401),
    "attachments": (200, 404, 404, 404, 200, 404, 401),
    "upload": (201, 404, 404, 404, 403, 404, 401),
    "remove_attachment": (204, 404, 404, 404, 403, 404, 401),
    "download": (200, 404, 404, 404, 200, 404, 401),
}
# Returned: the applicant edits again; officers see it but no longer decide it.
RETURNED_MATRIX = {
    "retrieve": (200, 404, 200, 404, 200, 404, 401),
    "update": (200, 404, 403, 404, 403, 404, 401),
    "submit": (200, 404, 403, 404, 403, 404, 401),
    "withdraw": (200, 404, 403, 404, 403, 404, 401),
    "start_formal_review": (409, 404, 409, 404, 409, 404, 401),
    "decide": (409, 404, 409, 404, 409, 404, 401),
    "history": (200, 404, 200, 404, 200, 404, 401),
    "changes": (200, 404, 200, 404, 200, 404, 401),
    "attachments": (200, 404, 200, 404, 200, 404, 401),
    "upload": (201, 404, 403, 404, 403, 404, 401),
    "remove_attachment": (204, 404, 403, 404, 403, 404, 401),
    "download": (200, 404, 200, 404, 200, 404, 401),
}
MUTATING = {
    "update",
    "submit",
    "withdraw",
    "start_formal_review",
    "decide",
    "upload",
    "remove_attachment",
}


@pytest.mark.parametrize(
    ("state", "endpoint", "expected"),
    [(State.SUBMITTED, e, s) for e, s in SUBMITTED_MATRIX.items()]
    + [(State.DRAFT, e, s) for e, s in DRAFT_MATRIX.items()]
    + [(State.RETURNED, e, s) for e, s in RETURNED_MATRIX.items()],
)
def test_every_role_against_every_declaration_endpoint(world, state, endpoint, expected):
    got = {}
    shared = make_declaration(world, state)
    for role in ROLES:
        decl = make_declaration(world, state) if endpoint in MUTATING else shared
        before = (decl.state, len(audit_history(decl)), decl.attachments.count())
        response = _call(client_for(getattr(world, role)), endpoint, decl)
        got[role] = response.status_code
        if response.status_code >= 400:
            body = response.json()
            assert body["detail"], (role, endpoint, body)
            decl.refresh_from_db()
            assert before == (decl.state, len(audit_history(decl)), decl.attachments.count())
        if response.status_code == 404:
            # Nothing but "not found": not the title, not the state, not the organisation.
            assert set(response.json()) == {"detail"}
    assert got == dict(zip(ROLES, expected, strict=True))


def test_list_and_create_by_every_role(world):
    submitted = make_declaration(world, State.SUBMITTED)
    draft = make_declaration(world, State.DRAFT)
    elsewhere = DeclarationFactory()
    seen = {}
    for role in ROLES:
        response = client_for(getattr(world, role)).get("/api/declarations/")
        results = response.json().get("results", [])
        seen[role] = (response.status_code, sorted(d["id"] for d in results))
    assert seen == {
        "mine": (200, sorted([submitted.pk, draft.pk])),
        "other_org": (200, []),
        "officer": (200, [submitted.pk]),
        "other_officer": (200, []),
        "leader": (200, sorted([submitted.pk, draft.pk, elsewhere.pk])),
        "expert": (200, []),
        "anonymous": (401, []),
    }

    created = {}
    for role in ROLES:
        response = client_for(getattr(world, role)).post(
            "/api/declarations/",
            {
                "call": world.call.pk,
                "title": "新项目",
                "summary": "摘要",
                "industry": submitted.industry_id,
                "trl": 3,
                "company_status": "none",
                "requested_amount": "1000000",
            },
            format="json",
        )
        created[role] = response.status_code
    assert created == {
        "mine": 201,
        "other_org": 201,
        "officer": 403,
        "other_officer": 403,
        "leader": 403,
        "expert": 403,
        "anonymous": 401,
    }
    assert Declaration.objects.count() == 5


def test_a_guessed_id_of_another_organisations_declaration_is_simply_not_found(world):
    theirs = make_declaration(world, State.SUBMITTED)
    client = client_for(world.other_org)
    guessed = client.get(url(theirs.pk))
    missing = client.get(url(theirs.pk + 10_000))
    assert guessed.status_code == missing.status_code == 404
    assert guessed.json() == missing.json() == {"detail": guessed.json()["detail"]}
    assert theirs.title not in guessed.content.decode()
    for tail in ("history/", "changes/", "attachments/", "submit/", "withdraw/"):
        method = client.post if tail.endswith(("submit/", "withdraw/")) else client.get
        assert method(url(theirs.pk, tail)).json() == guessed.json()
    theirs.refresh_from_db()
    assert theirs.state == State.SUBMITTED


# --- the whole flow through the API -----------------------------------------------------


def test_create_upload_submit_return_update_resubmit_pass(world):
    CallField.objects.create(
        call=world.call, key="patents", label="授权发明专利数", kind="number", required=True
    )
    CallField.objects.create(
        call=world.call,
        key="stage",
        label="企业阶段",
        kind="choice",
        choices="初创\n成长",
    )
    industry = IndustryFactory(code="biomedicine", name="生物医药")
    me = client_for(world.mine)
    staff = client_for(world.officer)

    response = me.post(
        "/api/declarations/",
        {
            "call": world.call.pk,
            "title": "场景导向的酶工程产品",
            "summary": "面向应用场景的酶制剂开发",
            "industry": industry.pk,
            "trl": 4,
            "company_status": "llc",
            "company_name": world.org.name,
            "uscc": world.org.uscc,
            "requested_amount": "3000000.00",
            "team": [{"name": "李华", "role": "负责人", "is_lead": True}],
            "milestones": [{"title": "完成中试", "due": "2027-06-30"}],
            "answers": {"patents": "3", "stage": "初创"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    decl_id = body["id"]
    assert body["state"] == "draft" and body["state_display"] == "Draft"
    assert body["requested_amount"] == "3000000.00"
    assert body["requested_amount_wan"] == "300.00"
    assert body["answers"] == {"patents": "3", "stage": "初创"}
    assert [a["code"] for a in body["available_actions"]] == ["edit", "submit", "withdraw"]

    response = me.post(
        url(decl_id, "attachments/"),
        {"kind": "business_plan", "file": _upload("商业计划书.pdf", PDF_BYTES)},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    download = me.get(response.json()["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"

    response = me.post(url(decl_id, "submit/"))
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "submitted" and response.json()["submitted_at"]

    response = staff.post(
        url(decl_id, "decide/"),
        {"decision": "return", "reason": "请补充知识产权证明"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "returned"

    body = me.get(url(decl_id)).json()
    assert body["decision_reason"] == "请补充知识产权证明" and body["resubmit_by"]
    assert "edit" in [a["code"] for a in body["available_actions"]]

    response = me.patch(
        url(decl_id),
        {"title": "场景导向的酶工程产品（修订）", "answers": {"patents": "5"}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert me.post(url(decl_id, "submit/")).json()["state"] == "submitted"

    changes = staff.get(url(decl_id, "changes/")).json()
    assert changes["changes"]["title"] == ["场景导向的酶工程产品", "场景导向的酶工程产品（修订）"]
    assert [Decimal(v) for v in changes["changes"]["field:patents"]] == [3, 5]
    assert changes["resubmitted_by"] == str(world.mine)

    response = staff.post(url(decl_id, "decide/"), {"decision": "pass"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "passed"

    history = staff.get(url(decl_id, "history/")).json()
    assert [e["action"] for e in history] == [
        "created",
        "attachment_added",
        "submitted",
        "start_formal_review",
        "return_for_revision",
        "edited",
        "resubmitted",
        "start_formal_review",
        "pass_formal_review",
    ]
    returned = history[4]
    assert returned["note"] == "请补充知识产权证明"
    assert returned["changes"] == {"state": ["under_formal_review", "returned"]}
    assert returned["actor_name"] == str(world.officer)
    assert returned["action_label"] == "Returned for revision"
    assert history[0]["at"]


# --- bad input: a readable message, nothing changed ------------------------------------


def test_a_disguised_program_is_refused(world):
    decl = make_declaration(world)
    entries = len(audit_history(decl))
    response = client_for(world.mine).post(
        url(decl.pk, "attachments/"),
        {"kind": "technical_report", "file": _upload("技术报告.pdf", b"MZ" + b"\0" * 200)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "Windows program" in response.json()["detail"]
    assert "file" in response.json()["errors"]
    assert decl.attachments.count() == 1 and len(audit_history(decl)) == entries


def test_an_oversized_file_is_refused(world, settings):
    decl = make_declaration(world)
    settings.WUSONG_ATTACHMENT_MAX_BYTES = 1024
    response = client_for(world.mine).post(
        url(decl.pk, "attachments/"),
        {"kind": "technical_report", "file": _upload("大文件.pdf", b"%PDF-" + b"0" * 4096)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "largest accepted" in response.json()["detail"]
    assert decl.attachments.count() == 1


def test_submission_after_the_deadline_is_refused(world):
    decl = make_declaration(world)
    world.call.opens_at = timezone.now() - dt.timedelta(days=30)
    world.call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.call.save()
    response = client_for(world.mine).post(url(decl.pk, "submit/"))
    assert response.status_code == 409
    assert "deadline" in response.json()["detail"]
    decl.refresh_from_db()
    assert decl.state == State.DRAFT and decl.submitted_at is None


def test_an_officer_decision_in_the_wrong_state_is_refused(world):
    decl = make_declaration(world, State.PASSED)
    entries = len(audit_history(decl))
    response = client_for(world.officer).post(
        url(decl.pk, "decide/"), {"decision": "reject", "reason": "重复申报"}, format="json"
    )
    assert response.status_code == 409
    assert "not possible while the declaration is" in response.json()["detail"]
    decl.refresh_from_db()
    assert decl.state == State.PASSED and len(audit_history(decl)) == entries


def test_a_return_without_reasons_is_refused(world):
    decl = make_declaration(world, State.SUBMITTED)
    response = client_for(world.officer).post(
        url(decl.pk, "decide/"), {"decision": "return", "reason": " "}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    assert "Write the reasons" in response.json()["detail"]
    decl.refresh_from_db()
    assert decl.state == State.SUBMITTED


def test_bad_declaration_input_names_the_fields(world):
    CallField.objects.create(call=world.call, key="patents", label="专利数", kind="number")
    response = client_for(world.mine).post(
        "/api/declarations/",
        {
            "call": world.call.pk,
            "title": "x",
            "summary": "y",
            "industry": IndustryFactory().pk,
            "trl": 12,
            "company_status": "llc",
            "uscc": "9144030071526726XH",
            "requested_amount": "-5",
            "answers": {"patents": "many", "colour": "blue"},
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"trl", "uscc", "requested_amount", "answers"} <= set(errors)
    assert "should be G" in response.json()["detail"]
    assert set(errors["answers"]) == {"patents", "colour"}
    assert not Declaration.objects.exists()


# --- lists, filters, authentication, documents ------------------------------------------


def test_officers_filter_and_sort_the_list(world):
    bio = IndustryFactory(code="biomedicine", name="生物医药")
    made = []
    for title, amount, industry in (
        ("甲", "1000000", bio),
        ("乙", "8000000", None),
        ("丙", "3000000", bio),
    ):
        decl = make_declaration(world)
        data = {"title": title, "requested_amount": Decimal(amount)}
        if industry:
            data["industry"] = industry
        services.declaration_update(world.mine, decl, data)
        services.declaration_submit(world.mine, decl)
        made.append(decl)
    services.formal_review_decide(world.officer, made[2], "pass")
    client = client_for(world.officer)

    def titles(**params):
        response = client.get("/api/declarations/", params)
        assert response.status_code == 200, response.json()
        return [d["title"] for d in response.json()["results"]]

    assert titles(ordering="requested_amount") == ["甲", "丙", "乙"]
    assert titles(ordering="-requested_amount") == ["乙", "丙", "甲"]
    assert titles(industry="biomedicine", ordering="title") == sorted(["甲", "丙"])
    assert titles(industry=bio.pk, amount_min="2000000") == ["丙"]
    assert titles(amount_max="1000000.00") == ["甲"]
    assert titles(state="passed") == ["丙"]
    assert sorted(titles(state="submitted,passed")) == sorted(["甲", "乙", "丙"])
    assert titles(ordering="state")[-1] == "丙"
    today = timezone.localdate()
    assert len(titles(submitted_from=today.isoformat(), submitted_to=today.isoformat())) == 3
    assert titles(submitted_from=(today + dt.timedelta(days=1)).isoformat()) == []
    assert len(titles(call=world.call.code)) == 3
    assert titles(call=CallFactory().pk) == []

    response = client.get("/api/declarations/", {"ordering": "colour", "state": "lost"})
    assert response.status_code == 400
    assert "ordering" in response.json()["errors"] and "state" in response.json()["errors"]
    assert "lost" in response.json()["detail"]


def test_token_and_session_authentication_both_work(world):
    make_declaration(world)
    anonymous = APIClient()
    response = anonymous.post(
        "/api/token", {"username": world.mine.username, "password": "pass-wusong-2024"}
    )
    assert response.status_code == 200
    token = response.json()["token"]

    bad = anonymous.post("/api/token", {"username": world.mine.username, "password": "wrong"})
    assert bad.status_code == 400 and bad.json()["detail"]

    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert by_token.get("/api/declarations/").json()["count"] == 1
    by_token.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert by_token.get("/api/declarations/").status_code == 401

    by_session = APIClient(enforce_csrf_checks=True)
    assert by_session.login(username=world.mine.username, password="pass-wusong-2024")
    assert by_session.get("/api/declarations/").json()["count"] == 1
    # A session write needs the CSRF token, as for any form in the browser.
    assert by_session.post("/api/declarations/", {}, format="json").status_code == 403

    anonymous_response = anonymous.get("/api/declarations/")
    assert anonymous_response.status_code == 401
    assert anonymous_response["WWW-Authenticate"].startswith("Token")


def test_programmes_and_calls_show_the_call_extra_fields(world):
    CallField.objects.create(
        call=world.call, key="stage", label="企业阶段", kind="choice", choices="初创\n成长"
    )
    client = client_for(world.mine)
    call = client.get(f"/api/calls/{world.call.pk}/").json()
    assert call["budget"] == "60000000.00" and call["budget_wan"] == "6000.00"
    assert call["is_open"] is True
    assert call["extra_fields"][0]["key"] == "stage"
    assert call["extra_fields"][0]["choices"] == ["初创", "成长"]
    listed = client.get("/api/calls/", {"programme": world.call.programme.code}).json()
    assert [c["id"] for c in listed["results"]] == [world.call.pk]
    programme = client.get(f"/api/programmes/{world.call.programme_id}/").json()
    assert programme["calls"] == [world.call.pk] and programme["kind"] == "invest_first"
    workflow = client.get("/api/declarations/workflow/").json()
    assert {"code": "returned", "label": "Returned for revision"} in workflow["states"]
    decide = {t["code"]: t for t in workflow["transitions"]}["return_for_revision"]
    assert decide["sources"] == ["under_formal_review"] and decide["reason_required"]
    assert APIClient().get("/api/calls/").status_code == 401


def test_the_openapi_document_lists_the_declaration_paths(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    validate_schema(document)  # against the OpenAPI 3 JSON schema
    for path in (
        "/api/declarations/",
        "/api/declarations/{id}/",
        "/api/declarations/{id}/submit/",
        "/api/declarations/{id}/decide/",
        "/api/declarations/{id}/attachments/{att_id}/download/",
        "/api/organisations/",
        "/api/token",
    ):
        assert path in document["paths"], path


def test_the_api_docs_use_only_local_assets(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    sources = re.findall(r"""<(?:script|link)[^>]*?(?:src|href)=["']([^"']+)""", html)
    assert sources, html
    assert not [s for s in sources if s.startswith(("http://", "https://", "//"))]
    assert all(s.startswith("/static/") or s.startswith("/api/") for s in sources), sources
    # Swagger UI's validator badge would send the schema to validator.swagger.io.
    assert '"validatorUrl": null' in html
