import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wusong.audit.services import audit_history
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import applicant, leader

from .. import permissions, services
from ..models import ScoreSheet
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
def published():
    """One declaration, two experts, the assignment published, both ready to score."""
    call, staff = new_call()
    decl = passed_declaration(call, staff=staff)
    ExpertFactory()
    ExpertFactory()
    review_round = round_for(call, staff, reviewers_per_declaration=2)
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    a, b = review_round.assignments.order_by("expert_id")
    return staff, decl, review_round, a, b


def test_the_default_rubric_covers_technical_and_commercial_validation():
    rubric = services.rubric_default()
    criteria = list(rubric.criteria.all())
    assert [c.code for c in criteria] == list(FULL_SCORES)
    assert {c.group for c in criteria} == {"技术验证", "商业验证"}
    assert sum(c.weight for c in criteria) == 100
    assert all((c.min_score, c.max_score) == (0, 10) and c.anchors for c in criteria)


def test_an_expert_scores_only_after_the_commitment_and_confirming_no_conflict(published):
    _staff, _decl, _round, a, _b = published
    with pytest.raises(NotAllowed):
        services.score_save(a.expert.user, a, FULL_SCORES)
    ready_to_score(a)
    sheet = services.score_save(a.expert.user, a, FULL_SCORES)
    assert sheet.state == "draft"


def test_drafts_may_be_partial_and_are_kept(published):
    _staff, _decl, _round, a, _b = published
    ready_to_score(a)
    sheet = services.score_save(a.expert.user, a, {"novelty": "7.5"}, comment="待补充")
    assert sheet.total is None
    assert sheet.scores.get().score == Decimal("7.50")
    sheet = services.score_save(a.expert.user, a, FULL_SCORES, comment="完整")
    assert sheet.total == Decimal("71.0000")  # (8·15+7·15+6·10+9·10+8·15+7·15+6·10+5·10)/100·10
    assert sheet.scores.count() == 8
    assert [e.action for e in audit_history(sheet)] == ["scores_saved", "scores_saved"]


def test_a_score_of_11_on_a_10_point_scale_is_refused_and_nothing_is_saved(published):
    _staff, _decl, _round, a, _b = published
    ready_to_score(a)
    with pytest.raises(ValidationError) as exc:
        services.score_save(a.expert.user, a, {**FULL_SCORES, "market": 11, "team": -1})
    errors = exc.value.message_dict
    assert errors["market"] == ["11 is outside the range of “Market”: 0 to 10."]
    assert "team" in errors
    assert not ScoreSheet.objects.filter(scores__isnull=False).exists()
    with pytest.raises(ValidationError, match="not a number"):
        services.score_save(a.expert.user, a, {"market": "很好"})


def test_submitting_needs_every_criterion_and_a_recommendation(published):
    _staff, _decl, _round, a, _b = published
    ready_to_score(a)
    partial = {k: v for k, v in FULL_SCORES.items() if k != "ip"}
    with pytest.raises(ValidationError) as exc:
        services.score_save(a.expert.user, a, partial, submit=True)
    assert set(exc.value.message_dict) == {"ip", "recommendation"}
    sheet = services.score_save(a.expert.user, a, FULL_SCORES, recommendation="fund", submit=True)
    assert sheet.state == "submitted" and sheet.submitted_at is not None
    with pytest.raises(ActionRefused, match="already submitted"):
        services.score_save(a.expert.user, a, FULL_SCORES)


def test_submitting_after_the_deadline_is_refused(published):
    _staff, _decl, review_round, a, _b = published
    ready_to_score(a)
    services.score_save(a.expert.user, a, FULL_SCORES)
    late = review_round.deadline + dt.timedelta(minutes=1)
    with pytest.raises(ActionRefused, match="deadline"):
        services.score_save(
            a.expert.user, a, FULL_SCORES, recommendation="fund", submit=True, now=late
        )
    assert ScoreSheet.objects.get(assignment=a).state == "draft"
    on_time = review_round.deadline - dt.timedelta(minutes=1)
    services.score_save(
        a.expert.user, a, FULL_SCORES, recommendation="fund", submit=True, now=on_time
    )


def test_an_expert_never_sees_another_experts_scores(published):
    staff, _decl, review_round, a, b = published
    for x in (a, b):
        ready_to_score(x)
        services.score_save(x.expert.user, x, FULL_SCORES, recommendation="fund", submit=True)
    mine = permissions.sheets_visible_to(a.expert.user, review_round)
    assert [s.assignment_id for s in mine] == [a.pk]
    assert permissions.sheets_visible_to(staff, review_round).count() == 2
    assert permissions.sheets_visible_to(leader(), review_round).count() == 2
    # nor another expert's assignment, so not their identity either
    assert not permissions.assignments_of_expert(a.expert.user).filter(pk=b.pk).exists()
    assert not permissions.may_open_declaration(a.expert.user, b)
    with pytest.raises(NotAllowed):
        services.score_save(a.expert.user, b, FULL_SCORES)


def test_an_applicant_sees_no_reviewer_and_no_score(published):
    _staff, decl, review_round, a, _b = published
    ready_to_score(a)
    services.score_save(a.expert.user, a, FULL_SCORES, recommendation="fund", submit=True)
    for user in (decl.created_by, applicant(decl.organisation)):
        assert not permissions.sheets_visible_to(user).exists()
        assert not permissions.rounds_visible_to(user).exists()
        assert not permissions.assignments_of_expert(user).exists()
        assert not permissions.reads_round(user, review_round)


def test_an_expert_outside_the_round_cannot_accept_its_commitment(published):
    _staff, _decl, review_round, _a, _b = published
    with pytest.raises(NotAllowed):
        services.commitment_accept(ExpertFactory().user, review_round)


def test_the_deadline_is_shown_in_the_refusal(published):
    _staff, _decl, review_round, a, _b = published
    ready_to_score(a)
    with pytest.raises(ActionRefused) as exc:
        services.score_save(a.expert.user, a, {}, now=review_round.deadline + dt.timedelta(days=1))
    assert timezone.localtime(review_round.deadline).strftime("%Y-%m-%d") in exc.value.message
