from decimal import Decimal as D

import pytest

from .. import selectors, services
from .factories import ExpertFactory, new_call, passed_declaration, ready_to_score, round_for


@pytest.mark.django_db
def test_the_ranking_selector_uses_submitted_sheets_of_live_assignments():
    call, staff = new_call()
    rubric = services.rubric_create(
        "two-criteria",
        "两项",
        [
            {"code": "tech", "name": "技术", "weight": D(3), "min_score": 0, "max_score": 10},
            {"code": "market", "name": "市场", "weight": D(1), "min_score": 0, "max_score": 10},
        ],
    )
    d1 = passed_declaration(call, staff=staff)
    d2 = passed_declaration(call, staff=staff)
    ExpertFactory()
    ExpertFactory()
    review_round = round_for(call, staff, reviewers_per_declaration=2, rubric=rubric)
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    marks = {
        d1.pk: ({"tech": 10, "market": 0}, {"tech": 8, "market": 8}),
        d2.pk: ({"tech": 4, "market": 4}, None),
    }
    for decl_pk, (first, second) in marks.items():
        a, b = review_round.assignments.filter(declaration_id=decl_pk).order_by("expert_id")
        for assignment, scores in ((a, first), (b, second)):
            ready_to_score(assignment)
            if scores is not None:
                services.score_save(
                    assignment.expert.user, assignment, scores, recommendation="fund", submit=True
                )
        # b's draft on d2 is not counted
        if second is None:
            services.score_save(b.expert.user, b, {"tech": 10})
    lines = selectors.ranking(review_round)
    assert [line.declaration for line in lines] == [d1, d2]
    assert lines[0].row.mean == D("77.5000")  # (75 + 80) / 2
    assert lines[0].row.sheets == 2 and lines[1].row.sheets == 1
    assert lines[1].row.mean == D("40.0000")
