"""The one transition engine: a refused transition changes nothing; a fired one is saved
and audited; an update refuses a field it does not own and audits only what changed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wusong.audit.services import audit_history
from wusong.audit.transitions import (
    audited_update,
    may,
    transition_fire,
    transition_label,
    transition_permitted,
)
from wusong.calls.models import Declaration
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import DeclarationFactory, OrganisationFactory, applicant, officer

pytestmark = pytest.mark.django_db


def test_may_turns_a_user_first_predicate_into_django_fsm_order():
    seen = []

    def predicate(user, record):
        seen.append((user, record))
        return user == "u"

    permission = may(predicate)
    assert permission("record", "u") is True
    assert permission("record", "v") is False
    assert seen == [("u", "record"), ("v", "record")]


def test_label_is_the_declared_one():
    assert transition_label(Declaration, "withdraw") == "Withdraw"
    assert transition_label(DeclarationFactory(), "withdraw") == "Withdraw"


def test_fire_saves_and_audits_the_state_change():
    decl = DeclarationFactory()
    transition_fire(decl.created_by, decl, "withdraw", note="no longer needed", what="declaration")
    decl.refresh_from_db()
    assert decl.state == "withdrawn"
    entry = list(audit_history(decl))[-1]
    assert entry.action == "withdraw"
    assert entry.changes == {"state": ["draft", "withdrawn"]}
    assert entry.note == "no longer needed"
    assert entry.actor == decl.created_by


def test_fire_in_the_wrong_state_is_refused_and_changes_nothing():
    decl = DeclarationFactory()
    with pytest.raises(ActionRefused, match="not possible while the declaration is Draft"):
        transition_fire(officer(decl.call.programme), decl, "reject", what="declaration")
    decl.refresh_from_db()
    assert decl.state == "draft"
    assert not audit_history(decl).exists()


def test_fire_by_someone_the_transition_does_not_admit_is_not_allowed():
    decl = DeclarationFactory()
    stranger = applicant(OrganisationFactory())
    assert not transition_permitted(stranger, decl, "withdraw")
    assert transition_permitted(decl.created_by, decl, "withdraw")
    with pytest.raises(NotAllowed, match="You may not do “Withdraw” on this declaration"):
        transition_fire(stranger, decl, "withdraw", what="declaration")
    decl.refresh_from_db()
    assert decl.state == "draft"
    assert not audit_history(decl).exists()


def test_fire_can_write_its_entry_on_the_parent_record():
    decl = DeclarationFactory()
    org = decl.organisation
    transition_fire(decl.created_by, decl, "withdraw", audit_on=org)
    assert not audit_history(decl).exists()
    entry = list(audit_history(org))[-1]
    assert entry.action == "declaration_withdraw"


def test_fire_without_a_state_key_records_only_the_action():
    decl = DeclarationFactory()
    transition_fire(decl.created_by, decl, "withdraw", action="withdrawn", state_key=None)
    decl.refresh_from_db()
    assert decl.state == "withdrawn"
    entry = list(audit_history(decl))[-1]
    assert entry.action == "withdrawn"
    assert entry.changes == {}


def test_update_audits_only_what_changed():
    decl = DeclarationFactory()
    user = decl.created_by
    changes = audited_update(
        user,
        decl,
        {"title": "新标题", "requested_amount": Decimal("5000000.00")},
        fields=("title", "requested_amount"),
        validate=lambda record: None,
    )
    assert set(changes) == {"title"}
    decl.refresh_from_db()
    assert decl.title == "新标题"
    entry = list(audit_history(decl))[-1]
    assert entry.action == "edited"
    assert entry.changes["title"][1] == "新标题"


def test_update_with_no_change_writes_no_entry():
    decl = DeclarationFactory()
    audited_update(
        decl.created_by, decl, {"title": decl.title}, fields=("title",), validate=lambda r: None
    )
    assert not audit_history(decl).exists()


def test_update_refuses_a_field_it_does_not_own_and_sets_nothing():
    decl = DeclarationFactory()
    title = decl.title
    with pytest.raises(ValidationError, match="state cannot be changed here"):
        audited_update(
            decl.created_by,
            decl,
            {"title": "别的", "state": "approved"},
            fields=("title",),
            validate=lambda r: None,
        )
    assert decl.title == title
    decl.refresh_from_db()
    assert decl.state == "draft"
    assert not audit_history(decl).exists()


def test_an_update_may_word_its_refusal_of_a_field_its_own_way():
    decl = DeclarationFactory()
    with pytest.raises(ValidationError, match="state cannot be set here"):
        audited_update(
            decl.created_by,
            decl,
            {"state": "approved"},
            fields=("title",),
            refused="%(field)s cannot be set here.",
        )
