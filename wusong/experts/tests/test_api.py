"""The same steps through the REST API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from wusong.factories import OrganisationFactory, leader, officer

from ..models import Expert
from .factories import FULL_SCORES, ExpertFactory, new_call, passed_declaration

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_authenticate(user)
    return client


def test_import_reports_bad_rows_and_imports_nothing():
    book = Workbook()
    book.active.append(["name", "organisation", "mobile", "yearly load limit"])
    book.active.append(["张三", "上海大学", "13800000001", 5])
    book.active.append(["李四", "", "13800000002", "x"])
    out = io.BytesIO()
    book.save(out)
    api = client_for(officer())
    response = api.post(
        "/api/experts/import/",
        {"file": SimpleUploadedFile("e.xlsx", out.getvalue())},
        format="multipart",
    )
    assert response.status_code == 400
    assert [e["row"] for e in response.json()["errors"]] == [3]
    assert not Expert.objects.exists()


def test_the_whole_round_through_the_api():
    call, staff = new_call()
    org = OrganisationFactory()
    decl = passed_declaration(call, organisation=org, staff=staff)
    a, b = ExpertFactory(name="甲"), ExpertFactory(name="乙")
    conflicted = ExpertFactory(name="丙", organisation=org)
    api = client_for(staff)
    created = api.post(
        "/api/review-rounds/",
        {"call": call.pk, "reviewers_per_declaration": 2, "deadline": "2099-01-01T00:00:00Z"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    rid = created.json()["id"]
    solved = api.post(f"/api/review-rounds/{rid}/compute/").json()
    assert solved["result"]["filled"] == 2 and solved["result"]["shortfalls"] == []
    assignments = api.get(f"/api/review-rounds/{rid}/assignments/").json()
    assert {x["expert"] for x in assignments} == {a.pk, b.pk}
    pin = api.post(
        f"/api/review-rounds/{rid}/rules/",
        {"declaration": decl.pk, "expert": conflicted.pk, "kind": "pin"},
        format="json",
    )
    assert pin.status_code == 409 and "conflict" in pin.json()["detail"]
    drawn = api.post(f"/api/review-rounds/{rid}/draw/", {"seed": 12}, format="json").json()
    assert drawn["seed"] == 12 and drawn["method"] == "random"
    assert api.post(f"/api/review-rounds/{rid}/publish/").json()["state"] == "published"
    panel = api.post(f"/api/review-rounds/{rid}/panel/", {"size": 3, "seed": 4}, format="json")
    assert panel.status_code == 201 and panel.json()["seed"] == "4:panel:1"
    members = {m["expert"]: m["recused_on"] for m in panel.json()["members"]}
    assert members.get(conflicted.pk, [decl.reference]) == [decl.reference]

    desk = client_for(a.user)
    [mine] = desk.get("/api/review-desk/").json()
    assert mine["declaration"] == {"reference": decl.reference}
    assert desk.post(f"/api/review-desk/{mine['id']}/confirm/").status_code == 409
    assert desk.post("/api/review-desk/commit/", {"round": rid}, format="json").status_code == 204
    before = desk.get(f"/api/review-desk/{mine['id']}/").json()["declaration"]
    assert before["title"] == decl.title and "summary" not in before
    opened = desk.post(f"/api/review-desk/{mine['id']}/confirm/").json()
    assert opened["declaration"]["summary"] == decl.summary
    assert [c["code"] for c in opened["declaration"]["rubric"]["criteria"]] == list(FULL_SCORES)
    bad = desk.post(
        f"/api/review-desk/{mine['id']}/scores/",
        {"scores": {**FULL_SCORES, "market": 11}},
        format="json",
    )
    assert bad.status_code == 400 and "market" in bad.json()["errors"]
    done = desk.post(
        f"/api/review-desk/{mine['id']}/scores/",
        {"scores": FULL_SCORES, "recommendation": "fund", "submit": True},
        format="json",
    )
    assert done.status_code == 200 and done.json()["state"] == "submitted"

    # the other expert sees neither a's assignment nor a's scores
    theirs = client_for(b.user)
    assert theirs.get(f"/api/review-desk/{mine['id']}/").status_code == 404
    assert all(x["id"] != mine["id"] for x in theirs.get("/api/review-desk/").json())
    assert theirs.get(f"/api/review-rounds/{rid}/ranking/").status_code == 404
    # the conflicted expert has nothing
    assert client_for(conflicted.user).get("/api/review-desk/").json() == []
    # the applicant sees no round, no ranking, no reviewer
    applicant_api = client_for(decl.created_by)
    assert applicant_api.get(f"/api/review-rounds/{rid}/").status_code == 404
    assert applicant_api.get(f"/api/review-rounds/{rid}/ranking/").status_code == 404
    assert applicant_api.get("/api/review-rounds/").json()["results"] == []
    assert applicant_api.get("/api/experts/").json()["results"] == []
    # officers and leaders read the ranking
    ranking = client_for(leader()).get(f"/api/review-rounds/{rid}/ranking/").json()
    assert ranking[0]["reference"] == decl.reference
    assert ranking[0]["mean"] == "71.0000"


def test_a_declared_conflict_through_the_api_brings_a_replacement():
    call, staff = new_call()
    passed_declaration(call, staff=staff)
    experts = [ExpertFactory() for _ in range(3)]
    api = client_for(staff)
    rid = api.post(
        "/api/review-rounds/",
        {"call": call.pk, "reviewers_per_declaration": 2, "deadline": "2099-01-01T00:00:00Z"},
        format="json",
    ).json()["id"]
    api.post(f"/api/review-rounds/{rid}/compute/")
    api.post(f"/api/review-rounds/{rid}/publish/")
    assigned = {x["expert"] for x in api.get(f"/api/review-rounds/{rid}/assignments/").json()}
    spare = next(e for e in experts if e.pk not in assigned)
    first = next(e for e in experts if e.pk in assigned)
    desk = client_for(first.user)
    [mine] = desk.get("/api/review-desk/").json()
    desk.post("/api/review-desk/commit/", {"round": rid}, format="json")
    assert (
        desk.post(f"/api/review-desk/{mine['id']}/conflict/", {"reason": "师生关系"}).status_code
        == 204
    )
    rows = api.get(f"/api/review-rounds/{rid}/assignments/").json()
    live = {x["expert"] for x in rows if x["state"] == "published"}
    assert spare.pk in live and first.pk not in live
    assert desk.get("/api/review-desk/").json() == []
