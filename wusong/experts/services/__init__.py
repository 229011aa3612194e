"""Every write of expert review: one function per thing a user does, each in one
transaction with its audit entry. Split by topic: the pool, duplicates, assignment,
invitations, rubrics and scoring."""

from .assignment import (
    assignment_compute,
    conflict_confirm_none,
    conflict_declare,
    pair_rule_clear,
    pair_rule_set,
    panel_draw,
    random_draw,
    replacement_find,
    round_close,
    round_create,
    round_publish,
    round_update,
)
from .duplicates import duplicate_decide, duplicates_flag
from .invitations import password_link_create
from .pool import (
    ImportReport,
    RowError,
    commitment_accept,
    expert_create,
    expert_update,
    experts_import,
    fee_record,
    rating_record,
)
from .rubrics import rubric_create, rubric_default
from .scoring import score_save

__all__ = [
    "ImportReport",
    "RowError",
    "assignment_compute",
    "commitment_accept",
    "conflict_confirm_none",
    "conflict_declare",
    "duplicate_decide",
    "duplicates_flag",
    "expert_create",
    "expert_update",
    "experts_import",
    "fee_record",
    "password_link_create",
    "pair_rule_clear",
    "pair_rule_set",
    "panel_draw",
    "random_draw",
    "rating_record",
    "replacement_find",
    "round_close",
    "round_create",
    "round_publish",
    "round_update",
    "rubric_create",
    "rubric_default",
    "score_save",
]
