"""The 项目建设合作协议 of an approved project as a PDF: parties, amounts in 万元,
key tasks, milestones, tranches and signatures; only for those who may see it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wusong.documents.tests.conftest import pdf_ready  # noqa: F401  the fixture
from wusong.documents.tests.pdf import pdf_text
from wusong.factories import OrganisationFactory, applicant, approved_declaration, leader
from wusong.funding import services as funding
from wusong.funding.documents import agreement_pdf

from .conftest import TERMS

pytestmark = pytest.mark.django_db

FUNDER = "上海宝山科技成果转化有限公司"


@pytest.fixture
def agreement():
    decl = approved_declaration(
        title="高精度光刻对准系统产业化",
        organisation=OrganisationFactory(
            name="上海同芯沟科技有限公司", address="上海市宝山区富联路1号"
        ),
    )
    staff = decl.call.programme.officers.first()
    funder = OrganisationFactory(name=FUNDER, contact_name="王芳")
    agreement = funding.agreement_draft(
        staff,
        decl,
        funder=funder,
        instrument="investment_first",
        total_amount=Decimal("59500000.00"),
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2028, 12, 31),
        key_tasks=[
            {"kind": "prototype", "title": "完成对准系统样机研制", "due": dt.date(2026, 12, 31)},
            {"kind": "pilot_line", "title": "建成年产百台中试线", "due": dt.date(2027, 12, 31)},
        ],
        milestones=[
            {"title": "样机通过第三方检测", "due": dt.date(2026, 12, 31)},
            {"title": "中试线建成投产", "due": dt.date(2027, 12, 31)},
        ],
        tranches=[
            {"amount": Decimal("29150000.00"), "milestone": None},
            {"amount": Decimal("20000000.00"), "milestone": 0},
            {"amount": Decimal("10350000.00"), "milestone": 1},
        ],
        terms=TERMS,
        reference="XY-2026-001",
    )
    signed_at = timezone.make_aware(dt.datetime(2026, 1, 5, 10))
    funding.agreement_sign(staff, agreement, "funder", now=signed_at)
    agreement.refresh_from_db()
    return agreement


def test_the_agreement_pdf_sets_out_parties_amounts_tasks_milestones_and_tranches(
    agreement,
    pdf_ready,  # noqa: F811
):
    text = pdf_text(agreement_pdf(agreement))

    for phrase in (
        "项目建设合作协议",
        "协议编号：XY-2026-001",
        f"甲方（出资方）：{FUNDER}",
        "乙方（项目承担方）：上海同芯沟科技有限公司",
        "高精度光刻对准系统产业化",
        "“先投后股”方式",
        "支持总额为5,950.00万元",
        "人民币伍仟玖佰伍拾万元整",
        "¥59,500,000.00元",
        "完成对准系统样机研制",
        "建成年产百台中试线",
        "样机通过第三方检测",
        "中试线建成投产",
        "2,915.00",
        "2,000.00",
        "1,035.00",
        "里程碑1“样机通过第三方检测”经核验完成后拨付",
        "本协议经双方签署后拨付",
        "2028年12月31日前完成符合条件的市场化融资",
        "不低于500.00万元",
        "持股比例不超过25%",
        "核销转为拨款",
        "签署日期：2026年1月5日",
    ):
        assert phrase in text, phrase


def test_the_agreement_pdf_is_served_to_its_officer_and_its_company(client, agreement, pdf_ready):  # noqa: F811
    url = reverse("documents:agreement_pdf", args=[agreement.pk])
    for user in (
        agreement.declaration.call.programme.officers.first(),
        applicant(agreement.recipient),
        leader(),
    ):
        client.force_login(user)

        response = client.get(url)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "XY-2026-001.pdf" in response["Content-Disposition"]
        assert "上海同芯沟科技有限公司" in pdf_text(response.content)


def test_an_applicant_of_another_organisation_gets_not_found(client, agreement):
    client.force_login(applicant())

    response = client.get(reverse("documents:agreement_pdf", args=[agreement.pk]))

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, agreement):
    response = client.get(reverse("documents:agreement_pdf", args=[agreement.pk]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
