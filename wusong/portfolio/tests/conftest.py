"""Builders for the post-investment tests: a followed project with its manager, its
company's account, a mentor, a broker, a service agency, a candidate and an agreement."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wusong.calls import services as call_services
from wusong.factories import (
    PDF_BYTES,
    CallFactory,
    DeclarationFactory,
    OrganisationFactory,
    UserFactory,
    applicant,
    approved_declaration,
    leader,
    officer,
)
from wusong.funding import services as funding_services
from wusong.portfolio import services
from wusong.portfolio.models import Indicator
from wusong.registry.models import Organisation
from wusong.registry.roles import Role


def all_scores(value_by_dimension: dict[str, int]) -> dict[str, int]:
    """Every active indicator of a dimension scored alike."""
    return {
        i.code: value_by_dimension[i.dimension]
        for i in Indicator.objects.filter(active=True)
        if i.dimension in value_by_dimension
    }


STRONG = {"business": 5, "team": 5, "compliance": 5, "marketing": 5, "capital": 5}


class World:
    def __init__(self):
        self.decl = approved_declaration()
        self.manager = self.decl.call.programme.officers.first()
        self.company = self.decl.organisation
        self.company_user = applicant(self.company)
        self.project = services.project_follow(
            self.manager, self.decl, reporting_from=dt.date(2025, 1, 1)
        )
        self.mentor = UserFactory(roles=[Role.MENTOR])
        self.broker = UserFactory(roles=[Role.BROKER])
        self.agency = OrganisationFactory(kind=Organisation.Kind.SERVICE_AGENCY, uscc=None)
        self.agency_user = UserFactory(organisation=self.agency)

    def other_project(self):
        decl = approved_declaration()
        manager = decl.call.programme.officers.first()
        return services.project_follow(manager, decl), manager

    def assess(self, values, kind="manager", on=None, user=None):
        user = user or (self.manager if kind == "manager" else self.company_user)
        return services.assessment_record(
            user, self.project, kind, all_scores(values), assessed_on=on
        )


@pytest.fixture
def world(db):
    return World()


def candidate_declaration():
    decl = DeclarationFactory()
    call_services.attachment_add(
        decl.created_by, decl, "business_plan", SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    call_services.declaration_submit(decl.created_by, decl)
    staff = officer(decl.call.programme)
    call_services.formal_review_decide(staff, decl, "pass")
    call_services.selection_record(leader(), decl, "candidate", "名额所限，列入候选")
    decl.refresh_from_db()
    return decl, staff


@pytest.fixture
def candidate(db):
    decl, staff = candidate_declaration()
    project = services.project_follow(staff, decl)
    later = CallFactory(programme=decl.call.programme, code="batch-later")
    return project, staff, later


def signed_agreement(world, end_date=None):
    holder = OrganisationFactory(name="上海宝山科技成果转化有限公司")
    agreement = funding_services.agreement_draft(
        world.manager,
        world.decl,
        funder=holder,
        instrument="grant",
        total_amount=D("2000000.00"),
        grant_amount=D("2000000.00"),
        start_date=dt.date(2025, 1, 1),
        end_date=end_date or timezone.localdate() + dt.timedelta(days=200),
        milestones=[{"title": "完成样机研制", "due": dt.date(2026, 6, 30)}],
        tranches=[
            {"amount": D("1000000.00"), "milestone": None},
            {"amount": D("1000000.00"), "milestone": 0},
        ],
    )
    funding_services.agreement_sign(world.manager, agreement, "funder")
    return funding_services.agreement_sign(world.company_user, agreement, "recipient")
