import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wusong.audit.services import audit_history
from wusong.factories import OrganisationFactory, UserFactory, applicant, officer
from wusong.registry import services
from wusong.registry.models import Organisation
from wusong.registry.roles import Role

pytestmark = pytest.mark.django_db


def test_an_edit_is_in_the_organisations_history_with_who_and_what(client):
    staff = officer()
    org = services.organisation_create(
        staff, name="上海测试科技有限公司", kind="enterprise", uscc="9144030071526726XG"
    )
    services.organisation_update(staff, org, address="上海市宝山区友谊路1号")
    entries = list(audit_history(org))
    assert [e.action for e in entries] == ["created", "edited"]
    assert entries[1].changes == {"address": ["", "上海市宝山区友谊路1号"]}
    assert entries[1].actor == staff
    client.force_login(staff)
    page = client.get(reverse("registry:organisation", args=[org.pk])).content.decode()
    assert "上海市宝山区友谊路1号" in page


def test_a_wrong_check_character_changes_nothing():
    staff = officer()
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as err:
        services.organisation_update(staff, org, uscc="9144030071526726XH")
    assert "should be G" in str(err.value)
    assert Organisation.objects.get(pk=org.pk).uscc == org.uscc
    assert list(audit_history(org)) == []


def test_other_organisations_are_not_found_for_applicants(client):
    org = OrganisationFactory()
    client.force_login(applicant())
    assert client.get(reverse("registry:organisation", args=[org.pk])).status_code == 404
    client.force_login(UserFactory(roles=[Role.EXPERT]))
    assert client.get(reverse("registry:organisation", args=[org.pk])).status_code == 404
