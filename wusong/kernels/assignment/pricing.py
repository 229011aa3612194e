"""Exact solving of large dense instances by pricing (column generation).

A dense matrix of D × E candidate pairs makes a flow graph of D × E arcs, nearly all of which
an optimal assignment never uses. So the engine first solves on each declaration's best few
eligible experts, then proves or improves that solution on the whole matrix:

1. Shortest-path potentials ``p`` of the residual graph of the optimal flow on the subset
   (Bellman–Ford, one vectorised relaxation of every arc per round, exact int64 arithmetic)
   satisfy ``p[head] <= p[tail] + cost`` on every residual arc.
2. A pair left out (declaration i, expert j, integer cost c) would enter the residual graph
   as the arc i → j. If ``p[i] + c >= p[j]`` for every such pair, ``p`` stays a feasible
   potential on the full residual graph, so it has no negative cycle and the flow is of
   minimum cost among flows of its value on the full graph: the optimum, exactly.
3. Otherwise the violating pairs join the subset and the subset is solved again.

The flow value must also be maximum on the full graph. It is when every declaration got all
the experts it asked for; otherwise a breadth-first search of the full residual graph looks
for an augmenting path. If there is one, the short declarations' eligible pairs all join the
subset once; if there still is one, the caller solves the full graph instead. With the
organisation rule a short declaration always sends the caller to the full graph (the search
does not model organisation groups).
"""

from typing import NamedTuple

import numpy as np

from wusong.kernels.assignment.flow import cost_scale, flow_select, safe_cost_magnitude
from wusong.kernels.assignment.prepare import pairs_of, per_item, prepare

PRICING_MIN_CELLS = 200_000
_CHUNK = 2_000


def eligible_mask(affinity: np.ndarray, conflicts, bans, min_affinity: float | None) -> np.ndarray:
    """Pairs that may be assigned at all: finite, not conflicted or banned, above the floor."""
    n_decl, n_exp = affinity.shape
    mask = np.isfinite(affinity)
    if min_affinity is not None:
        with np.errstate(invalid="ignore"):
            mask &= affinity >= min_affinity
    for name, value in (("conflicts", conflicts), ("bans", bans)):
        if isinstance(value, np.ndarray) and value.dtype == bool and value.shape == mask.shape:
            mask &= ~value
        else:
            pairs = pairs_of(value, n_decl, n_exp, name)
            mask[pairs[:, 0], pairs[:, 1]] = False
    return mask


def best_per_row(affinity: np.ndarray, mask: np.ndarray, per_row: int) -> np.ndarray:
    """Keys (declaration * experts + expert) of each row's ``per_row`` best eligible pairs."""
    n_decl, n_exp = affinity.shape
    top = min(per_row, n_exp)
    out = []
    for start in range(0, n_decl, _CHUNK):
        block = np.where(mask[start : start + _CHUNK], affinity[start : start + _CHUNK], -np.inf)
        idx = np.argpartition(-block, top - 1, axis=1)[:, :top]
        rows = np.arange(start, start + len(block))[:, None]
        keep = np.isfinite(np.take_along_axis(block, idx, axis=1))
        out.append((rows * n_exp + idx)[keep])
    return np.concatenate(out)


class Potentials(NamedTuple):
    """Shortest-path potentials of a residual graph: per declaration, per expert, and per
    (declaration, organisation) group node when the organisation rule is on."""

    decl: np.ndarray
    expert: np.ndarray
    group_keys: np.ndarray
    group: np.ndarray


def potentials(inst, cost: np.ndarray, chosen: np.ndarray) -> Potentials | None:
    """Bellman–Ford potentials of the residual graph of the flow, or None if they do not
    settle (a negative cycle: the flow would not be optimal).

    With the organisation rule every (declaration, organisation) of the subset gets a group
    node here, also where the solver's graph has none (one candidate): an equivalent network,
    so the flow is optimal in it too.
    """
    n_d, n_e = inst.n_decl, inst.n_exp
    src, sink = n_d + n_e, n_d + n_e + 1
    flow_d = np.bincount(inst.d[chosen], minlength=n_d)
    flow_e = np.bincount(inst.e[chosen], minlength=n_e)
    spare_d, used_d = np.flatnonzero(flow_d < inst.demand), np.flatnonzero(flow_d > 0)
    spare_e, used_e = np.flatnonzero(flow_e < inst.capacity), np.flatnonzero(flow_e > 0)
    e = n_d + inst.e
    tail = inst.d
    group_keys = np.empty(0, dtype=np.int64)
    arcs = []
    if inst.org is not None:
        n_org = int(inst.org.max()) + 1
        group_keys, g = np.unique(inst.d * n_org + inst.org[inst.e], return_inverse=True)
        g_node = n_d + n_e + 2 + g
        used_g = np.zeros(len(group_keys), dtype=bool)
        used_g[g[chosen]] = True
        g_decl = group_keys // n_org
        g_ids = n_d + n_e + 2 + np.arange(len(group_keys))
        arcs.append((np.where(used_g, g_ids, g_decl), np.where(used_g, g_decl, g_ids)))
        tail = g_node
    arcs += [
        (tail[~chosen], e[~chosen]),
        (e[chosen], tail[chosen]),
        (np.full(len(spare_d), src), spare_d),
        (used_d, np.full(len(used_d), src)),
        (n_d + spare_e, np.full(len(spare_e), sink)),
        (np.full(len(used_e), sink), n_d + used_e),
    ]
    tails = np.concatenate([t for t, _ in arcs])
    heads = np.concatenate([h for _, h in arcs])
    weights = np.zeros(len(tails), dtype=np.int64)
    first = len(arcs[0][0]) if inst.org is not None else 0
    n_free = int((~chosen).sum())
    weights[first : first + n_free] = cost[~chosen]
    weights[first + n_free : first + len(cost)] = -cost[chosen]
    n_nodes = n_d + n_e + 2 + len(group_keys)
    dist = np.zeros(n_nodes, dtype=np.int64)
    for _ in range(n_nodes):
        new = dist.copy()
        np.minimum.at(new, heads, dist[tails] + weights)
        if np.array_equal(new, dist):
            return Potentials(dist[:n_d], dist[n_d : n_d + n_e], group_keys, dist[n_d + n_e + 2 :])
        dist = new
    return None


