"""The records of post-investment care, by topic: the projects followed with their
assessments and candidate pool (`projects`), the service plan and those who serve
(`care`), company reports and their alerts (`reports`), mid-term checks, acceptance and
extensions (`checks`) and the expert panel that hears a check (`panel`)."""

from .care import PlanItem, Rating, Server, ServiceLog
from .checks import AgreementCheck, ExtensionRequest
from .panel import CheckHearing, CheckPanel, PanelMember, PanelScore, PanelSheet
from .projects import (
    Anchor,
    Assessment,
    CandidateInvitation,
    Contact,
    FollowUp,
    Indicator,
    Project,
    Score,
)
from .reports import Alert, CompanyReport, KeyTaskProgress, ReportReminder

__all__ = [
    "AgreementCheck",
    "Alert",
    "Anchor",
    "Assessment",
    "CandidateInvitation",
    "CheckHearing",
    "CheckPanel",
    "CompanyReport",
    "Contact",
    "ExtensionRequest",
    "FollowUp",
    "Indicator",
    "KeyTaskProgress",
    "PanelMember",
    "PanelScore",
    "PanelSheet",
    "PlanItem",
    "Project",
    "Rating",
    "ReportReminder",
    "Score",
    "Server",
    "ServiceLog",
]
