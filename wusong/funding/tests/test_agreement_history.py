"""An agreement's history reads as labelled actions in the reader's language, never as
the codes the services record."""

import pytest
from django.urls import reverse

from wusong.funding.history import ACTION_LABELS, action_label
from wusong.funding.models import Agreement, Disbursement
from wusong.portfolio.models import AgreementCheck, ExtensionRequest

from .conftest import World

pytestmark = pytest.mark.django_db


def transitions(model) -> set[str]:
    return {name for name in dir(model) if hasattr(getattr(model, name), "_django_fsm")}


def test_every_transition_recorded_on_an_agreement_has_a_label():
    recorded = (
        transitions(Agreement)
        | {f"disbursement_{t}" for t in transitions(Disbursement)}
        | {f"agreementcheck_{t}" for t in transitions(AgreementCheck)}
        | {f"extensionrequest_{t}" for t in transitions(ExtensionRequest)}
    )
    assert {"sign", "disbursement_pay", "agreementcheck_fail"} <= recorded
    assert recorded - set(ACTION_LABELS) == set()
    assert action_label("a_code_no_one_labelled") == "a_code_no_one_labelled"


def test_the_agreement_page_shows_its_history_in_chinese(client):
    world = World()  # drafted, signed by both sides, two disbursements paid
    client.force_login(world.team)
    page = client.get(reverse("funding:agreement", args=[world.agreement.pk])).content.decode()
    for label in ("出资方签署", "项目公司签署", "双方签署，协议生效", "资金已拨付"):
        assert f"<strong>{label}</strong>" in page
    for code in ("signed_funder", "signed_recipient", "disbursement_pay", "drafted"):
        assert f"<strong>{code}</strong>" not in page
