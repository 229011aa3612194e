"""Benchmark of the expert assignment engine (wusong.kernels.assignment).

Usage: .venv/bin/python bench/assignment_bench.py [CASE ...]

Cases: small (2,000 declarations x 1,000 experts, dense), small-float (the same with
unrounded scores), small-full (the whole 2-million-arc graph, no pricing), small-org (300
organisations, at most one expert of each per declaration), small-fair (fairness mode), tight and tight-fair (load 6: exactly as many
review places as slots, so declarations compete hard), large (20,000 x 10,000, top-30
candidate lists), large-top50, large-fair, large-dense (20,000 x 10,000 as one dense matrix,
which the engine prices itself), national (300,000 x 100,000 in 200 disciplines, top-40
candidate lists, load 10). Default: all but national. Each case runs in its own process so
that its peak memory (ru_maxrss) is its own.

Instances: k = 3 reviewers per declaration, load limit 8, 1 % random conflicts. Affinity is
the cosine similarity of random topic mixtures (Dirichlet, 24 topics), so popular topics
compete for the same experts; scores are rounded to 4 decimals as the affinity kernel gives
them (so the engine's objective is exact) except in small-float.

Bound: the Lagrangian dual of the *dense* LP (every pair not in conflict is a candidate) with
as many filled slots F as the engine filled,
    UB(v, lambda) = sum_j load_j v_j + lambda F + sum_d (sum of the k largest
                    (a_dj - v_j - lambda)^+ over experts j),
valid for any v >= 0 and any lambda (v_j prices expert j's load, lambda a filled slot; the
best u_d for fixed v is the k-th largest term). v and lambda come from the shortest-path
potentials of the engine's own flow (see expert_prices). The gap printed is UB - objective:
zero (to rounding) proves the objective is the dense optimum, also when the engine saw only
top-K candidate lists.
"""

import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wusong.kernels.assignment import (  # noqa: E402
    CandidateLists,
    assignment_solve,
    assignment_top_candidates,
)

STARTED = time.perf_counter()
K, LOAD, CONFLICT_RATE, TOPICS, DECIMALS = 3, 8, 0.01, 24, 4
NATIONAL_LOAD = 10


