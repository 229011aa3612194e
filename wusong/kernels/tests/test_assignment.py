import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linprog

from wusong.kernels.assignment import (
    CandidateLists,
    assignment_solve,
    assignment_top_candidates,
)
from wusong.kernels.assignment.cli import instance_from_json, main


def lp_optimum(A, k, load, forbidden, pins, org, floor):
    """(most slots, best total affinity) of the LP relaxation, solved independently by HiGHS.

    Two stages, as the engine ranks: first the number of filled slots, then affinity with the
    slot count held. Pins are variables fixed at 1.
    """
    n_d, n_e = A.shape
    pinned = set(map(tuple, pins))
    ok = np.isfinite(A) & ~forbidden
    if floor is not None:
        ok &= np.nan_to_num(A, nan=-np.inf) >= floor
    for d, e in pinned:
        ok[d, e] = True
    dd, ee = np.nonzero(ok)
    if len(dd) == 0:
        return 0, 0.0
    a = np.nan_to_num(A[dd, ee], nan=0.0)
    m = len(dd)
    rows = [sparse.csr_array((np.ones(m), (dd, np.arange(m))), shape=(n_d, m))]
    rows.append(sparse.csr_array((np.ones(m), (ee, np.arange(m))), shape=(n_e, m)))
    bounds_ub = [np.broadcast_to(k, n_d), np.broadcast_to(load, n_e)]
    if org is not None:
        groups = dd * (org.max() + 1) + org[ee]
        _, g = np.unique(groups, return_inverse=True)
        rows.append(sparse.csr_array((np.ones(m), (g, np.arange(m))), shape=(g.max() + 1, m)))
        bounds_ub.append(np.ones(g.max() + 1))
    A_ub = sparse.vstack(rows).tocsr()
    b_ub = np.concatenate(bounds_ub).astype(float)
    bounds = [(1, 1) if (d, e) in pinned else (0, 1) for d, e in zip(dd, ee, strict=True)]
    first = linprog(-np.ones(m), A_ub=A_ub, b_ub=b_ub, bounds=bounds, method="highs")
    assert first.status == 0
    slots = -first.fun
    A2 = sparse.vstack([A_ub, sparse.csr_array(-np.ones((1, m)))]).tocsr()
    b2 = np.append(b_ub, -slots + 1e-7)
    second = linprog(-a, A_ub=A2, b_ub=b2, bounds=bounds, method="highs")
    assert second.status == 0
    return round(slots), -second.fun


def check_rules(result, A, k, load, forbidden, pins, org):
    pairs = result.pairs
    assert len(set(pairs)) == len(pairs)
    for d, e in pairs:
        assert not forbidden[d, e], f"forbidden pair ({d}, {e}) assigned"
    per_d = np.bincount(result.declarations, minlength=A.shape[0])
    per_e = np.bincount(result.experts, minlength=A.shape[1])
    assert (per_d <= np.broadcast_to(k, A.shape[0])).all()
    assert (per_e <= np.broadcast_to(load, A.shape[1])).all()
    assert set(map(tuple, pins)) <= set(pairs)
    if org is not None:
        seen = [(d, org[e]) for d, e in pairs]
        assert len(seen) == len(set(seen))


@st.composite
def instances(draw, decimal_scores=True, experts=(1, 6), max_declarations=7, max_load=3):
    """Random instances; with many experts, some are popular with every declaration, so
    declarations compete for them (what makes pricing need more than one round)."""
    n_d = draw(st.integers(1, max_declarations))
    n_e = draw(st.integers(*experts))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.random((n_d, n_e))
    if n_e > 6:
        A = 0.7 * rng.random(n_e)[None, :] + 0.3 * A
    if decimal_scores:
        A = np.round(A, 2)
    A[rng.random((n_d, n_e)) < draw(st.sampled_from([0.0, 0.2]))] = np.nan
    k = rng.integers(0, 4, size=n_d) if draw(st.booleans()) else draw(st.integers(1, 3))
    load = (
        rng.integers(0, max_load + 1, size=n_e)
        if draw(st.booleans())
        else draw(st.integers(1, max_load))
    )
    conflicts = rng.random((n_d, n_e)) < draw(st.sampled_from([0.0, 0.15, 0.4]))
    bans = rng.random((n_d, n_e)) < 0.1
    org = rng.integers(0, 3, size=n_e) if draw(st.booleans()) else None
    floor = draw(st.sampled_from([None, 0.3]))
    forbidden = conflicts | bans
    k_arr, load_arr = np.broadcast_to(k, n_d), np.broadcast_to(load, n_e)
    pins, used_d, used_e, used_org = [], np.zeros(n_d, int), np.zeros(n_e, int), set()
    for _ in range(draw(st.integers(0, 4))):
        d, e = int(rng.integers(n_d)), int(rng.integers(n_e))
        group = (d, None if org is None else org[e])
        if (
            forbidden[d, e]
            or [d, e] in pins
            or used_d[d] >= k_arr[d]
            or used_e[e] >= load_arr[e]
            or (org is not None and group in used_org)
        ):
            continue
        pins.append([d, e])
        used_d[d] += 1
        used_e[e] += 1
        used_org.add(group)
    return A, k, load, conflicts, bans, pins, org, floor


