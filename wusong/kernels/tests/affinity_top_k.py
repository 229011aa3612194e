"""Each declaration's best experts, from the text-affinity kernel's blocked product.

Only the tests and ``bench/affinity_bench.py`` use these: the product scores every pair
with ``affinity_dense``. The scores are the ones ``affinity_dense`` gives; ties in a top-K
list go to the lower expert index, so results are reproducible.
"""

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from wusong.kernels.affinity import (
    DEFAULT_WEIGHTS,
    SCORE_SCALE,
    AffinityWeights,
    DeclarationText,
    ExpertText,
    _CosineBlocks,
    _quantise,
    _vectorise,
    affinity_dense,
)

DEFAULT_TOP_K = 50
DENSE_CELLS_LIMIT = 25_000_000


def affinity_top_k(
    declarations: Sequence[DeclarationText],
    experts: Sequence[ExpertText],
    k: int = DEFAULT_TOP_K,
    *,
    exclude: tuple[Sequence[int] | np.ndarray, Sequence[int] | np.ndarray] | None = None,
    weights: AffinityWeights = DEFAULT_WEIGHTS,
    block_rows: int = 0,
) -> sparse.csr_array:
    """Each declaration's ``k`` best experts as a CSR array (declarations x experts).

    Entries are the same scores ``affinity_dense`` gives; zero affinities are left out, so
    a row may hold fewer than ``k`` entries. Ties go to the lower expert index. Memory is
    bounded by one block of ``block_rows`` x experts, whatever the number of declarations.

    ``exclude`` is a pair of arrays (declaration indices, expert indices), typically the
    conflicts of interest: those pairs are never listed, and the next best experts take
    their places, so a candidate list is not emptied by conflicts.
    """
    n_d, n_e = len(declarations), len(experts)
    if k <= 0 or not n_d or not n_e:
        return sparse.csr_array((n_d, n_e), dtype=np.float64)
    x_decl, x_expert = _vectorise(declarations, experts, weights)
    excluded = None
    if exclude is not None:
        rows, cols = (np.asarray(a, dtype=np.int64) for a in exclude)
        excluded = sparse.csr_array(
            (np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n_d, n_e)
        )
    blocks = _CosineBlocks(x_decl, x_expert, block_rows=block_rows)
    return _top_k_blocks(blocks, n_d, n_e, k, excluded)


def _top_k_blocks(
    blocks: _CosineBlocks,
    n_d: int,
    n_e: int,
    k: int,
    excluded: sparse.csr_array | None = None,
) -> sparse.csr_array:
    """Select each row's k best entries without quantising whole blocks: the k-th largest
    raw value bounds the candidates from below, only candidates are quantised, and those
    are ranked by (score, lower expert index), which is exactly the order the dense
    matrix gives."""
    k = min(k, n_e)
    rows_out, cols_out, vals_out = [], [], []
    for start, block in blocks:
        if excluded is not None:
            ex = excluded[start : start + block.shape[0]].tocoo()
            block[ex.row, ex.col] = -1.0
        # The k-th score, rounded exactly as every other score is: the candidates are all
        # entries that round to it or above (a 0.25 margin covers float32 rounding of
        # value x SCORE_SCALE), and never entries that round to 0.
        kth_q = _quantise(np.partition(block, n_e - k, axis=1)[:, n_e - k])
        floor = np.maximum(kth_q - 0.75, 0.25) / SCORE_SCALE
        r, c = np.nonzero(block >= floor[:, None].astype(np.float32))
        q = _quantise(block[r, c])
        keep = q > 0
        r, c, q = r[keep], c[keep], q[keep]
        order = np.lexsort((c, -q, r))
        r, c, q = r[order], c[order], q[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")
        keep = rank < k
        rows_out.append(r[keep] + start)
        cols_out.append(c[keep])
        vals_out.append(q[keep])
    rows = np.concatenate(rows_out)
    cols = np.concatenate(cols_out)
    vals = np.concatenate(vals_out).astype(np.float64) / SCORE_SCALE
    out = sparse.csr_array((vals, (rows, cols)), shape=(n_d, n_e))
    out.sort_indices()
    return out


def affinity(
    declarations: Sequence[DeclarationText],
    experts: Sequence[ExpertText],
    *,
    top_k: int | None = None,
    weights: AffinityWeights = DEFAULT_WEIGHTS,
) -> np.ndarray | sparse.csr_array:
    """Dense affinity when ``top_k`` is None and the matrix has at most DENSE_CELLS_LIMIT
    cells; otherwise each declaration's ``top_k`` (default DEFAULT_TOP_K) best experts."""
    if top_k is None and len(declarations) * len(experts) <= DENSE_CELLS_LIMIT:
        return affinity_dense(declarations, experts, weights=weights)
    k = DEFAULT_TOP_K if top_k is None else top_k
    return affinity_top_k(declarations, experts, k, weights=weights)


def affinity_triples(
    matrix: np.ndarray | sparse.sparray | sparse.spmatrix,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(declaration index, expert index, score) arrays of the non-zero entries, ordered by
    declaration, then best score first, then expert index."""
    coo = sparse.coo_array(matrix)
    order = np.lexsort((coo.col, -coo.data, coo.row))
    return (
        coo.row[order].astype(np.int64),
        coo.col[order].astype(np.int64),
        coo.data[order].astype(np.float64),
    )
