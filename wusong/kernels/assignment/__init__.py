"""Expert–declaration assignment: which experts review which declarations.

Pure Python (numpy, scipy, OR-Tools), no Django. The entry point is :func:`assignment_solve`
(``solve``); ``prepare`` builds the residual problem, ``cli`` is the command line.

Rules, in order of precedence:

1. A conflicted or banned pair is never assigned, not even when pinned.
2. Each declaration gets at most ``k`` experts, each expert at most ``load`` declarations and,
   with ``one_per_organisation``, a declaration gets at most one expert per organisation.
3. Pins (pairs an officer forces) are assigned when rules 1–2 allow; they may fall below the
   affinity floor. A pin that breaks a rule is returned in ``rejected_pins`` with the reason.
4. Pairs below ``min_affinity``, and pairs that are not candidates (NaN in a dense matrix,
   absent from sparse candidate lists), are not eligible.
5. As many review slots as possible are filled; among those assignments the engine picks the
   one of maximum total affinity (default mode ``"total"``) or, in mode ``"fair"``, one that
   raises the weakest declaration's total first (heuristic; see ``fairness``).

Declarations that end with fewer than ``k`` experts are reported as shortfalls with the
reason, never as an error.

Method. A min-cost maximum flow (``flow``: source → declaration → [declaration ×
organisation] → expert → sink, built from numpy arrays, solved by OR-Tools), so the total is
the optimum of the linear programme, which is integral here. Independent components of the
candidate graph (disciplines) are solved as separate flows. A large dense matrix is solved
from each declaration's best experts and proved or improved on the whole matrix by pricing
(``pricing``).

Exactness. The flow solver needs integer costs: affinities are multiplied by a scale S and
rounded. When every affinity has at most d ≤ 9 decimal places (detected, or declared with
``decimals``), S = 10**d and the optimum is exact for the inputs (``result.exact``).
Otherwise (float scores, or more places than a declared ``decimals``) S is 10**decimals or
the largest power of two the solver accepts without overflow (2**40 or more for a million
nodes with affinities in [0, 1]), and the returned total is within ``result.max_error`` =
(filled slots) / S of the optimum: each rounded cost is off by at most 1/(2S), so any
assignment's two valuations differ by at most m/(2S), twice that between the rounded
optimum and the true one.

Command line: ``python -m wusong.kernels.assignment INSTANCE.json [--mode fair]
[--output RESULT.json] [--progress]``. The instance file is a JSON object:

.. code-block:: text

    {
      "k": 3,                        # reviewers per declaration: an int or one per declaration
      "load": 8,                     # load limit per expert: an int or one per expert
      "affinity": [[0.81, null], ...],   # dense: one row per declaration, null = not a candidate
      "candidates": [[0, 5, 0.81], ...], # or sparse: [declaration, expert, affinity] triples
      "declarations": 2000,          # counts; required with "candidates", else from "affinity"
      "experts": 1000,
      "conflicts": [[0, 3], ...],    # [declaration, expert] pairs never to assign
      "bans": [[1, 2], ...],         # pairs the officer forbids
      "pins": [[4, 7], ...],         # pairs the officer forces
      "organisations": ["org-a", "org-b", null, ...],  # per expert; null = none known
      "one_per_organisation": true,
      "min_affinity": 0.2,
      "decimals": 2,                 # optional: optimise on scores rounded to 2 places
      "mode": "total"                # or "fair"; the --mode option overrides it
    }

All keys but ``k``, ``load`` and one of ``affinity``/``candidates`` are optional; indices are
0-based. The result is printed as JSON (see :meth:`AssignmentResult.to_dict`).
"""

from wusong.kernels.assignment.prepare import CandidateLists, assignment_top_candidates
from wusong.kernels.assignment.solve import (
    AssignmentResult,
    FairnessReport,
    RejectedPin,
    Shortfall,
    assignment_solve,
)

__all__ = [
    "AssignmentResult",
    "CandidateLists",
    "FairnessReport",
    "RejectedPin",
    "Shortfall",
    "assignment_solve",
    "assignment_top_candidates",
]