def solve(A, k, load, conflicts, bans, pins, org, floor, **kwargs):
    return assignment_solve(
        A,
        k,
        load,
        conflicts=conflicts,
        bans=np.argwhere(bans),
        pins=pins,
        organisations=None if org is None else [f"org-{o}" for o in org],
        one_per_organisation=org is not None,
        min_affinity=floor,
        **kwargs,
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_objective_equals_the_lp_optimum_and_rules_hold(instance):
    A, k, load, conflicts, bans, pins, org, floor = instance
    result = solve(*instance)
    forbidden = conflicts | bans
    check_rules(result, A, k, load, forbidden, pins, org)
    assert result.rejected_pins == ()
    assert result.exact
    slots, best = lp_optimum(A, k, load, forbidden, pins, org, floor)
    assert result.filled == slots
    assert result.objective == pytest.approx(best, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(instances(experts=(20, 40), max_declarations=40, max_load=6))
def test_pricing_on_a_dense_matrix_reaches_the_lp_optimum(instance):
    """Pricing starts from each declaration's 4k + 8 best experts: fewer than there are here."""
    A, k, load, conflicts, bans, pins, org, floor = instance
    result = solve(*instance, pricing=True)
    forbidden = conflicts | bans
    check_rules(result, A, k, load, forbidden, pins, org)
    slots, best = lp_optimum(A, k, load, forbidden, pins, org, floor)
    assert result.filled == slots
    assert result.objective == pytest.approx(best, abs=1e-6)


def test_pricing_fills_slots_its_first_candidate_lists_cannot():
    # Every declaration prefers experts 0..11, each of whom can take one: the first lists
    # (the 12 best per declaration) fill only 12 of 20 slots; the full matrix fills all 20,
    # at a negative affinity, which no price would ever ask for: only the search for an
    # augmenting path finds those slots.
    A = np.concatenate([np.zeros((20, 12)), np.full((20, 18), -0.5)], axis=1)
    priced = assignment_solve(A, 1, 1, pricing=True)
    full = assignment_solve(A, 1, 1, pricing=False)
    assert priced.stats["method"].startswith("pricing")
    assert full.stats["method"] == "full graph"
    assert priced.filled == full.filled == 20
    assert priced.objective == pytest.approx(full.objective, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(instances(decimal_scores=False))
def test_float_scores_are_optimal_within_the_reported_error(instance):
    A, k, load, conflicts, bans, pins, org, floor = instance
    result = solve(*instance)
    assert result.max_error < 1e-9
    slots, best = lp_optimum(A, k, load, conflicts | bans, pins, org, floor)
    assert result.filled == slots
    assert result.objective == pytest.approx(best, abs=1e-6 + result.max_error)


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1))
def test_sparse_lists_holding_the_optimal_pairs_give_the_dense_optimum(instance, seed):
    A, k, load, conflicts, bans, pins, org, floor = instance
    dense = solve(*instance)
    rng = np.random.default_rng(seed)
    keep = np.isfinite(A) & (rng.random(A.shape) < 0.5)
    keep[dense.declarations, dense.experts] = True
    d, e = np.nonzero(keep)
    lists = CandidateLists(d, e, A[d, e], *A.shape)
    sparse_result = solve(lists, *instance[1:])
    assert sparse_result.filled == dense.filled
    assert sparse_result.objective == pytest.approx(dense.objective, abs=1e-9)


def test_top_candidate_lists_report_their_gap_to_the_dense_optimum():
    rng = np.random.default_rng(7)
    A = rng.random((60, 30))
    conflicts = rng.random(A.shape) < 0.05
    dense = assignment_solve(A, 3, 8, conflicts=conflicts)
    for top in (3, 6, 30):
        lists = assignment_top_candidates(A, top, exclude=lambda i, j: conflicts[i:j])
        result = assignment_solve(lists, 3, 8, conflicts=conflicts)
        gap = dense.objective - result.objective
        assert gap >= -1e-9
        if top == 30:
            assert gap == pytest.approx(0, abs=1e-9)
    assert not any(conflicts[d, e] for d, e in result.pairs)


def test_scipy_sparse_matrix_keeps_explicit_zero_candidates():
    m = sparse.csr_array((np.array([0.0, 0.5]), (np.array([0, 1]), np.array([0, 0]))), shape=(2, 2))
    result = assignment_solve(m, 1, 2)
    assert result.pairs == [(0, 0), (1, 0)]
    assert result.objective == 0.5


def test_infeasible_instance_reports_shortfalls_with_reasons():
    A = np.array(
        [
            [0.9, 0.8, 0.1, np.nan],
            [0.9, 0.8, 0.7, np.nan],
            [0.5, 0.4, 0.6, np.nan],
        ]
    )
    result = assignment_solve(A, 2, 1, conflicts=[[0, 0]], min_affinity=0.3)
    assert result.pairs == [(0, 1), (1, 0), (1, 2)]
    reasons = {s.declaration: s for s in result.shortfalls}
    assert set(reasons) == {0, 2}
    assert (
        reasons[0].reason == "only 1 eligible expert after conflicts, bans and the affinity floor"
    )
    assert (reasons[2].assigned, reasons[2].eligible) == (0, 3)
    assert reasons[2].reason == (
        "load limits exhausted: 3 of its 3 other eligible experts are at their load limit"
    )


def test_no_eligible_expert_and_organisation_shortfalls_are_explained():
    A = np.full((2, 3), 0.5)
    result = assignment_solve(
        A,
        2,
        5,
        conflicts=[[1, 0], [1, 1], [1, 2]],
        organisations=["a", "a", "a"],
        one_per_organisation=True,
    )
    reasons = {s.declaration: s.reason for s in result.shortfalls}
    assert "organisations among its 3 eligible experts" in reasons[0]
    assert reasons[1].startswith("no eligible expert")
    assert result.experts_of(0) in ([0], [1], [2])


def test_pins_are_honoured_even_below_the_floor_and_override_affinity():
    A = np.array([[0.9, 0.1, 0.8], [0.9, 0.8, 0.7]])
    result = assignment_solve(A, 1, 1, pins=[[0, 1]], min_affinity=0.5)
    assert result.pairs == [(0, 1), (1, 0)]
    assert result.pinned.tolist() == [True, False]
    assert result.objective == pytest.approx(1.0)
    as_matrix = np.zeros(A.shape, dtype=bool)
    as_matrix[0, 1] = True
    for pricing in (False, True):
        again = assignment_solve(A, 1, 1, pins=as_matrix, min_affinity=0.5, pricing=pricing)
        assert again.pairs == result.pairs and again.pinned.tolist() == [True, False]


def test_pins_that_break_a_rule_are_rejected_with_the_reason():
    A = np.full((2, 4), 0.5)
    result = assignment_solve(
        A,
        2,
        1,
        conflicts=[[0, 0]],
        bans=[[1, 3]],
        pins=[[0, 0], [1, 3], [0, 1], [1, 1], [0, 2], [1, 2]],
        organisations=["x", "y", "y", "z"],
        one_per_organisation=True,
    )
    rejected = {(p.declaration, p.expert): p.reason for p in result.rejected_pins}
    assert rejected[(0, 0)] == "conflict of interest"
    assert rejected[(1, 3)] == "the pair is banned"
    assert "load limit" in rejected[(1, 1)]
    assert "same organisation" in rejected[(0, 2)]
    assert (0, 1) in result.pairs and (1, 2) in result.pairs
    assert (0, 0) not in result.pairs and (1, 3) not in result.pairs


def test_pins_on_pairs_masked_by_boolean_matrices_are_still_rejected():
    A = np.full((2, 2), 0.5)
    conflicts = np.array([[True, False], [False, False]])
    bans = np.array([[False, False], [False, True]])
    result = assignment_solve(A, 1, 1, conflicts=conflicts, bans=bans, pins=[[0, 0], [1, 1]])
    assert [(p.declaration, p.expert, p.reason) for p in result.rejected_pins] == [
        (0, 0, "conflict of interest"),
        (1, 1, "the pair is banned"),
    ]
    assert result.pairs == [(0, 1), (1, 0)]


def test_decomposition_into_blocks_keeps_the_optimum():
    rng = np.random.default_rng(3)
    parts = [rng.random((40, 20)) for _ in range(5)]
    A = np.full((200, 100), np.nan)
    for i, part in enumerate(parts):
        A[40 * i : 40 * (i + 1), 20 * i : 20 * (i + 1)] = part
    whole = assignment_solve(A, 3, 5)
    stages = []
    split = assignment_solve(A, 3, 5, block_arcs=1000, progress=lambda *s: stages.append(s))
    assert split.objective == pytest.approx(whole.objective, abs=1e-9)
    assert ("solve", 5, 5) in stages and stages[0] == ("prepare", 0, 1)


def test_fair_mode_lifts_the_weakest_declaration_and_reports_the_cost():
    A = np.array([[1.0, 0.6], [0.3, 0.0]])
    total = assignment_solve(A, 1, 1)
    assert total.pairs == [(0, 0), (1, 1)] and total.weakest == 0.0
    fair = assignment_solve(A, 1, 1, mode="fair")
    assert fair.pairs == [(0, 1), (1, 0)]
    assert fair.weakest == pytest.approx(0.3)
    assert fair.fairness.cost == pytest.approx(0.1)
    assert fair.fairness.weakest_before == 0.0
    assert fair.fairness.optimum_total == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(instances())
def test_fair_mode_never_breaks_rules_nor_ends_weaker(instance):
    A, k, load, conflicts, bans, pins, org, floor = instance
    fair = solve(*instance, mode="fair", fairness_iterations=6, fairness_refine=3)
    check_rules(fair, A, k, load, conflicts | bans, pins, org)
    report = fair.fairness
    assert report.weakest_after >= report.weakest_before - 1e-9
    assert report.total <= report.optimum_total + 1e-9
    assert report.cost == pytest.approx(report.optimum_total - report.total, abs=1e-9)
    assert fair.filled == solve(*instance).filled


def test_shortfalls_found_by_pricing_count_every_eligible_expert():
    # 30 declarations want 3 experts each from 40 experts of load 2: 10 slots stay empty.
    rng = np.random.default_rng(11)
    A = np.round(rng.random((30, 40)), 3)
    priced = assignment_solve(A, 3, 2, pricing=True)
    full = assignment_solve(A, 3, 2, pricing=False)
    assert priced.stats["method"].startswith("pricing")
    assert priced.filled == full.filled == 80
    assert priced.objective == pytest.approx(full.objective, abs=1e-9)
    assert {s.eligible for s in priced.shortfalls} == {40}
    assert all(s.reason.startswith("load limits exhausted") for s in priced.shortfalls)


def test_declared_decimals_are_exact_only_when_the_scores_have_them():
    A = np.array([[0.25, 0.24], [0.26, 0.1]])
    assert assignment_solve(A, 1, 1, decimals=2).exact
    coarse = assignment_solve(A, 1, 1, decimals=1)
    assert not coarse.exact
    assert coarse.max_error == pytest.approx(2 / 10)
    assert coarse.objective <= assignment_solve(A, 1, 1).objective + 1e-12
    assert assignment_solve(A * 1.0001, 1, 1).max_error < 1e-12


def test_bad_input_is_refused_plainly():
    with pytest.raises(ValueError, match="outside"):
        assignment_solve(np.ones((2, 2)), 1, 1, conflicts=[[5, 0]])
    with pytest.raises(ValueError, match="organisation"):
        assignment_solve(np.ones((2, 2)), 1, 1, one_per_organisation=True)
    with pytest.raises(ValueError, match="mode"):
        assignment_solve(np.ones((2, 2)), 1, 1, mode="fastest")
    with pytest.raises(ValueError, match="one per item"):
        assignment_solve(np.ones((2, 2)), [1, 2, 3], 1)


def test_command_line_solves_a_json_instance(tmp_path, capsys):
    instance = {
        "k": 2,
        "load": [1, 2, 1],
        "affinity": [[0.9, 0.5, None], [0.4, 0.8, 0.3]],
        "conflicts": [[1, 1]],
        "pins": [[0, 2]],
        "organisations": ["a", "b", None],
        "one_per_organisation": True,
    }
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(instance))
    assert main([str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    # Filling slots comes first: declaration 0 takes expert 1 so that 1 can have expert 0.
    assert {(p["declaration"], p["expert"]) for p in out["assignment"]} == {(0, 1), (0, 2), (1, 0)}
    assert out["objective"] == pytest.approx(0.9)
    assert [s["declaration"] for s in out["shortfalls"]] == [1]
    sparse_instance = {
        "k": 1,
        "load": 1,
        "declarations": 2,
        "experts": 2,
        "candidates": [[0, 0, 0.7], [0, 1, 0.6], [1, 0, 0.65]],
        "mode": "fair",
    }
    path.write_text(json.dumps(sparse_instance))
    result_path = tmp_path / "result.json"
    assert main([str(path), "--output", str(result_path), "--progress"]) == 0
    result = json.loads(result_path.read_text())
    assert result["mode"] == "fair"
    assert result["objective"] == pytest.approx(1.25)
    assert "fairness" in capsys.readouterr().err
    assert math.isnan(instance_from_json(instance)["affinity"][0, 2])
