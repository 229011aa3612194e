"""The entry point of the expert assignment engine, :func:`assignment_solve`, and its result.

The rules, the method and the command line are described in the package docstring.
"""

import math
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from wusong.kernels.assignment.fairness import fair_search
from wusong.kernels.assignment.flow import (
    Progress,
    cost_scale,
    flow_select,
    safe_cost_magnitude,
    value_bound,
)
from wusong.kernels.assignment.prepare import (
    CandidateLists,
    Prepared,
    candidates,
    dense_candidates,
    prepare,
)
from wusong.kernels.assignment.pricing import PRICING_MIN_CELLS, solve_by_pricing


@dataclass(frozen=True)
class Shortfall:
    """A declaration that got fewer experts than it needs, and why (``eligible`` counts the
    experts it could have had: candidates left after conflicts, bans and the floor, and pins)."""

    declaration: int
    required: int
    assigned: int
    eligible: int
    reason: str


@dataclass(frozen=True)
class RejectedPin:
    declaration: int
    expert: int
    reason: str


@dataclass(frozen=True)
class FairnessReport:
    """What fairness mode achieved and what it cost in total affinity."""

    optimum_total: float
    total: float
    cost: float
    weakest_before: float
    weakest_after: float
    solves: int


@dataclass(frozen=True)
class AssignmentResult:
    """The assignment, sorted by declaration then expert, and what an officer needs to judge it.

    ``declarations[i]``, ``experts[i]``, ``affinities[i]`` and ``pinned[i]`` describe pair i.
    ``objective`` is the total affinity of all pairs, pins included. ``weakest`` is the lowest
    ``declaration_totals`` value among declarations that want reviewers and have at least one
    eligible expert (the others are shortfalls nothing can mend). ``exact`` says the objective
    is the optimum exactly; otherwise it is within ``max_error`` of it (in fair mode that
    includes the fairness cost). ``scale`` is the integer cost scale used.
    """

    declarations: np.ndarray
    experts: np.ndarray
    affinities: np.ndarray
    pinned: np.ndarray
    objective: float
    required: int
    shortfalls: tuple[Shortfall, ...]
    rejected_pins: tuple[RejectedPin, ...]
    declaration_totals: np.ndarray
    weakest: float
    mode: str
    scale: float
    exact: bool
    max_error: float
    seconds: float
    fairness: FairnessReport | None = None
    stats: dict = field(default_factory=dict)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.declarations.tolist(), self.experts.tolist(), strict=True))

    @property
    def filled(self) -> int:
        return len(self.declarations)

    def experts_of(self, declaration: int) -> list[int]:
        return self.experts[self.declarations == declaration].tolist()

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "objective": self.objective,
            "exact": self.exact,
            "max_error": self.max_error,
            "filled": self.filled,
            "required": self.required,
            "weakest_declaration_total": self.weakest,
            "seconds": round(self.seconds, 3),
            "assignment": [
                {"declaration": d, "expert": e, "affinity": a, "pinned": p}
                for d, e, a, p in zip(
                    self.declarations.tolist(),
                    self.experts.tolist(),
                    self.affinities.tolist(),
                    self.pinned.tolist(),
                    strict=True,
                )
            ],
            "shortfalls": [vars(s) for s in self.shortfalls],
            "rejected_pins": [vars(p) for p in self.rejected_pins],
            "fairness": vars(self.fairness) if self.fairness else None,
            "stats": self.stats,
        }


def assignment_solve(
    affinity: np.ndarray | CandidateLists | sparse.sparray | sparse.spmatrix,
    k: int | Sequence[int] | np.ndarray,
    load: int | Sequence[int] | np.ndarray,
    *,
    conflicts: Any = None,
    bans: Any = None,
    pins: Any = None,
    organisations: Sequence[Hashable | None] | None = None,
    one_per_organisation: bool = False,
    min_affinity: float | None = None,
    mode: str = "total",
    decimals: int | None = None,
    fairness_iterations: int = 20,
    fairness_refine: int = 6,
    block_arcs: int = 4_000_000,
    pricing: bool | None = None,
    progress: Progress | None = None,
) -> AssignmentResult:
    """Assign experts to declarations; see the module docstring for the rules.

    ``affinity`` is a dense (declarations × experts) array (NaN = not a candidate), a scipy
    sparse matrix whose stored entries are the candidates, or :class:`CandidateLists`.
    ``conflicts``, ``bans`` and ``pins`` are (declaration, expert) pairs: an (m, 2) array or
    list, or a boolean (declarations × experts) matrix. ``progress(stage, done, total)`` is
    called as the run advances (stages ``"prepare"``, ``"solve"``, ``"fairness"``).
    ``pricing`` solves a dense matrix from each declaration's best experts and proves the
    result on the whole matrix (``pricing``); by default it is used for dense
    matrices of PRICING_MIN_CELLS cells or more. Fair mode's
    reweighted solves then use the pairs pricing kept, not the whole matrix.
    """
    if mode not in ("total", "fair"):
        raise ValueError(f"mode must be 'total' or 'fair', not {mode!r}")
    started = time.perf_counter()
    if progress:
        progress("prepare", 0, 1)
    rules = {
        "k": k,
        "load": load,
        "pins": pins,
        "organisations": organisations,
        "one_per_organisation": one_per_organisation,
        "min_affinity": min_affinity,
    }
    dense = isinstance(affinity, np.ndarray) and affinity.ndim == 2
    if pricing is None:
        pricing = dense and affinity.size >= PRICING_MIN_CELLS
    priced = None
    if pricing and dense:
        priced = solve_by_pricing(affinity, conflicts, bans, rules, decimals, block_arcs, progress)
    if priced is not None:
        inst, chosen, scale, exact, limit = priced
    else:
        if dense:
            decl, expert, values, conflicts, bans = dense_candidates(
                affinity, conflicts, bans, pins
            )
            n_decl, n_exp = affinity.shape
        else:
            decl, expert, values, n_decl, n_exp = candidates(affinity)
        inst = prepare(
            decl,
            expert,
            values,
            n_decl,
            n_exp,
            conflicts=conflicts,
            bans=bans,
            deduplicate=not dense,
            **rules,
        )
        if progress:
            progress("prepare", 1, 1)
        n_units = int(min(inst.demand.sum(), inst.capacity.sum()))
        n_nodes = n_decl + n_exp + (len(inst.d) if inst.org is not None else 0)
        limit = safe_cost_magnitude(n_nodes, n_units)
        scale, exact = cost_scale(lambda: [inst.a], limit, decimals)
        chosen = _flow(inst, scale, limit, None, block_arcs, progress)
    fairness = None
    if mode == "fair":
        fairness, chosen = _fair(
            inst,
            chosen,
            lambda w: _flow(inst, scale, limit, w, block_arcs, progress),
            fairness_iterations,
            fairness_refine,
            progress,
        )
    return _result(inst, chosen, mode, scale, exact, fairness, time.perf_counter() - started)