class TopicInstance:
    """Affinity blocks regenerated on demand, so no dense matrix is ever held whole."""

    def __init__(self, n_decl: int, n_exp: int, seed: int, decimals: int | None = DECIMALS):
        rng = np.random.default_rng(seed)
        self.n_decl, self.n_exp, self.seed, self.decimals = n_decl, n_exp, seed, decimals
        self.x = _unit(rng.dirichlet(np.full(TOPICS, 0.15), n_decl))
        self.y = _unit(rng.dirichlet(np.full(TOPICS, 0.15), n_exp))

    @property
    def shape(self) -> tuple[int, int]:
        return self.n_decl, self.n_exp

    def __getitem__(self, rows: slice) -> np.ndarray:
        start, stop, _ = rows.indices(self.n_decl)
        block = self.rows(start, stop)
        block[self.conflicts(start, stop)] = -np.inf
        return block

    def rows(self, start: int, stop: int) -> np.ndarray:
        block = self.x[start:stop] @ self.y.T
        return np.round(block, self.decimals) if self.decimals is not None else block

    def conflicts(self, start: int, stop: int) -> np.ndarray:
        rng = np.random.default_rng([self.seed, start])
        return rng.random((stop - start, self.n_exp)) < CONFLICT_RATE

    def chunks(self, size: int = 2_000):
        for start in range(0, self.n_decl, size):
            yield np.arange(self.n_exp), self[start : start + size]

    def conflict_pairs(self) -> np.ndarray:
        parts = []
        for start in range(0, self.n_decl, 2_000):
            stop = min(start + 2_000, self.n_decl)
            r, c = np.nonzero(self.conflicts(start, stop))
            parts.append(np.column_stack([r + start, c]))
        return np.concatenate(parts)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def expert_prices(lists: CandidateLists, result, load: int = LOAD):
    """Optimal dual prices of the experts' loads and of a filled slot in the engine's problem.

    Shortest-path potentials d of the residual graph of the returned flow (Bellman-Ford, one
    vectorised relaxation of every arc per round) satisfy a_de <= d_d - d_e on every unused
    candidate pair; splitting d_d - d_e = (d_d - d_S) + (d_S - d_T) + (d_T - d_e) gives the
    price of expert e's load, max(0, d_T - d_e), and the price of one more filled slot,
    lambda = d_S - d_T. Returns (prices, lambda, rounds). Any prices >= 0 and any lambda give
    a valid bound, so stopping after 3,000 rounds only loosens it.
    """
    n_d, n_e = lists.n_declarations, lists.n_experts
    src, sink = n_d + n_e, n_d + n_e + 1
    assigned = np.zeros(len(lists.declaration), dtype=bool)
    keys = lists.declaration * n_e + lists.expert
    order = np.argsort(keys)
    pos = np.searchsorted(keys[order], result.declarations * n_e + result.experts)
    assigned[order[pos]] = True
    d, e, a = lists.declaration, n_d + lists.expert, lists.affinity
    per_d = np.bincount(result.declarations, minlength=n_d)
    per_e = np.bincount(result.experts, minlength=n_e)
    spare_d, used_d = np.flatnonzero(per_d < K), np.flatnonzero(per_d > 0)
    spare_e, used_e = n_d + np.flatnonzero(per_e < load), n_d + np.flatnonzero(per_e > 0)
    tails = np.concatenate(
        [
            d[~assigned],
            e[assigned],
            np.full(len(spare_d), src),
            used_d,
            spare_e,
            np.full(len(used_e), sink),
        ]
    )
    heads = np.concatenate(
        [
            e[~assigned],
            d[assigned],
            spare_d,
            np.full(len(used_d), src),
            np.full(len(spare_e), sink),
            used_e,
        ]
    )
    weights = np.concatenate([-a[~assigned], a[assigned], np.zeros(len(tails) - len(a))])
    dist = np.zeros(n_d + n_e + 2)
    rounds = 0
    while rounds < 3_000:
        rounds += 1
        new = dist.copy()
        np.minimum.at(new, heads, dist[tails] + weights)
        if np.all(new >= dist - 1e-12):
            break
        dist = new
    return np.maximum(dist[sink] - dist[n_d : n_d + n_e], 0.0), dist[src] - dist[sink], rounds


def dual_bound(
    chunks, n_exp: int, result, steps: int = 0, v=None, lam: float = 0.0, load: int = LOAD
) -> float:
    """Best Lagrangian upper bound on the dense LP with the engine's number of filled slots,
    from prices ``v`` and slot price ``lam``, improved by ``steps`` subgradient steps on v."""
    objective, filled = result.objective, result.filled
    v = np.zeros(n_exp) if v is None else v.copy()
    best = np.inf
    for _ in range(steps + 1):
        total, count = load * v.sum() + lam * filled, np.zeros(n_exp)
        for cols, block in chunks():
            reduced = np.maximum(block - v[cols] - lam, 0.0)
            top = np.argpartition(-reduced, K - 1, axis=1)[:, :K]
            values = np.take_along_axis(reduced, top, axis=1)
            total += values.sum()
            np.add.at(count, cols[top[values > 0]], 1)
        best = min(best, total)
        grad = load - count
        norm = float(grad @ grad)
        if norm == 0 or best - objective <= 1e-9 * max(1.0, objective):
            break
        v = np.maximum(v - (total - objective) / norm * grad, 0.0)
    return best


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, result, seconds: float, bound: float | None, extra: str = "") -> None:
    gap = "n/a" if bound is None else f"{bound - result.objective:.6g}"
    rel = "" if bound is None else f" ({(bound - result.objective) / bound:.2e} relative)"
    served = np.bincount(result.declarations, minlength=len(result.declaration_totals)) >= K
    weakest_served = result.declaration_totals[served].min() if served.any() else 0.0
    print(
        f"{name}: solve {seconds:.2f} s, peak RSS {peak_mib():.0f} MiB, "
        f"objective {result.objective:.4f} (exact {result.exact}, max error {result.max_error:.1e}), "
        f"filled {result.filled}/{result.required}, gap to LP bound {gap}{rel}, "
        f"weakest declaration {result.weakest:.4f} "
        f"(of those fully served {weakest_served:.4f}){extra}, "
        f"whole case {time.perf_counter() - STARTED:.2f} s",
        flush=True,
    )


