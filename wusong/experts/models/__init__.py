"""Expert review owns the expert pool (experts, commitments, fees, ratings, declared
conflicts, duplicate flags) and online review (rounds, rubrics, assignments, draws,
score sheets). Every model is imported here, so Django finds them."""

from .pool import (
    COMMITMENT_TEXT,
    Commitment,
    ConflictDeclaration,
    DuplicateFlag,
    Expert,
    ExpertFee,
    ExpertRating,
)
from .review import (
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
