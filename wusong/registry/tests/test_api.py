import pytest
from rest_framework.test import APIClient

from wusong.audit.services import audit_history
from wusong.factories import (
    IndustryFactory,
    OrganisationFactory,
    UserFactory,
    applicant,
    leader,
    make_uscc,
    officer,
)
from wusong.registry.models import Organisation
from wusong.registry.roles import Role

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def new_organisation(**extra):
    return {"name": "上海示例新材料有限公司", "kind": "enterprise", "uscc": make_uscc(), **extra}


def test_signed_in_users_read_industries_and_organisations():
    IndustryFactory(code="biomedicine", name="生物医药", name_en="Biomedicine")
    org = OrganisationFactory()
    client = client_for(UserFactory(roles=[Role.EXPERT]))
    industries = client.get("/api/industries/").json()["results"]
    assert {"code": "biomedicine", "label": "Biomedicine"}.items() <= industries[0].items()
    body = client.get(f"/api/organisations/{org.pk}/").json()
    assert body["uscc"] == org.uscc and body["kind_display"] == "Enterprise"
    assert client_for().get("/api/organisations/").status_code == 401
    assert client_for().get("/api/industries/").status_code == 401


@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", 201), ("administrator", 201), ("applicant", 403), ("leader", 403)],
)
def test_only_administrators_and_officers_register_organisations(who, expected):
    user = {
        "officer": lambda: officer(),
        "administrator": lambda: UserFactory(roles=[Role.ADMINISTRATOR]),
        "applicant": lambda: applicant(),
        "leader": lambda: leader(),
    }[who]()
    before = Organisation.objects.count()
    response = client_for(user).post("/api/organisations/", new_organisation(), format="json")
    assert response.status_code == expected, response.json()
    assert Organisation.objects.count() == before + (1 if expected == 201 else 0)
    if expected == 403:
        assert "administrators and programme officers" in response.json()["detail"]


def test_a_wrong_check_character_names_the_right_one_and_saves_nothing():
    good = make_uscc()
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    response = client_for(officer()).post(
        "/api/organisations/", new_organisation(uscc=wrong), format="json"
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert f"should be {good[17]}" in detail
    assert "uscc" in response.json()["errors"]
    assert not Organisation.objects.filter(name="上海示例新材料有限公司").exists()


def test_codes_are_normalised_and_kept_unique():
    staff = officer()
    code = make_uscc()
    response = client_for(staff).post(
        "/api/organisations/", new_organisation(uscc=code.lower()), format="json"
    )
    assert response.status_code == 201 and response.json()["uscc"] == code
    again = client_for(staff).post(
        "/api/organisations/", new_organisation(uscc=code, name="另一家"), format="json"
    )
    assert again.status_code == 400 and "uscc" in again.json()["errors"]


def test_changes_go_through_the_service_and_appear_in_the_history():
    staff = officer()
    org = OrganisationFactory()
    response = client_for(staff).patch(
        f"/api/organisations/{org.pk}/",
        {"address": "上海市宝山区", "contact_phone": "13800138000"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    org.refresh_from_db()
    assert org.address == "上海市宝山区"
    history = client_for(applicant()).get(f"/api/organisations/{org.pk}/history/").json()
    assert history[-1]["action"] == "edited"
    assert history[-1]["changes"]["address"] == ["", "上海市宝山区"]
    assert history[-1]["actor_name"] == str(staff)
    assert [e.action for e in audit_history(org)] == ["edited"]

    bad = client_for(staff).patch(
        f"/api/organisations/{org.pk}/", {"contact_phone": "12345"}, format="json"
    )
    assert bad.status_code == 400 and "contact_phone" in bad.json()["errors"]
    assert client_for(staff).delete(f"/api/organisations/{org.pk}/").status_code == 405
