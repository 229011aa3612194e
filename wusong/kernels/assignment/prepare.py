"""Turn an assignment instance into the residual problem the flow solves, and explain shortfalls.

Everything here works on edge arrays keyed by ``declaration * n_experts + expert`` and sorted
once, so membership tests (conflicts, bans, pins) are binary searches over numpy arrays.
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from scipy import sparse


class CandidateLists(NamedTuple):
    """Sparse affinity: each declaration's candidate experts with their affinity."""

    declaration: np.ndarray
    expert: np.ndarray
    affinity: np.ndarray
    n_declarations: int
    n_experts: int


def _isin_sorted(keys: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    if len(sorted_set) == 0:
        return np.zeros(len(keys), dtype=bool)
    idx = np.searchsorted(sorted_set, keys)
    idx[idx == len(sorted_set)] = 0
    return sorted_set[idx] == keys


def pairs_of(value: Any, n_decl: int, n_exp: int, name: str) -> np.ndarray:
    """(m, 2) int64 (declaration, expert) pairs from a list/array of pairs or a boolean matrix."""
    if value is None:
        return np.empty((0, 2), dtype=np.int64)
    if sparse.issparse(value):
        coo = sparse.coo_array(value)
        keep = coo.data != 0
        return np.column_stack([coo.row[keep], coo.col[keep]]).astype(np.int64)
    arr = np.asarray(value)
    if arr.dtype == bool:
        if arr.shape != (n_decl, n_exp):
            raise ValueError(f"{name}: a boolean matrix must be declarations × experts")
        return np.argwhere(arr).astype(np.int64)
    arr = arr.astype(np.int64).reshape(-1, 2)
    bad = (arr[:, 0] < 0) | (arr[:, 0] >= n_decl) | (arr[:, 1] < 0) | (arr[:, 1] >= n_exp)
    if bad.any():
        d, e = arr[np.argmax(bad)]
        raise ValueError(
            f"{name}: pair ({d}, {e}) is outside {n_decl} declarations × {n_exp} experts"
        )
    return arr


def per_item(value: Any, n: int, name: str) -> np.ndarray:
    arr = np.asarray(value, dtype=np.int64)
    if arr.ndim == 0:
        arr = np.full(n, int(arr), dtype=np.int64)
    if arr.shape != (n,):
        raise ValueError(f"{name} must be one integer or one per item ({n}), not shape {arr.shape}")
    if (arr < 0).any():
        raise ValueError(f"{name} must not be negative")
    return arr


def _org_codes(organisations: Sequence[Hashable | None], n_exp: int) -> np.ndarray:
    """Integer organisation codes; an expert with no organisation is a organisation of one."""
    if len(organisations) != n_exp:
        raise ValueError(f"organisations: {len(organisations)} given for {n_exp} experts")
    codes: dict[Hashable, int] = {}
    out = np.empty(n_exp, dtype=np.int64)
    for i, org in enumerate(organisations):
        out[i] = codes.setdefault(("expert", i) if org is None else ("org", org), len(codes))
    return out


@dataclass
class Prepared:
    n_decl: int
    n_exp: int
    k: np.ndarray
    load: np.ndarray
    d: np.ndarray
    e: np.ndarray
    a: np.ndarray
    demand: np.ndarray
    capacity: np.ndarray
    org: np.ndarray | None
    pin_d: np.ndarray
    pin_e: np.ndarray
    pin_a: np.ndarray
    eligible_d: np.ndarray
    eligible_e: np.ndarray
    rejected_pins: list[tuple[int, int, str]] = field(default_factory=list)
    method: str = "full graph"

    @property
    def pin_totals(self) -> np.ndarray:
        return np.bincount(self.pin_d, weights=self.pin_a, minlength=self.n_decl)

    @property
    def eligible_count(self) -> np.ndarray:
        return np.bincount(self.eligible_d, minlength=self.n_decl)

    @property
    def population(self) -> np.ndarray:
        """Declarations that want reviewers and have at least one eligible expert."""
        return (self.k > 0) & (self.eligible_count > 0)

    def shortfalls(self, decl: np.ndarray, expert: np.ndarray) -> list[dict[str, Any]]:
        """Why each declaration with fewer than k experts is short, in words an officer reads."""
        assigned = np.bincount(decl, minlength=self.n_decl)
        short = np.flatnonzero(assigned < self.k)
        if len(short) == 0:
            return []
        eligible = self.eligible_count
        used = np.bincount(expert, minlength=self.n_exp)
        ed, ee = self.eligible_d, self.eligible_e
        taken = _isin_sorted(ed * self.n_exp + ee, np.sort(decl * self.n_exp + expert))
        full = ~taken & (used[ee] >= self.load[ee])
        n_full = np.bincount(ed[full], minlength=self.n_decl)
        n_orgs = None
        if self.org is not None:
            groups = np.unique(ed * (int(self.org.max()) + 1) + self.org[ee])
            n_orgs = np.bincount(groups // (int(self.org.max()) + 1), minlength=self.n_decl)
        out = []
        for i in short.tolist():
            n, have, want = int(eligible[i]), int(assigned[i]), int(self.k[i])
            if n == 0:
                reason = "no eligible expert after conflicts, bans and the affinity floor"
            elif n < want:
                noun = "expert" if n == 1 else "experts"
                reason = f"only {n} eligible {noun} after conflicts, bans and the affinity floor"
            elif n_orgs is not None and n_orgs[i] < want:
                reason = (
                    f"only {int(n_orgs[i])} organisations among its {n} eligible experts "
                    "(at most one expert per organisation)"
                )
            else:
                reason = (
                    f"load limits exhausted: {int(n_full[i])} of its {n - have} other eligible "
                    "experts are at their load limit"
                )
                if n_orgs is not None and n_full[i] < n - have:
                    reason += ", the rest share an organisation with an assigned expert"
            out.append(
                {
                    "declaration": i,
                    "required": want,
                    "assigned": have,
                    "eligible": n,
                    "reason": reason,
                }
            )
        return out


def prepare(
    decl: np.ndarray,
    expert: np.ndarray,
    values: np.ndarray,
    n_decl: int,
    n_exp: int,
    *,
    k: Any,
    load: Any,
    conflicts: Any,
    bans: Any,
    pins: Any,
    organisations: Sequence[Hashable | None] | None,
    one_per_organisation: bool,
    min_affinity: float | None,
    deduplicate: bool,
) -> Prepared:
    k_arr, load_arr = per_item(k, n_decl, "k"), per_item(load, n_exp, "load")
    if len(decl) and (
        decl.min() < 0 or decl.max() >= n_decl or expert.min() < 0 or expert.max() >= n_exp
    ):
        raise ValueError("candidate lists refer to declarations or experts outside the counts")
    keys = decl * n_exp + expert
    if deduplicate:
        # Sorted keys make membership tests binary searches; a repeated pair keeps its best value.
        order = np.lexsort((-values, keys))
        keys, values = keys[order], values[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        keys, values = keys[first], values[first]
        decl, expert = keys // n_exp, keys % n_exp
    finite = np.isfinite(values)
    if not finite.all():
        keys, decl, expert, values = keys[finite], decl[finite], expert[finite], values[finite]
    conflict_keys = np.unique(_keys(pairs_of(conflicts, n_decl, n_exp, "conflicts"), n_exp))
    ban_keys = np.unique(_keys(pairs_of(bans, n_decl, n_exp, "bans"), n_exp))
    forbidden = np.union1d(conflict_keys, ban_keys)
    ok = ~_isin_sorted(keys, forbidden)
    if min_affinity is not None:
        ok &= values >= min_affinity
    org = None
    if one_per_organisation:
        if organisations is None:
            raise ValueError("one_per_organisation needs each expert's organisation")
        org = _org_codes(organisations, n_exp)
    pin_pairs = pairs_of(pins, n_decl, n_exp, "pins")
    pin_keys, first_idx = np.unique(_keys(pin_pairs, n_exp), return_index=True)
    pin_keys = pin_keys[np.argsort(first_idx)]
    in_conflict = _isin_sorted(pin_keys, conflict_keys)
    in_ban = _isin_sorted(pin_keys, ban_keys)
    pos = np.clip(np.searchsorted(keys, pin_keys), 0, max(len(keys) - 1, 0))
    found = (keys[pos] == pin_keys) if len(keys) else np.zeros(len(pin_keys), bool)
    pin_val = np.where(found, values[pos] if len(keys) else 0.0, 0.0)
    rejected: list[tuple[int, int, str]] = []
    pd_list, pe_list, pa_list = [], [], []
    pinned_per_decl = np.zeros(n_decl, dtype=np.int64)
    pinned_per_exp = np.zeros(n_exp, dtype=np.int64)
    pinned_orgs: set[tuple[int, int]] = set()
    for j, key in enumerate(pin_keys.tolist()):
        d, e = divmod(key, n_exp)
        if in_conflict[j]:
            reason = "conflict of interest"
        elif in_ban[j]:
            reason = "the pair is banned"
        elif pinned_per_decl[d] >= k_arr[d]:
            reason = f"the declaration already has its {int(k_arr[d])} experts pinned"
        elif pinned_per_exp[e] >= load_arr[e]:
            reason = f"the expert's load limit of {int(load_arr[e])} is used by other pins"
        elif org is not None and (d, int(org[e])) in pinned_orgs:
            reason = "another pinned expert on this declaration is from the same organisation"
        else:
            pinned_per_decl[d] += 1
            pinned_per_exp[e] += 1
            if org is not None:
                pinned_orgs.add((d, int(org[e])))
            pd_list.append(d)
            pe_list.append(e)
            pa_list.append(float(pin_val[j]))
            continue
        rejected.append((d, e, reason))
    pin_d = np.asarray(pd_list, dtype=np.int64)
    pin_e = np.asarray(pe_list, dtype=np.int64)
    accepted_keys = np.sort(pin_d * n_exp + pin_e)
    el_d, el_e = decl[ok], expert[ok]
    outside = ~_isin_sorted(accepted_keys, keys[ok])
    eligible_d = np.concatenate([el_d, accepted_keys[outside] // n_exp])
    eligible_e = np.concatenate([el_e, accepted_keys[outside] % n_exp])
    demand = k_arr - pinned_per_decl
    capacity = load_arr - pinned_per_exp
    ok &= ~_isin_sorted(keys, accepted_keys)
    if org is not None and len(pin_d):
        n_org = int(org.max()) + 1
        blocked = np.unique(pin_d * n_org + org[pin_e])
        ok &= ~_isin_sorted(decl * n_org + org[expert], blocked)
    ok &= (demand[decl] > 0) & (capacity[expert] > 0)
    return Prepared(
        n_decl=n_decl,
        n_exp=n_exp,
        k=k_arr,
        load=load_arr,
        d=decl[ok],
        e=expert[ok],
        a=values[ok],
        demand=demand,
        capacity=capacity,
        org=org,
        pin_d=pin_d,
        pin_e=pin_e,
        pin_a=np.asarray(pa_list, dtype=np.float64),
        eligible_d=eligible_d,
        eligible_e=eligible_e,
        rejected_pins=rejected,
    )


def _keys(pairs: np.ndarray, n_exp: int) -> np.ndarray:
    return pairs[:, 0] * n_exp + pairs[:, 1]


def candidates(affinity) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    if isinstance(affinity, CandidateLists):
        return (
            np.asarray(affinity.declaration, dtype=np.int64),
            np.asarray(affinity.expert, dtype=np.int64),
            np.asarray(affinity.affinity, dtype=np.float64),
            int(affinity.n_declarations),
            int(affinity.n_experts),
        )
    if sparse.issparse(affinity):
        coo = sparse.coo_array(affinity)
        n_decl, n_exp = coo.shape
        return (
            coo.row.astype(np.int64),
            coo.col.astype(np.int64),
            coo.data.astype(np.float64),
            n_decl,
            n_exp,
        )
    dense = np.asarray(affinity, dtype=np.float64)
    if dense.ndim != 2:
        raise ValueError("dense affinity must be a (declarations × experts) matrix")
    decl, expert = np.nonzero(np.isfinite(dense))
    return decl, expert, dense[decl, expert], dense.shape[0], dense.shape[1]


def dense_candidates(affinity: np.ndarray, conflicts: Any, bans: Any, pins: Any):
    """Candidates of a dense matrix, with boolean conflict/ban matrices applied as masks.

    Masking before ``np.nonzero`` is much cheaper than looking every pair up afterwards. The
    masked-out pairs that are also pinned are passed on as pairs, so that such a pin is still
    rejected with its reason.
    """
    mask = np.isfinite(affinity)
    pin_pairs = pairs_of(pins, *mask.shape, "pins")
    passed = []
    for matrix in (conflicts, bans):
        if isinstance(matrix, np.ndarray) and matrix.dtype == bool and matrix.shape == mask.shape:
            mask &= ~matrix
            if len(pin_pairs):
                passed.append(pin_pairs[matrix[pin_pairs[:, 0], pin_pairs[:, 1]]])
            else:
                passed.append(None)
        else:
            passed.append(matrix)
    decl, expert = np.nonzero(mask)
    return decl, expert, affinity[decl, expert].astype(np.float64), passed[0], passed[1]


def assignment_top_candidates(
    affinity: np.ndarray,
    per_declaration: int,
    *,
    exclude: Callable[[int, int], np.ndarray] | None = None,
    chunk: int = 2_000,
) -> CandidateLists:
    """Each declaration's ``per_declaration`` best experts from a dense matrix, by row chunks.

    ``exclude(start, stop)`` may return a boolean mask for rows start..stop of pairs to drop
    first (conflicts), so that the lists hold the best *eligible* experts.
    """
    n_decl, n_exp = affinity.shape
    top = min(per_declaration, n_exp)
    rows, cols, vals = [], [], []
    for start in range(0, n_decl, chunk):
        block = np.asarray(affinity[start : start + chunk], dtype=np.float64)
        block = np.where(np.isfinite(block), block, -np.inf)
        if exclude is not None:
            block[exclude(start, start + len(block))] = -np.inf
        idx = np.argpartition(-block, top - 1, axis=1)[:, :top]
        val = np.take_along_axis(block, idx, axis=1)
        keep = np.isfinite(val)
        rows.append(np.broadcast_to(np.arange(start, start + len(block))[:, None], idx.shape)[keep])
        cols.append(idx[keep])
        vals.append(val[keep])
    return CandidateLists(
        np.concatenate(rows), np.concatenate(cols), np.concatenate(vals), n_decl, n_exp
    )