def violations(
    affinity: np.ndarray,
    mask: np.ndarray,
    in_subset: np.ndarray,
    pot: Potentials,
    scale: float,
    inst,
    per_row: int,
) -> np.ndarray:
    """Keys of the pairs outside the subset whose arc would break the potentials, at most
    ``per_row`` per declaration (the most violated first).

    A new pair (i, j) is the arc i → j, or with the organisation rule g → j from the group
    node g of (i, organisation of j). A group the subset lacks would be a new node, free to
    take i's potential, so its pairs are priced from i.
    """
    n_decl, n_exp = affinity.shape
    open_exp = inst.capacity > 0
    sorted_keys = np.sort(in_subset)
    org = inst.org
    if org is not None:
        n_org = int(org.max()) + 1
        blocked = np.unique(inst.pin_d * n_org + org[inst.pin_e])
    out = []
    for start in range(0, n_decl, _CHUNK):
        stop = min(start + _CHUNK, n_decl)
        block = affinity[start:stop]
        ok = mask[start:stop] & open_exp[None, :] & (inst.demand[start:stop] > 0)[:, None]
        lo, hi = np.searchsorted(sorted_keys, [start * n_exp, stop * n_exp])
        ok.flat[sorted_keys[lo:hi] - start * n_exp] = False
        tail = np.broadcast_to(pot.decl[start:stop, None], ok.shape)
        if org is not None:
            by_org = np.repeat(pot.decl[start:stop, None], n_org, axis=1)
            lo, hi = np.searchsorted(pot.group_keys, [start * n_org, stop * n_org])
            by_org.flat[pot.group_keys[lo:hi] - start * n_org] = pot.group[lo:hi]
            tail = by_org[:, org]
            lo, hi = np.searchsorted(blocked, [start * n_org, stop * n_org])
            for key in blocked[lo:hi].tolist():
                ok[key // n_org - start, org == key % n_org] = False
        cost = -np.rint(np.where(ok, block, 0.0) * scale).astype(np.int64)
        reduced = cost + tail - pot.expert[None, :]
        bad = ok & (reduced < 0)
        if not bad.any():
            continue
        rows, cols = np.nonzero(bad)
        order = np.lexsort((reduced[rows, cols], rows))
        rows, cols = rows[order], cols[order]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
        keep = rank < per_row
        out.append((rows[keep] + start) * n_exp + cols[keep])
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def augmentable(mask: np.ndarray, inst, chosen: np.ndarray) -> bool:
    """Whether the full graph has an augmenting path for the flow, i.e. it is not maximum.

    Breadth-first from the declarations with spare demand: forward along eligible pairs not
    in the flow to experts, backward along the flow to declarations, until an expert with
    spare load is reached. Pinned pairs count as eligible here, which can only report a path
    that is not there and so send the caller to the full solve, never the other way round.
    """
    n_decl, n_exp = mask.shape
    flow_d = np.bincount(inst.d[chosen], minlength=n_decl)
    flow_e = np.bincount(inst.e[chosen], minlength=n_exp)
    spare_e = flow_e < inst.capacity
    open_exp = inst.capacity > 0
    order = np.argsort(inst.e[chosen], kind="stable")
    flow_by_e = inst.d[chosen][order]
    e_starts = np.searchsorted(inst.e[chosen][order], np.arange(n_exp + 1))
    seen_d = np.zeros(n_decl, dtype=bool)
    seen_e = np.zeros(n_exp, dtype=bool)
    frontier = np.flatnonzero((flow_d < inst.demand) & (inst.demand > 0))
    flow_d_of, flow_e_of = inst.d[chosen], inst.e[chosen]
    while len(frontier):
        seen_d[frontier] = True
        forward = mask[frontier] & open_exp[None, :]
        mine = np.isin(flow_d_of, frontier)
        forward[np.searchsorted(frontier, flow_d_of[mine]), flow_e_of[mine]] = False
        reach = forward.any(axis=0) & ~seen_e
        if (reach & spare_e).any():
            return True
        experts = np.flatnonzero(reach)
        seen_e[experts] = True
        back = [flow_by_e[e_starts[e] : e_starts[e + 1]] for e in experts.tolist()]
        frontier = np.unique(np.concatenate(back)) if back else np.empty(0, dtype=np.int64)
        frontier = frontier[~seen_d[frontier]]
    return False


def eligible_keys_of(mask: np.ndarray, declarations: np.ndarray, inst) -> np.ndarray:
    """Keys of every pair the flow may use for the given declarations."""
    n_exp = mask.shape[1]
    rows, cols = np.nonzero(mask[declarations] & (inst.capacity > 0)[None, :])
    return declarations[rows] * n_exp + cols


def solve_by_pricing(affinity, conflicts, bans, rules, decimals, block_arcs, progress):
    """(inst, chosen, scale, exact, limit) of the dense optimum found by pricing (as this
    module's docstring describes), or None when the full graph must be solved instead."""
    n_decl, n_exp = affinity.shape
    mask = eligible_mask(affinity, conflicts, bans, rules["min_affinity"])
    k_arr, load_arr = per_item(rules["k"], n_decl, "k"), per_item(rules["load"], n_exp, "load")
    n_units = int(min(k_arr.sum(), load_arr.sum()))
    n_nodes = n_decl + n_exp
    if rules["one_per_organisation"] and rules["organisations"] is not None:
        orgs = rules["organisations"]
        n_orgs = len({o for o in orgs if o is not None}) + sum(o is None for o in orgs)
        n_nodes += n_decl * min(n_orgs, n_exp)
    limit = safe_cost_magnitude(n_nodes, n_units)
    step = 2_000
    scale, exact = cost_scale(
        lambda: (affinity[i : i + step][mask[i : i + step]] for i in range(0, n_decl, step)),
        limit,
        decimals,
    )
    per_row = 4 * int(k_arr.max(initial=1)) + 8
    keys = best_per_row(affinity, mask, per_row)
    pins = rules["pins"]
    pin_pairs = pairs_of(pins, n_decl, n_exp, "pins")
    keys = np.union1d(keys, pin_pairs[:, 0] * n_exp + pin_pairs[:, 1])
    pin_conflicts, pin_bans = (
        _forbidden_pins(conflicts, pin_pairs),
        _forbidden_pins(bans, pin_pairs),
    )
    enlarged = False
    for rounds in range(30):
        decl, expert = keys // n_exp, keys % n_exp
        inst = prepare(
            decl,
            expert,
            affinity[decl, expert].astype(np.float64),
            n_decl,
            n_exp,
            conflicts=pin_conflicts,
            bans=pin_bans,
            deduplicate=False,
            **rules,
        )
        if progress:
            progress("prepare", 1, 1)
        cost = -np.rint(inst.a * scale).astype(np.int64)
        chosen = flow_select(
            inst.d,
            inst.e,
            cost,
            inst.demand,
            inst.capacity,
            inst.org,
            block_arcs=block_arcs,
            progress=progress,
        )
        short = np.bincount(inst.d[chosen], minlength=n_decl) < inst.demand
        if short.any() and (inst.org is not None or augmentable(mask, inst, chosen)):
            if enlarged or inst.org is not None:
                return None
            enlarged = True
            keys = np.union1d(keys, eligible_keys_of(mask, np.flatnonzero(short), inst))
            continue
        pot = potentials(inst, cost, chosen)
        if pot is None:
            return None
        extra = violations(affinity, mask, keys, pot, scale, inst, per_row)
        if len(extra) == 0:
            inst.method = f"pricing, {rounds + 1} round{'s' if rounds else ''}"
            if short.any():
                _explain_from_whole_matrix(inst, mask, np.flatnonzero(short))
            return inst, chosen, scale, exact, limit
        keys = np.union1d(keys, extra)
    return None


def _forbidden_pins(matrix, pin_pairs: np.ndarray):
    """Conflicts or bans as prepare needs them once the mask has removed them: only the
    pinned pairs among them matter, so that such a pin is rejected with its reason."""
    if isinstance(matrix, np.ndarray) and matrix.dtype == bool:
        return pin_pairs[matrix[pin_pairs[:, 0], pin_pairs[:, 1]]]
    return matrix


def _explain_from_whole_matrix(inst, mask: np.ndarray, short: np.ndarray) -> None:
    """Give the short declarations every eligible expert of the matrix, not only those the
    subset held, so that their shortfall reasons count what an officer would count."""
    n_exp = inst.n_exp
    rows, cols = np.nonzero(mask[short])
    keys = np.union1d(inst.eligible_d * n_exp + inst.eligible_e, short[rows] * n_exp + cols)
    inst.eligible_d, inst.eligible_e = keys // n_exp, keys % n_exp
