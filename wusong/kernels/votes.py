"""The arithmetic of a review meeting's decision on one agenda item, as plain Python (no
Django) so that anyone can check it by hand.

**Scales.** A meeting votes on one of two three-step scales, ordered from the most
favourable: a selection meeting votes approve > candidate > reject on declarations; a
mid-term check or final acceptance (验收) votes pass > pass after rectification > fail.
The rules below are the same on both.

**Quorum.** The members who count for an item are the panel members not recused on it.
The quorum is met when the votes cast (only members present and not recused may vote)
are at least ``numerator / denominator`` of the members who count, and at least
``min_votes``. With the default 2/3 and 3: a panel of 7 with one member recused needs 4
votes on that item (6 × 2/3 = 4); a panel of 4 with 2 recused can never reach a quorum.

**Majority.** The outcome is the most favourable step that more than half of the valid
votes support: the first step when more than half vote for it; otherwise the second when
more than half vote for the first or the second; otherwise the third when more than half
vote for it. When none of these holds the votes are split exactly in half (say 2
approve, 2 reject) and there is no outcome.
"""

from collections.abc import Iterable
from dataclasses import dataclass

APPROVE, CANDIDATE, REJECT = "approve", "candidate", "reject"
PASS, RECTIFY, FAIL = "pass", "rectify", "fail"

QUORUM_NOT_MET = "quorum_not_met"
NO_MAJORITY = "no_majority"


@dataclass(frozen=True)
class Scale:
    """Three choices, the most favourable first."""

    best: str
    middle: str
    worst: str

    @property
    def choices(self) -> tuple[str, str, str]:
        return (self.best, self.middle, self.worst)


SELECTION = Scale(APPROVE, CANDIDATE, REJECT)
CHECK = Scale(PASS, RECTIFY, FAIL)


@dataclass(frozen=True)
class Quorum:
    numerator: int = 2
    denominator: int = 3
    min_votes: int = 3

    def needed(self, eligible: int) -> int:
        """Votes needed when `eligible` members count: ceil(eligible × n / d), at least
        ``min_votes``."""
        share = -(-eligible * self.numerator // self.denominator)
        return max(share, self.min_votes)

    def met(self, eligible: int, voting: int) -> bool:
        return eligible > 0 and voting <= eligible and voting >= self.needed(eligible)


@dataclass(frozen=True)
class ItemDecision:
    outcome: str  # one of the scale's choices, or "" when there is none
    flag: str  # "", QUORUM_NOT_MET or NO_MAJORITY
    quorum_met: bool
    eligible: int
    voting: int
    needed: int
    counts: tuple[tuple[str, int], ...]  # (choice, votes) in the scale's order

    def count(self, choice: str) -> int:
        return dict(self.counts).get(choice, 0)

    def tally(self) -> dict:
        return {
            "eligible": self.eligible,
            "voting": self.voting,
            "needed": self.needed,
            **dict(self.counts),
        }


def item_decide(
    eligible: int, votes: Iterable[str], quorum: Quorum, scale: Scale = SELECTION
) -> ItemDecision:
    """The decision on one item from the number of members who count and the votes cast."""
    votes = list(votes)
    unknown = set(votes) - set(scale.choices)
    if unknown:
        raise ValueError(f"unknown vote(s): {sorted(unknown)}")
    best, middle, worst = (votes.count(c) for c in scale.choices)
    voting = len(votes)
    met = quorum.met(eligible, voting)
    outcome, flag = "", ""
    if not met:
        flag = QUORUM_NOT_MET
    elif 2 * best > voting:
        outcome = scale.best
    elif 2 * (best + middle) > voting:
        outcome = scale.middle
    elif 2 * worst > voting:
        outcome = scale.worst
    else:
        flag = NO_MAJORITY
    return ItemDecision(
        outcome=outcome,
        flag=flag,
        quorum_met=met,
        eligible=eligible,
        voting=voting,
        needed=quorum.needed(eligible),
        counts=tuple(zip(scale.choices, (best, middle, worst), strict=True)),
    )