def case_small(
    decimals: int | None = DECIMALS,
    mode: str = "total",
    load: int = LOAD,
    pricing=None,
    organisations: int = 0,
) -> None:
    inst = TopicInstance(2_000, 1_000, seed=1, decimals=decimals)
    started = time.perf_counter()
    affinity = inst.rows(0, inst.n_decl)
    conflicts = inst.conflicts(0, inst.n_decl)
    made = time.perf_counter() - started
    started = time.perf_counter()
    orgs = {}
    if organisations:
        orgs = {
            "organisations": [i % organisations for i in range(inst.n_exp)],
            "one_per_organisation": True,
        }
    result = assignment_solve(
        affinity, K, load, conflicts=conflicts, mode=mode, pricing=pricing, **orgs
    )
    seconds = time.perf_counter() - started
    bound, extra = None, f", affinity {made:.2f} s, {result.stats['method']}"
    if mode == "total" and not organisations:
        d, e = np.nonzero(np.isfinite(affinity) & ~conflicts)
        lists = CandidateLists(d, e, affinity[d, e], inst.n_decl, inst.n_exp)
        prices, lam, rounds = expert_prices(lists, result, load)
        bound = dual_bound(inst.chunks, inst.n_exp, result, v=prices, lam=lam, load=load)
        extra += f", dual prices in {rounds} Bellman-Ford rounds"
    if result.fairness:
        f = result.fairness
        extra += (
            f", fairness: weakest {f.weakest_before:.4f} -> {f.weakest_after:.4f}, "
            f"cost {f.cost:.4f} ({f.cost / f.optimum_total:.3%}) in {f.solves} solves"
        )
    name = {None: "2,000 x 1,000 float", DECIMALS: "2,000 x 1,000"}[decimals]
    if organisations:
        name += f" {organisations} organisations, one per declaration,"
    report(f"{name} load {load} {mode}", result, seconds, bound, extra)


def case_large(mode: str = "total", top: int = 30) -> None:
    inst = TopicInstance(20_000, 10_000, seed=2)
    started = time.perf_counter()
    lists = assignment_top_candidates(inst, top, exclude=inst.conflicts)
    conflicts = inst.conflict_pairs()
    made = time.perf_counter() - started
    started = time.perf_counter()
    result = assignment_solve(lists, K, LOAD, conflicts=conflicts, mode=mode)
    seconds = time.perf_counter() - started
    peak = peak_mib()
    bound = None
    if mode == "total":
        prices, lam, _ = expert_prices(lists, result)
        bound = dual_bound(inst.chunks, inst.n_exp, result, v=prices, lam=lam)
    extra = (
        f", top-{top} lists ({len(lists.declaration):,} pairs) and conflicts {made:.2f} s, "
        f"affinity + solve {made + seconds:.2f} s, peak RSS before bound {peak:.0f} MiB"
    )
    if result.fairness:
        f = result.fairness
        extra += (
            f", fairness: weakest {f.weakest_before:.4f} -> {f.weakest_after:.4f}, "
            f"cost {f.cost:.4f} ({f.cost / f.optimum_total:.3%}) in {f.solves} solves"
        )
    report(f"20,000 x 10,000 {mode}", result, seconds, bound, extra)


def case_large_dense() -> None:
    """20,000 x 10,000 as one dense matrix: the engine prices the whole matrix itself."""
    inst = TopicInstance(20_000, 10_000, seed=2)
    started = time.perf_counter()
    affinity = inst.rows(0, inst.n_decl)
    conflicts = np.concatenate(
        [inst.conflicts(i, min(i + 2_000, inst.n_decl)) for i in range(0, inst.n_decl, 2_000)]
    )
    made = time.perf_counter() - started
    started = time.perf_counter()
    result = assignment_solve(affinity, K, LOAD, conflicts=conflicts)
    seconds = time.perf_counter() - started
    peak = peak_mib()
    top = assignment_top_candidates(inst, 50, exclude=inst.conflicts)
    keys = np.union1d(
        top.declaration * inst.n_exp + top.expert,
        result.declarations * inst.n_exp + result.experts,
    )
    d, e = keys // inst.n_exp, keys % inst.n_exp
    lists = CandidateLists(d, e, affinity[d, e], inst.n_decl, inst.n_exp)
    prices, lam, _ = expert_prices(lists, result)
    del affinity, conflicts
    bound = dual_bound(inst.chunks, inst.n_exp, result, v=prices, lam=lam)
    extra = (
        f", dense matrix and conflicts {made:.2f} s, affinity + solve {made + seconds:.2f} s, "
        f"{result.stats['method']} ({result.stats['flow_edges']:,} flow edges), "
        f"peak RSS before bound {peak:.0f} MiB"
    )
    report("20,000 x 10,000 dense total", result, seconds, bound, extra)


