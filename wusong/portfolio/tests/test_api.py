"""The portfolio through the REST API: the same rules, as status codes."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from wusong.factories import applicant
from wusong.kernels import periods
from wusong.portfolio.models import Assessment
from wusong.portfolio.services import care

from .conftest import STRONG, all_scores, signed_agreement

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
LAST_Q = periods.previous_period(*periods.period_of(TODAY))


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_manager_records_an_assessment_and_reads_the_profile_with_the_radar(world):
    url = f"/api/portfolio/projects/{world.project.pk}/assessments/"
    bad = api(world.manager).post(
        url, {"kind": "manager", "scores": {"ip-ownership": 7}}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["errors"]["ip-ownership"]
    ok = api(world.manager).post(
        url, {"kind": "manager", "scores": all_scores(STRONG)}, format="json"
    )
    assert ok.status_code == 201 and ok.json()["compliance"] == "100.0"
    profile = api(world.manager).get(f"/api/portfolio/projects/{world.project.pk}/profile/").json()
    assert profile["radar_svg"].startswith("<svg") and profile["current"]["overall"] == "100.0"
    indicators = api(world.manager).get("/api/portfolio/indicators/").json()
    assert indicators["count"] >= 15 and indicators["results"][0]["anchors"]


def test_a_company_self_assesses_only_its_own_project(world):
    url = f"/api/portfolio/projects/{world.project.pk}/assessments/"
    data = {"kind": "self", "scores": all_scores(STRONG)}
    assert api(applicant()).post(url, data, format="json").status_code == 404
    assert (
        api(world.company_user)
        .post(url, {"kind": "manager", "scores": all_scores(STRONG)}, format="json")
        .status_code
        == 403
    )
    assert api(world.company_user).post(url, data, format="json").status_code == 201
    assert Assessment.objects.get().kind == "self"


def test_company_reports_through_the_api_and_a_future_quarter_is_refused(world):
    url = f"/api/portfolio/projects/{world.project.pk}/reports/"
    figures = {"revenue": "100000.00", "rd_spend": "50000.00", "headcount": 12, "submit": True}
    future = api(world.company_user).post(
        url, figures | {"year": TODAY.year + 1, "period": 1}, format="json"
    )
    assert future.status_code == 409
    done = api(world.company_user).post(
        url, figures | {"year": LAST_Q[0], "period": LAST_Q[1]}, format="json"
    )
    assert done.status_code == 201 and done.json()["state"] == "submitted"
    assert api(applicant()).get(url).status_code == 404
    report_id = done.json()["id"]
    assert (
        api(world.company_user).post(f"/api/portfolio/reports/{report_id}/accept/").status_code
        == 403
    )
    assert api(world.manager).post(f"/api/portfolio/reports/{report_id}/accept/").status_code == 200


def test_mentors_list_only_the_projects_they_serve_and_log_services(world):
    other, _m = world.other_project()
    care.server_assign(world.manager, world.project, person=world.mentor)
    listed = api(world.mentor).get("/api/portfolio/projects/").json()
    assert [p["id"] for p in listed["results"]] == [world.project.pk]
    assert api(world.mentor).get(f"/api/portfolio/projects/{other.pk}/").status_code == 404
    log = {"kind": "mentoring", "on": TODAY.isoformat(), "hours": "1.5", "outcome": "融资路演辅导"}
    assert (
        api(world.mentor)
        .post(f"/api/portfolio/projects/{world.project.pk}/services/", log, format="json")
        .status_code
        == 201
    )
    assert (
        api(world.mentor)
        .post(f"/api/portfolio/projects/{other.pk}/services/", log, format="json")
        .status_code
        == 404
    )


def test_plan_items_through_the_api(world):
    world.assess({"business": 4, "team": 4, "compliance": 2, "marketing": 4, "capital": 4})
    made = api(world.manager).post(
        f"/api/portfolio/projects/{world.project.pk}/plan-from-assessment/", {}, format="json"
    )
    assert made.status_code == 201 and made.json()[0]["dimension"] == "compliance"
    item = made.json()[0]["id"]
    done = api(world.manager).post(
        f"/api/portfolio/plan-items/{item}/complete/", {"text": "完成合规辅导"}, format="json"
    )
    assert done.status_code == 200 and done.json()["state"] == "done"


def test_a_second_extension_is_refused_through_the_api(world):
    agreement = signed_agreement(world)
    data = {
        "agreement": agreement.pk,
        "new_end": (agreement.end_date + dt.timedelta(days=90)).isoformat(),
        "reason": "设备延期到货",
    }
    assert (
        api(world.company_user)
        .post("/api/portfolio/extension-requests/", data, format="json")
        .status_code
        == 201
    )
    second = api(world.company_user).post("/api/portfolio/extension-requests/", data, format="json")
    assert second.status_code == 409


def test_the_openapi_document_describes_the_portfolio_routes():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "/api/portfolio/projects/{id}/assessments/" in schema["paths"]
    assert "/api/portfolio/checks/{id}/outcome/" in schema["paths"]


def test_the_manager_assigns_and_ends_a_provider_through_the_api(world):
    url = f"/api/portfolio/projects/{world.project.pk}/servers/"
    assert api(world.mentor).get("/api/portfolio/projects/").json()["results"] == []
    made = api(world.manager).post(url, {"user": world.mentor.pk}, format="json")
    assert made.status_code == 201 and made.json()["role"] == "mentor"
    assert [
        p["id"] for p in api(world.mentor).get("/api/portfolio/projects/").json()["results"]
    ] == [world.project.pk]
    again = api(world.manager).post(url, {"user": world.mentor.pk}, format="json")
    assert again.status_code == 409 and str(world.mentor) in again.json()["detail"]
    not_agency = api(world.manager).post(url, {"agency": world.company.pk}, format="json")
    assert not_agency.status_code == 400 and "owner" in not_agency.json()["errors"]
    neither = api(world.manager).post(url, {}, format="json")
    assert neither.status_code == 400
    assert api(world.company_user).post(
        url, {"user": world.broker.pk}, format="json"
    ).status_code in (
        403,
        404,
    )
    agency = api(world.manager).post(url, {"agency": world.agency.pk}, format="json")
    assert agency.status_code == 201 and agency.json()["role"] == "agency"
    server = made.json()["id"]
    ended = api(world.manager).post(f"/api/portfolio/servers/{server}/end/")
    assert ended.status_code == 200 and ended.json()["active"] is False
    assert api(world.mentor).get(f"/api/portfolio/projects/{world.project.pk}/").status_code == 404
