"""Factories for test data, shared by every app's tests."""

import datetime as dt
import itertools
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wusong.calls import services as call_services
from wusong.calls.models import Call, Declaration, Milestone, Programme, TeamMember
from wusong.kernels.codes import USCC_CHARSET, uscc_check_char
from wusong.registry.models import Industry, Organisation, User
from wusong.registry.roles import Role

_uscc_seq = itertools.count(1)


def make_uscc() -> str:
    """A fresh, valid, invented unified social credit code."""
    n = next(_uscc_seq)
    body = "913101130"
    tail = ""
    while len(tail) < 8:
        n, r = divmod(n, 31)
        tail = USCC_CHARSET[r] + tail
    first17 = body + tail
    return first17 + uscc_check_char(first17)


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"industry-{n}")
    name = factory.Sequence(lambda n: f"行业{n}")
    name_en = factory.Sequence(lambda n: f"Industry {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试科技有限公司{n}")
    name_en = factory.Sequence(lambda n: f"Test Technology Co., Ltd. {n}")
    kind = Organisation.Kind.ENTERPRISE
    uscc = factory.LazyFunction(make_uscc)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-wusong-2024")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for code in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=code)[0])
        self.save()


def applicant(organisation=None, **kwargs) -> User:
    return UserFactory(
        organisation=organisation or OrganisationFactory(), roles=[Role.APPLICANT], **kwargs
    )


def officer(*programmes, **kwargs) -> User:
    user = UserFactory(roles=[Role.OFFICER], **kwargs)
    for p in programmes:
        p.officers.add(user)
    return user


def leader(**kwargs) -> User:
    return UserFactory(roles=[Role.LEADER], **kwargs)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"prog-{n}")
    name = factory.Sequence(lambda n: f"先投后股项目{n}")
    name_en = factory.Sequence(lambda n: f"Investment first {n}")
    kind = Programme.Kind.INVEST_FIRST


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"call-{n}")
    name = factory.Sequence(lambda n: f"第{n}批")
    name_en = factory.Sequence(lambda n: f"Batch {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    budget = Decimal("60000000.00")
    quota = 8


class DeclarationFactory(factory.django.DjangoModelFactory):
    """A complete draft, ready to submit once it has a business plan."""

    class Meta:
        model = Declaration
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"DECL-{n:04d}")
    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.LazyAttribute(lambda o: applicant(o.organisation))
    title = factory.Sequence(lambda n: f"水系电池储能材料产业化{n}")
    summary = "基于介孔材料的安全水系电池，完成中试线建设。"
    keywords = "水系电池, 介孔材料"
    industry = factory.SubFactory(IndustryFactory, code="new-materials", name="新材料")
    trl = 5
    company_status = Declaration.CompanyStatus.LLC
    company_name = factory.LazyAttribute(lambda o: o.organisation.name)
    uscc = factory.LazyAttribute(lambda o: o.organisation.uscc)
    requested_amount = Decimal("5000000.00")

    @factory.post_generation
    def complete(self, create, extracted, **kwargs):
        if extracted is False:
            return
        TeamMember.objects.create(
            declaration=self, name="张明", role="负责人", title="教授", is_lead=True
        )
        Milestone.objects.create(
            declaration=self, title="完成样机研制", due=dt.date.today() + dt.timedelta(days=365)
        )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def approved_declaration(**kwargs) -> Declaration:
    """A declaration taken through the real workflow to "approved"."""
    decl = DeclarationFactory(**kwargs)
    call_services.attachment_add(
        decl.created_by, decl, "business_plan", SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    call_services.declaration_submit(decl.created_by, decl)
    staff = officer(decl.call.programme)
    call_services.formal_review_decide(staff, decl, "pass")
    call_services.selection_record(leader(), decl, "approve")
    decl.refresh_from_db()
    return decl
