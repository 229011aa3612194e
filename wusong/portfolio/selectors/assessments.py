"""Reads of the five-dimension assessments: a project's profile now against the last
assessment and the company's own view, its radar and history charts, and the weak links
across many projects."""

from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wusong.kernels import assessment as scoring
from wusong.kernels.radar import Series, bars_svg, history_svg, radar_svg

from ..dimensions import DIMENSIONS, Dimension
from ..models import Assessment, Project


def weak_threshold() -> Decimal:
    """Dimension scores below this (0–100) are weak links. Settings may change it."""
    return Decimal(str(getattr(settings, "WUSONG_PORTFOLIO_WEAK_THRESHOLD", 60)))


def dimension_labels() -> list[str]:
    return [str(Dimension(d).label) for d in DIMENSIONS]


def manager_assessments(project: Project) -> QuerySet:
    return project.assessments.filter(kind=Assessment.Kind.MANAGER).order_by("assessed_on", "id")


def latest_pair(project: Project) -> tuple[Assessment | None, Assessment | None]:
    """The latest manager's assessment and the one before it."""
    rows = list(manager_assessments(project).order_by("-assessed_on", "-id")[:2])
    return (rows[0] if rows else None, rows[1] if len(rows) > 1 else None)


def radar_for(project: Project, current=None, previous=None) -> str | None:
    """Now against the last assessment, with the company's own view beside it."""
    if current is None:
        current, previous = latest_pair(project)
    if current is None:
        return None
    series = [
        Series(_("Now (%(date)s)") % {"date": current.assessed_on}, list(current.scores().values()))
    ]
    if previous is not None:
        series.append(
            Series(
                _("Last (%(date)s)") % {"date": previous.assessed_on},
                list(previous.scores().values()),
                dashed=True,
            )
        )
    if current.self_assessment_id:
        mine = current.self_assessment
        series.append(
            Series(
                _("Company's own view (%(date)s)") % {"date": mine.assessed_on},
                list(mine.scores().values()),
                dashed=True,
            )
        )
    return radar_svg(
        dimension_labels(),
        series,
        title=_("Five dimensions of %(title)s") % {"title": project.title},
    )


def dimension_history(project: Project) -> list[dict]:
    """Per dimension: the scores over time and a small line chart."""
    rows = list(manager_assessments(project))
    threshold = weak_threshold()
    out = []
    for code, label in zip(DIMENSIONS, dimension_labels(), strict=True):
        points = [(a.assessed_on.strftime("%Y-%m"), getattr(a, code)) for a in rows]
        out.append(
            {
                "dimension": code,
                "label": label,
                "points": points,
                "svg": history_svg(points, threshold=threshold, title=label) if points else None,
            }
        )
    return out


def weak_link_moves(current: Assessment, previous: Assessment | None) -> list[dict]:
    """For each weak link of the previous assessment: its score then and now, whether it
    rose above the threshold, and the plan items aimed at it."""
    if previous is None:
        return []
    threshold = weak_threshold()
    before, after = previous.scores(), current.scores()
    moves = []
    for d in scoring.weak_links(before, threshold, DIMENSIONS):
        b, a = before[d], after[d]
        moves.append(
            {
                "dimension": d,
                "label": Dimension(d).label,
                "before": b,
                "after": a,
                "delta": (a - b) if a is not None and b is not None else None,
                "closed": a is not None and a >= threshold,
                "items": list(previous.plan_items.all()),
            }
        )
    return moves


def profile(project: Project) -> dict:
    current, previous = latest_pair(project)
    threshold = weak_threshold()
    scores = current.scores() if current else {}
    return {
        "current": current,
        "previous": previous,
        "self": current.self_assessment if current else latest_self(project),
        "threshold": threshold,
        "rows": [
            {
                "dimension": d,
                "label": Dimension(d).label,
                "now": scores.get(d),
                "before": previous.scores().get(d) if previous else None,
                "mine": (
                    current.self_assessment.scores().get(d)
                    if current and current.self_assessment
                    else None
                ),
                "weak": scores.get(d) is not None and scores[d] < threshold,
            }
            for d in DIMENSIONS
        ],
        "weak_links": scoring.weak_links(scores, threshold, DIMENSIONS) if current else [],
        "moves": weak_link_moves(current, previous) if current else [],
    }


def latest_self(project: Project) -> Assessment | None:
    return (
        project.assessments.filter(kind=Assessment.Kind.SELF)
        .order_by("-assessed_on", "-id")
        .first()
    )


def latest_assessments(projects: QuerySet) -> dict[int, Assessment]:
    """Each project's latest manager's assessment, by project id, in one query."""
    latest: dict[int, Assessment] = {}
    rows = Assessment.objects.filter(
        project__in=projects.order_by().values("pk"), kind=Assessment.Kind.MANAGER
    ).order_by("project_id", "-assessed_on", "-id")
    for assessment in rows:
        latest.setdefault(assessment.project_id, assessment)
    return latest


def weakest_most_often(
    projects: QuerySet, latest: dict[int, Assessment] | None = None
) -> list[tuple[str, str, int]]:
    """(dimension, label, count) over each project's latest manager's assessment, most
    often weakest first (ties in the dimensions' order)."""
    if latest is None:
        latest = latest_assessments(projects)
    counts: Counter = Counter(a.weakest for a in latest.values() if a.weakest)
    ordered = sorted(DIMENSIONS, key=lambda d: (-counts[d], DIMENSIONS.index(d)))
    return [(d, str(Dimension(d).label), counts[d]) for d in ordered]


def weakest_chart(projects: QuerySet, latest: dict[int, Assessment] | None = None) -> str:
    rows = weakest_most_often(projects, latest)
    return bars_svg([(label, n) for _d, label, n in rows], title=_("Weakest dimension, by project"))
