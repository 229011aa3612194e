"""The expert review choices hold the codes the ranking and draw kernels rely on."""

from wusong.experts.models import Draw, ScoreSheet
from wusong.kernels import draws, ranking


def test_the_recommendations_the_ranking_compares_are_score_sheet_choices():
    choices = ScoreSheet._meta.get_field("recommendation").choices
    assert {ranking.FUND, ranking.DO_NOT_FUND} <= {value for value, _label in choices}


def test_a_first_draw_is_recorded_with_the_reason_its_seed_is_built_for():
    assert Draw.Reason.INITIAL == draws.INITIAL
