import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from wusong.audit.services import audit_history
from wusong.errors import NotAllowed
from wusong.factories import OrganisationFactory, UserFactory, applicant, officer
from wusong.registry.models import Organisation, User
from wusong.registry.roles import Role

from .. import selectors, services
from ..models import Expert
from .factories import ExpertFactory, new_call, round_for

pytestmark = pytest.mark.django_db

HEADINGS = ["姓名", "单位", "职称", "学科", "关键词", "简介", "手机", "邮箱", "年度评审上限"]


def workbook(rows, headings=HEADINGS):
    book = Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("experts.xlsx", out.getvalue())


def good_row(n, org="上海大学"):
    return [f"专家{n}", org, "教授", "材料", "电池", "简介", f"1380000{n:04d}", "", 10]


def test_import_creates_experts_with_accounts_and_matches_organisations():
    OrganisationFactory(name="上海大学", kind=Organisation.Kind.UNIVERSITY)
    staff = officer()
    report = services.experts_import(
        staff, workbook([good_row(1), good_row(2, org="复旦大学"), good_row(3)])
    )
    assert report.ok, report.errors
    assert Expert.objects.count() == 3
    assert report.organisations_created == ["复旦大学"]
    fudan = Organisation.objects.get(name="复旦大学")
    assert fudan.kind == Organisation.Kind.UNIVERSITY
    e = Expert.objects.get(name="专家1")
    assert e.organisation.name == "上海大学"
    assert e.load_limit == 10
    assert e.user.username == "13800000001"
    assert e.user.has_role(Role.EXPERT)
    assert not e.user.has_usable_password()
    assert [a.action for a in audit_history(e)] == ["created"]


def test_a_bad_row_imports_nothing_and_every_bad_row_is_reported_with_its_number():
    staff = officer()
    ExpertFactory(user=UserFactory(username="taken@example.com", roles=[Role.EXPERT]))
    before_users = User.objects.count()
    rows = [
        good_row(1),  # row 2: fine
        ["李四", "上海大学", "", "", "", "", "12345", "", 10],  # row 3: bad mobile
        ["", "上海大学", "", "", "", "", "13800009999", "", 10],  # row 4: no name
        ["王五", "上海大学", "", "", "", "", "", "taken@example.com", 10],  # row 5: exists
        good_row(1),  # row 6: same mobile as row 2
        ["赵六", "", "", "", "", "", "13800008888", "", "八"],  # row 7: no org, bad load
        ["孙七", "上海大学", "", "", "", "", "", "", 5],  # row 8: no contact
    ]
    report = services.experts_import(staff, workbook(rows))
    assert not report.ok
    assert [e.row for e in report.errors] == [3, 4, 5, 6, 7, 8]
    messages = {e.row: e.message for e in report.errors}
    assert "12345" in messages[3]
    assert "name" in messages[4]
    assert "already exists" in messages[5]
    assert "row 2" in messages[6]
    assert "organisation" in messages[7] and "whole number" in messages[7]
    assert "mobile" in messages[8]
    assert str(report.errors[0]).startswith("Row 3:")
    assert Expert.objects.count() == 1
    assert User.objects.count() == before_users
    assert not Organisation.objects.filter(name="上海大学").exists()


def test_a_sheet_without_the_required_columns_is_refused():
    report = services.experts_import(officer(), workbook([["张三"]], headings=["姓名"]))
    assert [e.row for e in report.errors] == [1]
    assert "单位" in report.errors[0].message


def test_a_file_that_is_not_a_workbook_is_refused():
    report = services.experts_import(officer(), SimpleUploadedFile("x.xlsx", b"not excel"))
    assert not report.ok
    assert Expert.objects.count() == 0


def test_only_an_officer_imports():
    with pytest.raises(NotAllowed):
        services.experts_import(applicant(), workbook([good_row(1)]))


def test_the_template_workbook_imports():
    template = SimpleUploadedFile("t.xlsx", selectors.expert_import_template())
    report = services.experts_import(officer(), template)
    assert report.ok, report.errors
    assert Expert.objects.get().collaborator_list == ("王强", "某某科技有限公司")


def test_experts_are_added_and_edited_one_by_one_with_history():
    staff = officer()
    org = OrganisationFactory()
    expert = services.expert_create(
        staff, org, {"name": "钱八", "email": "qian@example.com", "keywords": "芯片"}
    )
    assert expert.user.username == "qian@example.com"
    services.expert_update(staff, expert, {"load_limit": 5, "keywords": "芯片、封装"})
    expert.refresh_from_db()
    assert expert.load_limit == 5
    edit = audit_history(expert).last()
    assert edit.action == "edited"
    assert edit.changes["keywords"] == ["芯片", "芯片、封装"]


def test_an_existing_account_joins_the_pool_and_keeps_its_roles(client):
    staff = officer()
    org = OrganisationFactory()
    mentor = UserFactory(username="mentor-wang", roles=[Role.MENTOR], email="wang@example.com")
    with pytest.raises(ValidationError, match="existing account"):  # say how to add it
        services.expert_create(staff, org, {"name": "王导师", "email": "wang@example.com"})
    client.force_login(staff)
    page = client.post(
        reverse("experts:expert_new"),
        {"organisation": org.pk, "name": "王导师", "account": "MENTOR-WANG", "load_limit": 10},
    )
    expert = Expert.objects.get(user=mentor)
    assert page.status_code == 302 and expert.name == "王导师"
    mentor.refresh_from_db()
    assert mentor.has_role(Role.MENTOR) and mentor.has_role(Role.EXPERT)
    assert audit_history(expert).last().changes["account"] == [None, "mentor-wang"]
    again = client.post(
        reverse("experts:expert_new"),
        {"organisation": org.pk, "name": "王导师", "account": "mentor-wang", "load_limit": 10},
    )
    assert "已在专家库中" in again.content.decode()
    missing = client.post(
        reverse("experts:expert_new"), {"organisation": org.pk, "name": "某人", "account": "nobody"}
    )
    assert missing.status_code == 200 and Expert.objects.count() == 1


def test_fees_and_ratings_show_on_the_experts_record():
    call, staff = new_call()
    expert = ExpertFactory()
    review_round = round_for(call, staff)
    services.fee_record(staff, expert, "800.00", "第一批线上评审", review_round)
    from ..models import Assignment

    Assignment.objects.create(
        round=review_round,
        declaration=_any_declaration(call),
        expert=expert,
        affinity=Decimal("0.5"),
        source=Assignment.Source.SOLVER,
    )
    services.rating_record(staff, expert, review_round, 4, "认真负责")
    record = selectors.expert_record(expert)
    assert [f.amount for f in record["fees"]] == [Decimal("800.00")]
    assert [(r.rating, r.comment) for r in record["ratings"]] == [(4, "认真负责")]
    services.rating_record(staff, expert, review_round, 5)
    assert expert.ratings.get().rating == 5


def _any_declaration(call):
    from .factories import passed_declaration

    return passed_declaration(call)
