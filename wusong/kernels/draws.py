"""The random draw (随机抽取), as plain Python so anyone can repeat it from the record.

A draw takes the eligible experts in a recorded order (by expert id), shuffles them with
Python's Mersenne Twister seeded with the recorded seed string (a string seed is hashed
with SHA-512, so the result does not depend on the machine or on hash randomisation) and
takes them in the shuffled order until enough are drawn, skipping an expert whose
organisation group is already on the declaration when the one-per-organisation rule is on.
"""

import random
from collections.abc import Iterable, Sequence

# The reason of a declaration's first draw in a round, whose seed is the shortest.
INITIAL = "initial"


def draw_pick(
    seed: str,
    eligible: Sequence[Sequence],
    wanted: int,
    *,
    one_per_group: bool = False,
    taken_groups: Iterable = (),
) -> list[int]:
    """The experts drawn: ``eligible`` holds (expert id, organisation group) pairs."""
    order = [(int(e), g) for e, g in eligible]
    random.Random(seed).shuffle(order)
    groups = set(taken_groups)
    picked: list[int] = []
    for expert, group in order:
        if len(picked) >= wanted:
            break
        if one_per_group and group is not None and group in groups:
            continue
        picked.append(expert)
        if group is not None:
            groups.add(group)
    return picked


def draw_seed(round_seed: int, declaration: int, reason: str = INITIAL, n: int = 0) -> str:
    """The seed string of one declaration's draw within a round."""
    base = f"{round_seed}:{declaration}"
    return base if reason == INITIAL else f"{base}:{reason}:{n}"
