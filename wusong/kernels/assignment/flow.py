"""The min-cost flow core of the expert assignment engine.

Pure numpy plus OR-Tools: the graph is built from edge arrays with vectorised operations
(never arc by arc in Python) and solved with ``SimpleMinCostFlow.solve_max_flow_with_min_cost``,
which maximises the flow (filled review slots) first and minimises cost among maximum flows.

Network, per independent block of the candidate graph::

    source --(k_d)--> declaration d --(1)--> [group (d, organisation) --(1)-->] expert e --(load_e)--> sink

Each candidate edge carries cost ``-round(affinity * scale)``. A group node exists only for a
(declaration, organisation) pair with two or more candidate experts: a singleton group's
capacity-1 edge already enforces "at most one expert from that organisation".
"""

import math
from collections.abc import Callable

import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

Progress = Callable[[str, int, int], None]

# OR-Tools' cost-scaling algorithm multiplies costs by (number of nodes + 1) and rejects the
# instance (BAD_COST_RANGE) when that could overflow int64; it also sums flow * cost. Keeping
# max|cost| * max(nodes, flow units) below 2**60 leaves a factor of four in hand.
_COST_BUDGET = 2**60


def safe_cost_magnitude(n_nodes: int, n_units: int) -> int:
    """The largest |integer cost| the solver accepts for a graph of this size."""
    return _COST_BUDGET // (max(n_nodes, n_units) + 2)


def flow_select(
    decl: np.ndarray,
    expert: np.ndarray,
    cost: np.ndarray,
    demand: np.ndarray,
    capacity: np.ndarray,
    org: np.ndarray | None = None,
    *,
    block_arcs: int = 4_000_000,
    progress: Progress | None = None,
) -> np.ndarray:
    """Which candidate edges a maximum flow of minimum cost uses.

    ``decl``/``expert`` index ``demand`` (reviewers still wanted per declaration) and
    ``capacity`` (load still free per expert); ``org`` gives each expert's organisation code
    when the one-per-organisation rule is on. Independent connected components of the candidate
    graph are solved separately (exact: they share no constraint), packed into blocks of at
    most ``block_arcs`` edges, which bounds the solver's memory and lets long runs report
    progress.
    """
    m = len(decl)
    chosen = np.zeros(m, dtype=bool)
    if m == 0:
        return chosen
    blocks = _blocks(decl, expert, len(demand), len(capacity), block_arcs)
    for i, idx in enumerate(blocks):
        if progress:
            progress("solve", i, len(blocks))
        if len(blocks) == 1:
            chosen = _solve_block(decl, expert, cost, demand, capacity, org, whole=True)
        else:
            chosen[idx] = _solve_block(decl[idx], expert[idx], cost[idx], demand, capacity, org)
    if progress:
        progress("solve", len(blocks), len(blocks))
    return chosen


def _blocks(decl, expert, n_decl, n_exp, block_arcs) -> list[np.ndarray]:
    m = len(decl)
    if m <= block_arcs:
        return [np.arange(m)]
    graph = coo_array(
        (np.ones(m, dtype=np.int8), (decl, expert + n_decl)), shape=(n_decl + n_exp,) * 2
    )
    _, label = connected_components(graph, directed=False)
    comp = label[decl]
    order = np.argsort(comp, kind="stable")
    sizes = np.bincount(comp)
    sizes = sizes[sizes > 0]
    blocks, start, current = [], 0, 0
    for size in sizes.tolist():
        if current and current + size > block_arcs:
            blocks.append(order[start : start + current])
            start, current = start + current, 0
        current += size
    blocks.append(order[start : start + current])
    return blocks


def _solve_block(decl, expert, cost, demand, capacity, org, whole=False) -> np.ndarray:
    """Chosen edges of one block; ``whole`` means the block is every edge, so the global
    declaration and expert indices serve as node numbers without renumbering."""
    m = len(decl)
    if whole:
        d_ids, d_loc = np.arange(len(demand)), decl
        e_ids, e_loc = np.arange(len(capacity)), expert
    else:
        d_ids, d_loc = np.unique(decl, return_inverse=True)
        e_ids, e_loc = np.unique(expert, return_inverse=True)
    n_d, n_e = len(d_ids), len(e_ids)
    e_node = 1 + n_d + e_loc
    tail = 1 + d_loc
    extra_tail = extra_head = np.empty(0, dtype=np.int64)
    n_groups = 0
    if org is not None:
        e_org = org[expert]
        n_org = int(e_org.max()) + 1
        key = d_loc.astype(np.int64) * n_org + e_org
        uniq, inv, counts = np.unique(key, return_inverse=True, return_counts=True)
        shared = counts > 1
        n_groups = int(shared.sum())
        group_of_key = np.cumsum(shared) - 1
        in_group = shared[inv]
        base = 1 + n_d + n_e
        tail = np.where(in_group, base + group_of_key[inv], tail)
        extra_tail = 1 + uniq[shared] // n_org
        extra_head = base + np.arange(n_groups)
    sink = 1 + n_d + n_e + n_groups
    n_x = len(extra_tail)
    tails = np.concatenate([tail, np.zeros(n_d, np.int64), extra_tail, 1 + n_d + np.arange(n_e)])
    heads = np.concatenate([e_node, 1 + np.arange(n_d), extra_head, np.full(n_e, sink)])
    caps = np.concatenate(
        [np.ones(m, np.int64), demand[d_ids], np.ones(n_x, np.int64), capacity[e_ids]]
    )
    costs = np.concatenate([cost, np.zeros(n_d + n_x + n_e, np.int64)])
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64), costs
    )
    supply = int(demand[d_ids].sum())
    solver.set_node_supply(0, supply)
    solver.set_node_supply(sink, -supply)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow solver returned {status.name}")
    return solver.flows(np.arange(m, dtype=np.int32)) > 0


def value_bound(values: np.ndarray) -> float:
    """The largest |value|, never 0 (it divides)."""
    return max(float(np.abs(values).max()) if len(values) else 0.0, 1e-300)


def cost_scale(chunks, limit: int, decimals: int | None) -> tuple[float, bool]:
    """The integer cost scale, and whether it is exact for the values ``chunks()`` yields
    (the rule is in the package docstring of ``wusong.kernels.assignment``)."""
    amax = max((value_bound(c) for c in chunks()), default=value_bound(np.empty(0)))
    if decimals is not None:
        scale = 10.0**decimals
        if amax * scale > limit:
            raise ValueError(f"affinities up to {amax} with {decimals} places overflow the solver")
        return scale, all(_on_grid(c, scale) for c in chunks())
    for places in range(10):
        scale = 10.0**places
        if amax * scale > limit:
            break
        if all(_on_grid(c[:: max(1, len(c) // 10_000)], scale) for c in chunks()) and all(
            _on_grid(c, scale) for c in chunks()
        ):
            return scale, True
    return 2.0 ** math.floor(math.log2(limit / amax)), False


def _on_grid(values: np.ndarray, scale: float) -> bool:
    """Whether every value is a whole number of 1/scale, up to the error of parsing a decimal."""
    x = values * scale
    return bool(
        np.all(np.abs(x - np.rint(x)) <= 64 * np.finfo(float).eps * np.maximum(1.0, np.abs(x)))
    )