def case_national(top: int = 40, disciplines: int = 200, load: int = NATIONAL_LOAD) -> None:
    """300,000 x 100,000: experts qualify only in their discipline, so candidate lists are
    built per discipline and the engine's component decomposition splits the flow by them.
    Load 10, not 8: 100,000 experts x 8 = 800,000 < 900,000 review slots."""
    rng = np.random.default_rng(3)
    n_decl, n_exp = 300_000, 100_000
    started = time.perf_counter()
    d_disc = np.sort(rng.integers(0, disciplines, n_decl))
    e_disc = np.sort(rng.integers(0, disciplines, n_exp))
    rows, cols, vals, conf = [], [], [], []
    parts = []
    for g in range(disciplines):
        d_ids = np.flatnonzero(d_disc == g)
        e_ids = np.flatnonzero(e_disc == g)
        inst = TopicInstance(len(d_ids), len(e_ids), seed=1_000 + g)
        lists = assignment_top_candidates(inst, top, exclude=inst.conflicts)
        rows.append(d_ids[lists.declaration])
        cols.append(e_ids[lists.expert])
        vals.append(lists.affinity)
        pairs = inst.conflict_pairs()
        conf.append(np.column_stack([d_ids[pairs[:, 0]], e_ids[pairs[:, 1]]]))
        parts.append((d_ids, e_ids, inst))
    lists = CandidateLists(
        np.concatenate(rows), np.concatenate(cols), np.concatenate(vals), n_decl, n_exp
    )
    conflicts = np.concatenate(conf)
    made = time.perf_counter() - started
    stages = []
    started = time.perf_counter()
    result = assignment_solve(
        lists,
        K,
        load,
        conflicts=conflicts,
        block_arcs=500_000,
        progress=lambda stage, done, total: stages.append((stage, total)),
    )
    seconds = time.perf_counter() - started
    peak = peak_mib()
    blocks = max(total for stage, total in stages if stage == "solve")

    def chunks():
        for _, e_ids, inst in parts:
            for _, block in inst.chunks():
                yield e_ids, block

    prices, lam, rounds = expert_prices(lists, result, load)
    bound = dual_bound(chunks, n_exp, result, v=prices, lam=lam, load=load)
    extra = (
        f", {disciplines} disciplines in {blocks} flow blocks, top-{top} lists "
        f"({len(lists.declaration):,} pairs) and conflicts {made:.1f} s, "
        f"peak RSS before bound {peak:.0f} MiB, shortfalls {len(result.shortfalls)}, "
        f"dual prices in {rounds} Bellman-Ford rounds"
    )
    report("300,000 x 100,000 total", result, seconds, bound, extra)


CASES = {
    "small": lambda: case_small(),
    "small-float": lambda: case_small(decimals=None),
    "small-full": lambda: case_small(pricing=False),
    "small-org": lambda: case_small(organisations=300),
    "small-fair": lambda: case_small(mode="fair"),
    "tight": lambda: case_small(load=6),
    "tight-fair": lambda: case_small(load=6, mode="fair"),
    "large": lambda: case_large(),
    "large-fair": lambda: case_large(mode="fair"),
    "large-top50": lambda: case_large(top=50),
    "large-dense": case_large_dense,
    "national": case_national,
}


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--run":
        CASES[argv[1]]()
        return
    for name in argv or [c for c in CASES if c != "national"]:
        subprocess.run([sys.executable, __file__, "--run", name], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
