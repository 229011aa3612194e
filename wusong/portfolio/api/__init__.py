"""The REST endpoints of post-investment care, by topic, and the routes `wusong.api`
registers them under."""

from .care import PlanItemViewSet, ServerViewSet
from .checks import AgreementCheckViewSet, ExtensionRequestViewSet
from .panel import CheckPanelViewSet
from .projects import CandidateViewSet, IndicatorViewSet, ProjectViewSet
from .reports import AlertViewSet, CompanyReportViewSet

routes = [
    ("portfolio/indicators", IndicatorViewSet, "portfolio-indicator"),
    ("portfolio/projects", ProjectViewSet, "portfolio-project"),
    ("portfolio/plan-items", PlanItemViewSet, "portfolio-plan-item"),
    ("portfolio/servers", ServerViewSet, "portfolio-server"),
    ("portfolio/reports", CompanyReportViewSet, "portfolio-report"),
    ("portfolio/alerts", AlertViewSet, "portfolio-alert"),
    ("portfolio/candidates", CandidateViewSet, "portfolio-candidate"),
    ("portfolio/extension-requests", ExtensionRequestViewSet, "portfolio-extension"),
    ("portfolio/checks", AgreementCheckViewSet, "portfolio-check"),
    ("portfolio/check-panels", CheckPanelViewSet, "portfolio-check-panel"),
]
