"""Test data for expert review: experts, passed declarations, rounds with a published
assignment, built through the real services where it matters."""

import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wusong.calls import services as call_services
from wusong.calls.models import Milestone, TeamMember
from wusong.factories import (
    PDF_BYTES,
    CallFactory,
    DeclarationFactory,
    OrganisationFactory,
    UserFactory,
    officer,
)
from wusong.registry.models import Organisation
from wusong.registry.roles import Role

from .. import services
from ..models import Expert


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    user = factory.SubFactory(UserFactory, roles=[Role.EXPERT])
    name = factory.Sequence(lambda n: f"专家{n}")
    organisation = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.UNIVERSITY, uscc=None
    )
    title = "教授"
    disciplines = "材料科学"
    keywords = "水系电池、介孔材料"
    profile = "长期从事储能材料研究。"
    load_limit = 20


def passed_declaration(call, organisation=None, team=("张明",), staff=None, **kwargs):
    """A declaration taken through submission and formal review to "passed"."""
    decl = DeclarationFactory(
        call=call, organisation=organisation or OrganisationFactory(), complete=False, **kwargs
    )
    for i, name in enumerate(team):
        TeamMember.objects.create(declaration=decl, name=name, is_lead=i == 0, sort=i)
    Milestone.objects.create(
        declaration=decl, title="完成样机研制", due=dt.date.today() + dt.timedelta(days=365)
    )
    call_services.attachment_add(
        decl.created_by,
        decl,
        "business_plan",
        SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    call_services.declaration_submit(decl.created_by, decl)
    call_services.formal_review_decide(staff or officer(call.programme), decl, "pass")
    decl.refresh_from_db()
    return decl


def round_for(call, staff, **data):
    data.setdefault("deadline", timezone.now() + dt.timedelta(days=7))
    data.setdefault("reviewers_per_declaration", 2)
    return services.round_create(staff, call, data)


def new_call():
    call = CallFactory()
    staff = officer(call.programme)
    return call, staff


def ready_to_score(assignment, *, now=None):
    """The expert accepts the commitment and confirms no conflict."""
    user = assignment.expert.user
    services.commitment_accept(user, assignment.round, now=now)
    return services.conflict_confirm_none(user, assignment, now=now)


FULL_SCORES = {
    "novelty": 8,
    "feasibility": 7,
    "maturity": 6,
    "ip": 9,
    "market": 8,
    "team": 7,
    "business_model": 6,
    "financing": 5,
}
