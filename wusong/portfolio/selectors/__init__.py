"""Every read of post-investment care, by topic: assessments and their charts
(`assessments`), the service plan and log (`care`), company reports (`reports`), checks
(`checks`) and their expert panel (`panel`), what should not slip (`attention`), the
desk (`desk`), and the project page and candidate pool (`projects`)."""

from .assessments import (
    dimension_history,
    dimension_labels,
    latest_assessments,
    latest_pair,
    latest_self,
    manager_assessments,
    profile,
    radar_for,
    weak_link_moves,
    weak_threshold,
    weakest_chart,
    weakest_most_often,
)
from .attention import needs_attention
from .care import items_owned_by, overdue_items, plan_proposal, service_hours, timeline
from .checks import tranche_stop_reason
from .desk import approved_not_followed, desk, own_projects
from .panel import (
    checks_to_hear,
    expert_pool,
    hearings_of,
    open_hearing,
    panel_conflicts,
    panel_materials,
    panel_page,
    panel_sheet,
    panel_summary,
    panels_of,
    sitting_of,
)
from .projects import (
    ProjectPage,
    candidate_pool,
    mark_openable,
    pool_rows,
    project_page,
)
from .reports import report_of, reports_missing

__all__ = [
    "checks_to_hear",
    "ProjectPage",
    "approved_not_followed",
    "candidate_pool",
    "desk",
    "dimension_history",
    "dimension_labels",
    "expert_pool",
    "hearings_of",
    "items_owned_by",
    "latest_assessments",
    "latest_pair",
    "latest_self",
    "manager_assessments",
    "mark_openable",
    "needs_attention",
    "open_hearing",
    "overdue_items",
    "own_projects",
    "panel_conflicts",
    "panel_materials",
    "panel_page",
    "panel_sheet",
    "panel_summary",
    "panels_of",
    "plan_proposal",
    "pool_rows",
    "profile",
    "project_page",
    "radar_for",
    "report_of",
    "reports_missing",
    "service_hours",
    "sitting_of",
    "timeline",
    "tranche_stop_reason",
    "weak_link_moves",
    "weak_threshold",
    "weakest_chart",
    "weakest_most_often",
]
