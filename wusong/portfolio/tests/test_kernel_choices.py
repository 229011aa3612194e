"""The portfolio choices that restate a kernel's codes hold the same codes."""

from wusong.kernels import periods, votes
from wusong.portfolio.models import PanelSheet, Project
from wusong.portfolio.serializers import OutcomeSerializer


def test_a_project_reports_every_period_length_the_periods_kernel_knows():
    every = [value for value, _label in Project._meta.get_field("report_every").choices]
    assert every == list(periods.PERIOD_MONTHS)


def test_check_recommendations_and_outcomes_are_the_check_scale_of_the_vote_rules():
    recommendations = PanelSheet._meta.get_field("recommendation").choices
    assert [value for value, _label in recommendations] == list(votes.CHECK.choices)
    assert list(OutcomeSerializer().fields["outcome"].choices) == list(votes.CHECK.choices)
