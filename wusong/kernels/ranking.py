"""Ranking arithmetic, plain Python on Decimals (no Django), so it can be checked by hand.

Each submitted score sheet has a total on a 0–100 scale: the weighted mean of its
criterion scores, each first placed on 0–1 within its criterion's range. A declaration's
**mean** is the mean of its sheets' totals.

Leniency: some experts score everything high, others low. An expert's offset is the mean
of their totals minus the mean of all totals in the round; the **adjusted** total of a
sheet is its total minus its expert's offset, and a declaration's adjusted score is the
mean of its adjusted totals. An expert with fewer than ``min_sheets`` sheets gets no
offset: one sheet says nothing about leniency, and subtracting it would erase the score.

**Spread** is the highest total minus the lowest. Experts **disagree strongly** when the
spread reaches ``disagreement_spread`` points, or when one recommends funding and another
recommends not funding.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

Q = Decimal("0.0001")
# Sheets on one declaration recommending both of these disagree strongly.
FUND, DO_NOT_FUND = "fund", "do_not_fund"


@dataclass(frozen=True)
class SheetTotal:
    declaration: Hashable
    expert: Hashable
    total: Decimal
    recommendation: str = ""


@dataclass
class RankRow:
    declaration: Hashable
    sheets: int
    mean: Decimal
    adjusted: Decimal
    spread: Decimal
    lowest: Decimal
    highest: Decimal
    disagreement: bool
    disagreement_reasons: list[str] = field(default_factory=list)
    recommendations: dict[str, int] = field(default_factory=dict)
    rank: int = 0
    adjusted_rank: int = 0


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def expert_offsets(sheets: Sequence[SheetTotal], min_sheets: int = 2) -> dict[Hashable, Decimal]:
    """Each expert's leniency: their mean total minus the round's mean total."""
    if not sheets:
        return {}
    overall = _mean([s.total for s in sheets])
    by_expert: dict[Hashable, list[Decimal]] = defaultdict(list)
    for s in sheets:
        by_expert[s.expert].append(s.total)
    return {
        e: (_mean(t) - overall) if len(t) >= min_sheets else Decimal(0)
        for e, t in by_expert.items()
    }


def ranking_compute(
    sheets: Sequence[SheetTotal],
    *,
    min_sheets: int = 2,
    disagreement_spread: Decimal = Decimal(30),
) -> list[RankRow]:
    """Declarations ranked by mean total (ties by adjusted score, then key); ``rank`` and
    ``adjusted_rank`` give each order (1 = best; equal scores share a rank)."""
    offsets = expert_offsets(sheets, min_sheets)
    by_decl: dict[Hashable, list[SheetTotal]] = defaultdict(list)
    for s in sheets:
        by_decl[s.declaration].append(s)
    rows = []
    for decl, own in by_decl.items():
        totals = [s.total for s in own]
        lo, hi = min(totals), max(totals)
        recs: dict[str, int] = defaultdict(int)
        for s in own:
            if s.recommendation:
                recs[s.recommendation] += 1
        reasons = []
        if len(own) > 1 and hi - lo >= disagreement_spread:
            reasons.append("spread")
        if recs.get(FUND) and recs.get(DO_NOT_FUND):
            reasons.append("recommendations")
        rows.append(
            RankRow(
                declaration=decl,
                sheets=len(own),
                mean=_mean(totals).quantize(Q),
                adjusted=_mean([s.total - offsets[s.expert] for s in own]).quantize(Q),
                spread=(hi - lo).quantize(Q),
                lowest=lo,
                highest=hi,
                disagreement=bool(reasons),
                disagreement_reasons=reasons,
                recommendations=dict(recs),
            )
        )
    _assign_ranks(rows, "adjusted", "adjusted_rank")
    _assign_ranks(rows, "mean", "rank")
    rows.sort(key=lambda r: (-r.mean, -r.adjusted, str(r.declaration)))
    return rows


def _assign_ranks(rows: list[RankRow], key: str, target: str) -> None:
    ordered = sorted(rows, key=lambda r: -getattr(r, key))
    previous, rank = None, 0
    for i, row in enumerate(ordered, start=1):
        value = getattr(row, key)
        if value != previous:
            rank, previous = i, value
        setattr(row, target, rank)


def sheet_total(scores: Sequence[tuple[Decimal, Decimal, Decimal, Decimal]]) -> Decimal:
    """A sheet's total on 0–100 from (score, weight, min, max) per criterion."""
    weight = sum((w for _s, w, _lo, _hi in scores), Decimal(0))
    if not weight:
        return Decimal(0)
    points = sum(((s - lo) / (hi - lo) * w for s, w, lo, hi in scores), Decimal(0))
    return (points / weight * 100).quantize(Q)
