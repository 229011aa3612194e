"""The arithmetic of a review meeting's decision on one agenda item, as plain Python (no
Django) so that anyone can check it by hand.

**Quorum.** The members who count for an item are the panel members not recused on it.
The quorum is met when the votes cast (only members present and not recused may vote)
are at least ``numerator / denominator`` of the members who count, and at least
``min_votes``. With the default 2/3 and 3: a panel of 7 with one member recused needs 4
votes on that item (6 × 2/3 = 4); a panel of 4 with 2 recused can never reach a quorum.

**Majority.** The votes are ordered approve > candidate > reject. The outcome is the most
favourable one that more than half of the valid votes support: approve when more than
half approve; otherwise candidate when more than half vote approve or candidate;
otherwise reject when more than half reject. When none of these holds the votes are split
exactly in half (say 2 approve, 2 reject) and there is no outcome.
"""

from collections.abc import Iterable
from dataclasses import dataclass

APPROVE, CANDIDATE, REJECT = "approve", "candidate", "reject"
CHOICES = (APPROVE, CANDIDATE, REJECT)

QUORUM_NOT_MET = "quorum_not_met"
NO_MAJORITY = "no_majority"


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
    outcome: str  # one of CHOICES, or "" when there is none
    flag: str  # "", QUORUM_NOT_MET or NO_MAJORITY
    quorum_met: bool
    eligible: int
    voting: int
    needed: int
    approve: int
    candidate: int
    reject: int

    def tally(self) -> dict:
        return {
            "eligible": self.eligible,
            "voting": self.voting,
            "needed": self.needed,
            APPROVE: self.approve,
            CANDIDATE: self.candidate,
            REJECT: self.reject,
        }


def item_decide(eligible: int, votes: Iterable[str], quorum: Quorum) -> ItemDecision:
    """The decision on one item from the number of members who count and the votes cast."""
    votes = list(votes)
    unknown = set(votes) - set(CHOICES)
    if unknown:
        raise ValueError(f"unknown vote(s): {sorted(unknown)}")
    counts = {c: votes.count(c) for c in CHOICES}
    voting = len(votes)
    met = quorum.met(eligible, voting)
    outcome, flag = "", ""
    if not met:
        flag = QUORUM_NOT_MET
    elif 2 * counts[APPROVE] > voting:
        outcome = APPROVE
    elif 2 * (counts[APPROVE] + counts[CANDIDATE]) > voting:
        outcome = CANDIDATE
    elif 2 * counts[REJECT] > voting:
        outcome = REJECT
    else:
        flag = NO_MAJORITY
    return ItemDecision(
        outcome=outcome,
        flag=flag,
        quorum_met=met,
        eligible=eligible,
        voting=voting,
        needed=quorum.needed(eligible),
        approve=counts[APPROVE],
        candidate=counts[CANDIDATE],
        reject=counts[REJECT],
    )
