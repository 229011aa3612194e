"""The Baoshan demo: what a visitor finds after `make demo`, and that loading is repeatable."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from wusong.audit.services import audit_history
from wusong.calls.models import Call, Declaration
from wusong.calls.states import State
from wusong.demo import data
from wusong.demo.clock import local
from wusong.demo.load_declarations import pdf_bytes
from wusong.demo.loader import counts, load_demo
from wusong.demo.tests.conftest import TODAY
from wusong.kernels.codes import uscc_problem
from wusong.kernels.filetypes import sniff
from wusong.registry.models import Organisation, User
from wusong.registry.roles import Role

pytestmark = pytest.mark.django_db


def approved(call_code):
    return Declaration.objects.filter(call__code=call_code, state=State.APPROVED)


def test_loading_twice_creates_nothing_new(demo):
    before = counts()
    again = load_demo(today=TODAY)
    assert counts() == before == again.counts
    assert sum(again.created.values()) == 0
    # Batch three also holds the draft of the candidate invited into it.
    assert before["declarations"] == 48 + 71 + len(data.BATCH_THREE) + 1


def test_batch_one_has_48_declared_and_7_approved_for_59_5_million(demo):
    batch = Declaration.objects.filter(call__code="invest-first-1")
    assert batch.count() == 48
    assert approved("invest-first-1").count() == 7
    total = approved("invest-first-1").aggregate(total=Sum("requested_amount"))["total"]
    assert total == Decimal("59500000.00")
    assert set(approved("invest-first-1").values_list("industry__code", flat=True)) == {
        "biomedicine",
        "robotics",
        "new-it",
        "new-materials",
    }
    companies = set(approved("invest-first-1").values_list("organisation__name_en", flat=True))
    assert "Shanghai Tongxingou Technology Co., Ltd." in companies
    assert "Shanghai Tianyu Guanglian Communication Technology Co., Ltd." in companies
    states = set(batch.values_list("state", flat=True))
    assert {State.CANDIDATE, State.NOT_SELECTED, State.REJECTED} <= states
    assert all(d.decision_reason for d in batch.filter(state=State.REJECTED))


def test_pilot_declarations_went_through_the_workflow_on_their_dates(demo):
    decl = approved("invest-first-1").get(organisation__name="上海天宇光联通信技术有限公司")
    history = list(audit_history(decl))
    assert [e.action for e in history] == [
        "created",
        "attachment_added",
        "attachment_added",
        "submitted",
        "start_formal_review",
        "pass_formal_review",
        "approve",
    ]
    assert all(e.at.year == 2022 for e in history)
    assert decl.call.opens_at <= decl.submitted_at <= decl.call.closes_at


def test_batch_two_approves_nine_including_the_two_the_article_names(demo):
    assert Declaration.objects.filter(call__code="invest-first-2").count() > 70
    titles = set(approved("invest-first-2").values_list("title", flat=True))
    assert len(titles) == 9
    assert "先进封装声光辅助键合装备（ULAB）" in titles
    assert "面向应用场景的酶工程产品开发及产业化" in titles


def test_both_batches_approve_16_projects_for_more_than_100_million(demo):
    both = Declaration.objects.filter(
        call__code__in=["invest-first-1", "invest-first-2"], state=State.APPROVED
    )
    assert both.count() == 16
    assert both.aggregate(total=Sum("requested_amount"))["total"] > Decimal("100000000")


def test_batch_three_is_open_with_work_waiting_for_the_officer(demo):
    call = Call.objects.get(code="invest-first-3")
    now = local(TODAY, 12)
    assert call.is_open(now) and call.closes_at - now > dt.timedelta(weeks=3)
    assert {f.key for f in call.fields.all()} == {"ip_count", "landing_park", "market_financing"}
    batch = Declaration.objects.filter(call=call)
    states = list(batch.values_list("state", flat=True))
    assert State.DRAFT in states and states.count(State.SUBMITTED) >= 3
    returned = batch.get(state=State.RETURNED)
    assert returned.decision_reason and returned.resubmit_by > now
    assert returned.organisation.members.filter(username="applicant").exists()
    resubmitted = next(
        d
        for d in batch.filter(state=State.SUBMITTED)
        if "resubmitted" in {e.action for e in audit_history(d)}
    )
    entry = next(e for e in audit_history(resubmitted) if e.action == "resubmitted")
    assert "requested_amount" in entry.changes


def test_every_organisation_has_a_valid_invented_credit_code(demo):
    for org in Organisation.objects.all():
        if org.kind == Organisation.Kind.TEAM:
            assert org.uscc is None
            continue
        assert uscc_problem(org.uscc) is None, org.name
    named = {spec["name"] for spec in data.ORGANISATIONS}
    assert not Organisation.objects.filter(name__in=named, fictional=True).exists()
    assert not Organisation.objects.exclude(name__in=named).filter(fictional=False).exists()


def test_one_account_per_role_logs_in_with_the_demo_password(demo, client):
    for spec in data.ACCOUNTS:
        user = User.objects.get(username=spec["username"])
        assert user.has_role(spec["role"])
        assert client.login(username=spec["username"], password=data.DEMO_PASSWORD)
        client.logout()
    assert User.objects.get(username="admin").is_superuser
    officer = User.objects.get(username="officer")
    assert officer.programmes_run.filter(code="invest-first").exists()
    applicant = User.objects.get(username="applicant")
    assert Declaration.objects.filter(
        call__code="invest-first-3", organisation=applicant.organisation
    ).exists()
    assert {s["role"] for s in data.ACCOUNTS} == set(Role.values)


def test_the_command_prints_the_accounts_and_the_address(demo, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123" in text
    for spec in data.ACCOUNTS:
        assert spec["username"] in text
    assert data.DEMO_PASSWORD in text


def test_demo_attachments_are_real_pdfs():
    assert sniff(pdf_bytes("Wusong demo")) == "pdf"
