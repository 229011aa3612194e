"""Quorum and majority of a meeting's vote on one item, by hand."""

from wusong.kernels.votes import Quorum, item_decide


def test_the_majority_rule_by_hand():
    q = Quorum(2, 3, 3)
    assert item_decide(7, ["approve"] * 4 + ["reject"] * 1, q).outcome == "approve"
    assert (
        item_decide(7, ["approve", "approve", "candidate", "reject", "reject"], q).outcome
        == "candidate"
    )
    assert item_decide(6, ["reject"] * 3 + ["candidate"], q).outcome == "reject"
    split = item_decide(4, ["approve", "approve", "reject", "reject"], q)
    assert split.outcome == "" and split.flag == "no_majority"
    assert q.needed(7) == 5 and q.needed(3) == 3 and q.needed(9) == 6
    assert not q.met(2, 2)  # fewer than three may never decide
