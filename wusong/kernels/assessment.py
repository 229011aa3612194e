"""The arithmetic of a five-dimension assessment, in plain Python (no Django).

Dimension score (0–100, one decimal, half up):

    score(d) = 100 × Σ wᵢ · (sᵢ − minᵢ) / (maxᵢ − minᵢ)  /  Σ wᵢ

over the indicators i of dimension d that were scored, where sᵢ is the score given on
the indicator's scale [minᵢ, maxᵢ] and wᵢ its weight. Indicators left unscored ("not
applicable") are left out of both sums; a dimension with no scored indicator has no
score (None). The overall score is the plain mean of the dimension scores there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_PLACE = Decimal("0.1")
HUNDRED = Decimal(100)


class ScoreError(ValueError):
    pass


@dataclass(frozen=True)
class ScoredIndicator:
    dimension: str
    value: Decimal
    scale_min: int
    scale_max: int
    weight: Decimal = Decimal(1)


def check_on_scale(value: Decimal, scale_min: int, scale_max: int) -> None:
    if not (scale_min <= value <= scale_max):
        raise ScoreError(f"{value} is outside the scale {scale_min}–{scale_max}")


def dimension_scores(
    dimensions: Iterable[str], scored: Iterable[ScoredIndicator]
) -> dict[str, Decimal | None]:
    num: dict[str, Decimal] = {}
    den: dict[str, Decimal] = {}
    for s in scored:
        if s.scale_max <= s.scale_min:
            raise ScoreError("an indicator's scale must run from a lower to a higher point")
        if s.weight <= 0:
            raise ScoreError("weights must be positive")
        check_on_scale(s.value, s.scale_min, s.scale_max)
        fraction = (Decimal(s.value) - s.scale_min) / (s.scale_max - s.scale_min)
        num[s.dimension] = num.get(s.dimension, Decimal(0)) + s.weight * fraction
        den[s.dimension] = den.get(s.dimension, Decimal(0)) + s.weight
    return {
        d: (HUNDRED * num[d] / den[d]).quantize(ONE_PLACE, ROUND_HALF_UP) if d in den else None
        for d in dimensions
    }


def overall_score(scores: Mapping[str, Decimal | None]) -> Decimal | None:
    present = [v for v in scores.values() if v is not None]
    if not present:
        return None
    return (sum(present) / len(present)).quantize(ONE_PLACE, ROUND_HALF_UP)


def weakest(scores: Mapping[str, Decimal | None], order: Iterable[str]) -> str | None:
    """The lowest-scoring dimension; ties go to the one first in `order`."""
    ranked = [(scores[d], i, d) for i, d in enumerate(order) if scores.get(d) is not None]
    return min(ranked)[2] if ranked else None


def weak_links(
    scores: Mapping[str, Decimal | None], threshold: Decimal, order: Iterable[str]
) -> list[str]:
    """Dimensions scoring below `threshold`, weakest first; if none is, the weakest one."""
    order = list(order)
    below = sorted(
        (scores[d], order.index(d), d)
        for d in order
        if scores.get(d) is not None and scores[d] < threshold
    )
    if below:
        return [d for _s, _i, d in below]
    w = weakest(scores, order)
    return [w] if w else []
