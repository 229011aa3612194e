import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from wusong.factories import OrganisationFactory, leader, officer

from .. import services
from ..models import Expert, ScoreSheet
from .factories import (
    FULL_SCORES,
    ExpertFactory,
    new_call,
    passed_declaration,
    ready_to_score,
    round_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(client):
    call, staff = new_call()
    org = OrganisationFactory()
    decl = passed_declaration(call, organisation=org, staff=staff)
    a, b = ExpertFactory(name="甲专家"), ExpertFactory(name="乙专家")
    conflicted = ExpertFactory(name="丙专家", organisation=org)
    review_round = round_for(call, staff, reviewers_per_declaration=2)
    return call, staff, decl, a, b, conflicted, review_round


def test_the_officer_sets_up_solves_pins_and_publishes_in_the_browser(client, scene):
    call, staff, decl, a, b, conflicted, _round = scene
    client.force_login(staff)
    page = client.get(reverse("experts:rounds"))
    assert page.status_code == 200 and call.name in page.content.decode()
    response = client.post(
        reverse("experts:round_new", args=[call.code]),
        {
            "reviewers_per_declaration": 2,
            "load_limit": 5,
            "min_affinity": "0",
            "deadline": "2099-01-01T12:00",
        },
    )
    new_round = call.review_rounds.order_by("-pk").first()
    assert response.status_code == 302, response.content.decode()[:2000]
    url = reverse("experts:round", args=[new_round.pk])
    assert client.post(reverse("experts:round_solve", args=[new_round.pk])).status_code == 302
    page = client.get(url).content.decode()
    assert (
        "甲专家" in page
        and "乙专家" in page
        and "丙专家" not in page.split('id="by-declaration"')[1].split("</section>")[0]
    )
    client.post(
        reverse("experts:round_rule", args=[new_round.pk]),
        {"declaration": decl.pk, "expert": a.pk, "kind": "ban"},
    )
    client.post(reverse("experts:round_solve", args=[new_round.pk]))
    page = client.get(url).content.decode()
    assert 'id="shortfalls"' in page
    conflicts = page.split('id="conflicts"')[1].split("</section>")[0]
    assert "丙专家" in conflicts
    assert not new_round.assignments.filter(expert=a).exists()
    client.post(reverse("experts:round_draw", args=[new_round.pk]), {"seed": "99"})
    new_round.refresh_from_db()
    assert new_round.seed == 99
    client.post(reverse("experts:round_publish", args=[new_round.pk]))
    new_round.refresh_from_db()
    assert new_round.state == "published"
    assert "99" in client.get(url).content.decode()
    client.post(reverse("experts:round_panel", args=[new_round.pk]), {"size": 2, "seed": 3})
    assert new_round.draws.filter(reason="panel", seed="3:panel:1").exists()


def test_the_officer_imports_from_the_pool_page_and_sees_row_errors(client):
    staff = officer()
    client.force_login(staff)
    book = Workbook()
    book.active.append(["姓名", "单位", "手机"])
    book.active.append(["张三", "上海大学", "13800000001"])
    book.active.append(["李四", "上海大学", "123"])
    out = io.BytesIO()
    book.save(out)
    page = client.post(
        reverse("experts:pool"), {"file": SimpleUploadedFile("e.xlsx", out.getvalue())}
    )
    assert page.status_code == 200
    assert "import-errors" in page.content.decode()
    assert "123" in page.content.decode()
    assert not Expert.objects.exists()
    assert client.get(reverse("experts:template")).status_code == 200


def test_the_expert_desk_commitment_conflict_check_and_scoring(client, scene):
    _call, staff, decl, a, b, conflicted, review_round = scene
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    mine = review_round.assignments.get(expert=a)
    client.force_login(a.user)
    desk = client.get(reverse("experts:desk")).content.decode()
    assert "承诺书" in desk and decl.title not in desk
    # the declaration stays closed until the commitment is accepted
    assert client.get(reverse("experts:assignment", args=[mine.pk])).status_code == 302
    client.post(reverse("experts:commit", args=[review_round.pk]))
    page = client.get(reverse("experts:assignment", args=[mine.pk])).content.decode()
    assert decl.summary not in page and "declare" in page
    client.post(reverse("experts:confirm", args=[mine.pk]))
    page = client.get(reverse("experts:assignment", args=[mine.pk])).content.decode()
    assert decl.summary in page
    form = {f"c_{k}": v for k, v in FULL_SCORES.items()} | {"c_market": "11", "draft": "1"}
    page = client.post(reverse("experts:assignment", args=[mine.pk]), form).content.decode()
    assert "11" in page and not ScoreSheet.objects.exists()
    form = {f"c_{k}": v for k, v in FULL_SCORES.items()} | {"recommendation": "fund", "submit": "1"}
    client.post(reverse("experts:assignment", args=[mine.pk]), form)
    assert ScoreSheet.objects.get().state == "submitted"


def test_pages_hide_other_experts_and_reviewers(client, scene):
    _call, staff, decl, a, b, conflicted, review_round = scene
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    theirs = review_round.assignments.get(expert=b)
    ready_to_score(theirs)
    services.score_save(b.user, theirs, FULL_SCORES)
    # another expert: 404 on b's assignment, and b's name nowhere on the desk
    client.force_login(a.user)
    assert client.get(reverse("experts:assignment", args=[theirs.pk])).status_code == 404
    assert "乙专家" not in client.get(reverse("experts:desk")).content.decode()
    assert client.get(reverse("experts:round", args=[review_round.pk])).status_code == 404
    assert client.get(reverse("experts:ranking", args=[review_round.pk])).status_code == 404
    # the conflicted expert has nothing on the desk
    client.force_login(conflicted.user)
    desk = client.get(reverse("experts:desk")).content.decode()
    assert decl.reference not in desk
    # the applicant: no page of this app, and no reviewer on the declaration's own pages
    client.force_login(decl.created_by)
    for name, args in (
        ("experts:round", [review_round.pk]),
        ("experts:ranking", [review_round.pk]),
        ("experts:desk", []),
        ("experts:pool", []),
        ("experts:assignment", [theirs.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("calls:declaration", "calls:history"):
        page = client.get(reverse(name, args=[decl.pk])).content.decode()
        assert "甲专家" not in page and "乙专家" not in page
    # a leader reads the round and the ranking
    client.force_login(leader())
    assert client.get(reverse("experts:ranking", args=[review_round.pk])).status_code == 200
