"""The meeting choices hold the codes of the vote rules' scales and flags."""

from wusong.kernels import votes
from wusong.meetings.models import AgendaItem, Vote


def codes(model, name) -> list[str]:
    return [str(value) for value, _label in model._meta.get_field(name).choices]


def test_votes_and_outcomes_are_the_two_scales_of_the_vote_rules():
    scales = [*votes.SELECTION.choices, *votes.CHECK.choices]
    assert codes(Vote, "choice") == scales
    assert codes(AgendaItem, "outcome") == scales


def test_item_flags_are_the_vote_rules_flags():
    assert codes(AgendaItem, "flag") == ["", votes.QUORUM_NOT_MET, votes.NO_MAJORITY]
