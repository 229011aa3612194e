"""The five-dimension assessment: dimension scores, the overall score, weak links."""

from decimal import Decimal as D

import pytest

from wusong.kernels import assessment as scoring
from wusong.kernels.assessment import ScoredIndicator as S

DIMS = ["business", "team", "compliance", "marketing", "capital"]


def test_weighted_normalised_mean_to_one_decimal():
    scores = scoring.dimension_scores(
        DIMS,
        [
            S("business", D(5), 1, 5),  # 100
            S("business", D(2), 1, 5, D(3)),  # 25, weight 3
            S("team", D(3), 1, 5),
            S("capital", D(0), 0, 10),
        ],
    )
    assert scores["business"] == D("43.8")  # (100 + 3×25) / 4 = 43.75 → half up
    assert scores["team"] == D("50.0")
    assert scores["capital"] == D("0.0")
    assert scores["compliance"] is None
    assert scoring.overall_score(scores) == D("31.3")


def test_off_scale_is_refused():
    with pytest.raises(scoring.ScoreError):
        scoring.dimension_scores(DIMS, [S("team", D(6), 1, 5)])


def test_weak_links_below_threshold_weakest_first_else_the_weakest():
    scores = {
        "business": D(70),
        "team": D(55),
        "compliance": D(40),
        "marketing": D(80),
        "capital": None,
    }
    assert scoring.weak_links(scores, D(60), DIMS) == ["compliance", "team"]
    strong = {d: D(90) for d in DIMS} | {"marketing": D(75)}
    assert scoring.weak_links(strong, D(60), DIMS) == ["marketing"]
    tie = {d: D(70) for d in DIMS}
    assert scoring.weakest(tie, DIMS) == "business"
