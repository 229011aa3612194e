"""Fairness mode of the expert assignment engine: raise the weakest declaration first.

Maximising the minimum per-declaration total affinity is NP-hard, so this is a heuristic
built from exact flow solves:

1. Multiplicative weights. Each round solves the exact weighted problem (declaration d's
   edges weigh ``w_d * affinity``) and raises the weight of declarations whose total is below
   the mean, lowers it for those above. The best round by leximin order of the totals (the
   weakest first, then the next weakest, ...) is kept; round 0 (all weights 1) is the
   total-optimal assignment, so fairness never ends weaker than the default mode.
2. Give back total affinity. Weights ``w_best ** t`` for ``t`` in (0, 1] interpolate between
   the total-optimal solve (t = 0) and the fairest round (t = 1); a bisection looks for the
   smallest t that still keeps the weakest declaration's total, whose assignment usually
   costs less total affinity.

Every solve is a maximum flow, so the number of filled slots is the same as in default mode.
"""

from collections.abc import Callable

import numpy as np

Progress = Callable[[str, int, int], None]

_MAX_WEIGHT = 1_000.0
_STEP = 1.0


def leximin_better(a: np.ndarray, b: np.ndarray, tol: float) -> int:
    """+1 if sorted totals ``a`` beat ``b`` in leximin order, -1 if worse, 0 if equal."""
    diff = np.sort(a) - np.sort(b)
    idx = np.flatnonzero(np.abs(diff) > tol)
    if len(idx) == 0:
        return 0
    return 1 if diff[idx[0]] > 0 else -1


def fair_search(
    solve: Callable[[np.ndarray], np.ndarray],
    totals: Callable[[np.ndarray], np.ndarray],
    value: Callable[[np.ndarray], float],
    population: np.ndarray,
    n_decl: int,
    *,
    iterations: int,
    refine: int,
    tol: float,
    ceiling: float = np.inf,
    patience: int = 8,
    progress: Progress | None = None,
) -> tuple[np.ndarray, int]:
    """The chosen-edge mask of the fairest assignment found, and the solves it took.

    ``solve(weights)`` returns the chosen edges of an exact weighted max-flow/min-cost solve;
    ``totals(chosen)`` the per-declaration total affinity; ``value(chosen)`` the total;
    ``population`` marks the declarations fairness is measured over. The search stops early
    once the weakest total reaches ``ceiling`` (an upper bound: no declaration can do better
    than its own best experts) or after ``patience`` rounds without a leximin improvement.
    """
    steps = iterations + refine
    weights = np.ones(n_decl)
    chosen = solve(weights)
    best, best_t, best_w = chosen, totals(chosen)[population], weights.copy()
    solves, stale = 1, 0
    for i in range(iterations):
        if len(best_t) == 0 or best_t.min() >= ceiling - tol or stale >= patience:
            break
        if progress:
            progress("fairness", i, steps)
        t = totals(chosen)[population]
        spread = max(float(t.max() - t.min()), tol)
        weights[population] *= np.exp(_STEP * (t.mean() - t) / spread)
        weights /= weights[population].min()
        np.clip(weights, 1.0, _MAX_WEIGHT, out=weights)
        chosen = solve(weights)
        solves += 1
        t_new = totals(chosen)[population]
        if leximin_better(t_new, best_t, tol) > 0:
            best, best_t, best_w, stale = chosen, t_new, weights.copy(), 0
        else:
            stale += 1
    weakest = best_t.min() if len(best_t) else 0.0
    lo, hi = 0.0, 1.0
    for j in range(refine if np.any(best_w != 1.0) else 0):
        if progress:
            progress("fairness", iterations + j, steps)
        mid = (lo + hi) / 2
        candidate = solve(best_w**mid)
        solves += 1
        t_c = totals(candidate)[population]
        if t_c.min() >= weakest - tol:
            hi = mid
            if value(candidate) > value(best) + tol:
                best, best_t = candidate, t_c
        else:
            lo = mid
    if progress:
        progress("fairness", steps, steps)
    return best, solves
