"""The conversion deadline lives in a date column that the services keep in step with the
terms, and the migration that created the column filled it from the terms, naming every
agreement whose terms it could not read."""

import datetime as dt
import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps

from wusong.factories import approved_declaration
from wusong.funding import services
from wusong.funding.models import Agreement

from .conftest import TERMS, World

pytestmark = pytest.mark.django_db

migration = importlib.import_module("wusong.funding.migrations.0004_agreement_conversion_deadline")


def test_drafting_and_amending_the_terms_keep_the_deadline_column(world):
    assert world.agreement.conversion_deadline == dt.date(2028, 12, 31)
    services.agreement_amend(
        world.staff,
        world.agreement,
        "融资延后，延期半年",
        terms={**TERMS, "deadline": "2029-06-30"},
    )
    world.agreement.refresh_from_db()
    assert world.agreement.conversion_deadline == dt.date(2029, 6, 30)
    services.agreement_amend(
        world.staff, world.agreement, "任务延期", end_date=dt.date(2029, 6, 30)
    )
    world.agreement.refresh_from_db()
    assert world.agreement.conversion_deadline == dt.date(2029, 6, 30)


def test_a_grant_and_terms_not_given_yet_have_no_deadline():
    decl = approved_declaration()
    staff = decl.call.programme.officers.first()
    grant = services.agreement_draft(
        staff,
        decl,
        funder=decl.organisation,
        instrument="grant",
        total_amount=D("1000000.00"),
        grant_amount=D("1000000.00"),
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2027, 12, 31),
        milestones=[],
        tranches=[{"amount": D("1000000.00"), "milestone": None}],
    )
    assert grant.conversion_deadline is None
    assert World(terms={}).agreement.conversion_deadline is None


def test_the_migration_fills_the_column_and_names_what_it_cannot_read(caplog):
    readable = World()
    broken = World()
    bare = World(terms={})
    Agreement.objects.update(conversion_deadline=None)
    Agreement.objects.filter(pk=broken.agreement.pk).update(
        terms={**TERMS, "deadline": "2028-02-30"}
    )

    unread = migration.fill_deadlines(apps, None)

    assert unread == [
        (broken.agreement.reference, "terms.deadline: '2028-02-30' is not a date like 2025-06-30")
    ]
    assert broken.agreement.reference in caplog.text and "2028-02-30" in caplog.text
    deadlines = dict(Agreement.objects.values_list("pk", "conversion_deadline"))
    assert deadlines == {
        readable.agreement.pk: dt.date(2028, 12, 31),
        broken.agreement.pk: None,
        bare.agreement.pk: None,
    }
    assert migration.fill_deadlines(apps, None) == unread  # running it again changes nothing