def _flow(inst: Prepared, scale, limit, weights, block_arcs, progress) -> np.ndarray:
    """Chosen edges of the exact flow solve, optionally with per-declaration weights."""
    if weights is None:
        cost = -np.rint(inst.a * scale).astype(np.int64)
    else:
        wmax = float(weights.max())
        w_scale = 2.0 ** math.floor(math.log2(limit / (value_bound(inst.a) * wmax)))
        cost = -np.rint(inst.a * weights[inst.d] * w_scale).astype(np.int64)
    return flow_select(
        inst.d,
        inst.e,
        cost,
        inst.demand,
        inst.capacity,
        inst.org,
        block_arcs=block_arcs,
        progress=progress,
    )


def _fair(inst: Prepared, exact_chosen, solve, iterations, refine, progress):
    def totals(chosen: np.ndarray) -> np.ndarray:
        return inst.pin_totals + np.bincount(
            inst.d[chosen], weights=inst.a[chosen], minlength=inst.n_decl
        )

    def value(chosen: np.ndarray) -> float:
        return float(inst.a[chosen].sum())

    tol = 1e-9 * value_bound(inst.a) * max(1, int(inst.k.max(initial=1)))
    # No declaration can beat its own best eligible experts: a ceiling for the weakest total.
    order = np.lexsort((-inst.a, inst.d))
    d_sorted = inst.d[order]
    starts = np.searchsorted(d_sorted, d_sorted)
    best_own = (np.arange(len(order)) - starts) < inst.demand[d_sorted]
    own = inst.pin_totals + np.bincount(
        d_sorted[best_own], weights=inst.a[order][best_own], minlength=inst.n_decl
    )
    ceiling = float(own[inst.population].min()) if inst.population.any() else 0.0
    chosen, solves = fair_search(
        lambda w: exact_chosen if np.all(w == 1.0) else solve(w),
        totals,
        value,
        inst.population,
        inst.n_decl,
        iterations=iterations,
        refine=refine,
        tol=tol,
        ceiling=ceiling,
        progress=progress,
    )
    pin_total = float(inst.pin_a.sum())
    before = totals(exact_chosen)[inst.population]
    after = totals(chosen)[inst.population]
    report = FairnessReport(
        optimum_total=pin_total + value(exact_chosen),
        total=pin_total + value(chosen),
        cost=value(exact_chosen) - value(chosen),
        weakest_before=float(before.min()) if len(before) else 0.0,
        weakest_after=float(after.min()) if len(after) else 0.0,
        solves=solves,
    )
    return report, chosen


def _result(inst: Prepared, chosen, mode, scale, exact, fairness, seconds) -> AssignmentResult:
    decl = np.concatenate([inst.pin_d, inst.d[chosen]])
    expert = np.concatenate([inst.pin_e, inst.e[chosen]])
    values = np.concatenate([inst.pin_a, inst.a[chosen]])
    pinned = np.concatenate([np.ones(len(inst.pin_d), bool), np.zeros(int(chosen.sum()), bool)])
    order = np.lexsort((expert, decl))
    decl, expert, values, pinned = decl[order], expert[order], values[order], pinned[order]
    totals = np.bincount(decl, weights=values, minlength=inst.n_decl)
    weakest = totals[inst.population]
    n_flow = int(chosen.sum())
    return AssignmentResult(
        declarations=decl,
        experts=expert,
        affinities=values,
        pinned=pinned,
        objective=math.fsum(values.tolist()),
        required=int(inst.k.sum()),
        shortfalls=tuple(Shortfall(**s) for s in inst.shortfalls(decl, expert)),
        rejected_pins=tuple(RejectedPin(*p) for p in inst.rejected_pins),
        declaration_totals=totals,
        weakest=float(weakest.min()) if len(weakest) else 0.0,
        mode=mode,
        scale=scale,
        exact=exact and fairness is None,
        max_error=(0.0 if exact else n_flow / scale) + (fairness.cost if fairness else 0.0),
        seconds=seconds,
        fairness=fairness,
        stats={
            "method": inst.method,
            "flow_edges": len(inst.d),
            "declarations": inst.n_decl,
            "experts": inst.n_exp,
        },
    )
