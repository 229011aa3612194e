"""Models of the expert pool and of online review; see models_pool and models_review."""

from .models_pool import (
    COMMITMENT_TEXT,
    Commitment,
    ConflictDeclaration,
    DuplicateFlag,
    Expert,
    ExpertFee,
    ExpertRating,
)
from .models_review import (
    Assignment,
    Criterion,
    CriterionScore,
    Draw,
    PairRule,
    ReviewRound,
    Rubric,
    ScoreSheet,
)

__all__ = [
    "COMMITMENT_TEXT",
    "Assignment",
    "Commitment",
    "ConflictDeclaration",
    "Criterion",
    "CriterionScore",
    "Draw",
    "DuplicateFlag",
    "Expert",
    "ExpertFee",
    "ExpertRating",
    "PairRule",
    "ReviewRound",
    "Rubric",
    "ScoreSheet",
]
