"""Reads and aggregates of expert review: the assignment as an officer sees it, the
expert's desk, and the ranking."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from . import permissions
from .models import Assignment, Expert, ReviewRound, ScoreSheet
from .ranking import RankRow, SheetTotal, ranking_compute
from .states import AssignmentState, SheetState


@dataclass
class DeclarationLine:
    declaration: object
    assignments: list = field(default_factory=list)
    shortfall: dict | None = None

    @property
    def total_affinity(self) -> Decimal:
        return sum((a.affinity for a in self.assignments), Decimal(0))


def round_assignment(review_round: ReviewRound) -> dict:
    """Per declaration: its experts with their affinity, and any shortfall; per expert:
    their load in the round against its limit. Withdrawn assignments are listed apart."""
    live = list(
        review_round.assignments.exclude(state=AssignmentState.WITHDRAWN).select_related(
            "expert__organisation", "declaration"
        )
    )
    shortfalls = {s["declaration"]: s for s in (review_round.result or {}).get("shortfalls", [])}
    lines = {
        d.pk: DeclarationLine(d, shortfall=shortfalls.get(d.pk))
        for d in review_round.declarations.select_related("organisation").order_by("reference")
    }
    load: dict[int, int] = defaultdict(int)
    for a in live:
        if a.declaration_id in lines:
            lines[a.declaration_id].assignments.append(a)
        load[a.expert_id] += 1
    experts = Expert.objects.filter(pk__in=list(load)).select_related("organisation")
    return {
        "declarations": list(lines.values()),
        "experts": sorted(
            [(e, load[e.pk]) for e in experts], key=lambda pair: (-pair[1], pair[0].name)
        ),
        "withdrawn": list(
            review_round.assignments.filter(state=AssignmentState.WITHDRAWN).select_related(
                "expert", "declaration"
            )
        ),
        "rules": list(review_round.rules.select_related("expert", "declaration")),
    }


def round_conflicts(review_round: ReviewRound) -> list[tuple]:
    """(declaration, expert, reasons) for every conflicted pair among the round's
    declarations and the active pool, for the officer."""
    from .services.conflicts import conflicts_detect

    decls = list(review_round.declarations.order_by("reference"))
    experts = list(Expert.objects.filter(active=True).select_related("organisation"))
    found = conflicts_detect(decls, experts)
    by_d = {d.pk: d for d in decls}
    by_e = {e.pk: e for e in experts}
    return [(by_d[d], by_e[e], reasons) for (d, e), reasons in sorted(found.items())]


def desk_assignments(user):
    """The expert's own live assignments with the state of their sheets."""
    return (
        permissions.assignments_of_expert(user)
        .select_related("sheet")
        .order_by("round__deadline", "declaration__reference")
    )


def round_sheets(review_round: ReviewRound):
    """Submitted sheets of live assignments: what the ranking counts."""
    return ScoreSheet.objects.filter(
        assignment__round=review_round,
        state=SheetState.SUBMITTED,
    ).exclude(assignment__state=AssignmentState.WITHDRAWN)


@dataclass
class RankingLine:
    row: RankRow
    declaration: object
    sheets: list

    @property
    def recommendations(self) -> list[tuple[str, int]]:
        labels = dict(ScoreSheet.Recommendation.choices)
        return [
            (str(labels[code]), self.row.recommendations[code])
            for code in ScoreSheet.Recommendation.values
            if code in self.row.recommendations
        ]


def ranking(review_round: ReviewRound, *, disagreement_spread=Decimal(30)) -> list[RankingLine]:
    """Declarations of the round ranked by weighted mean, with the leniency-adjusted score,
    the spread between experts and a flag where they disagree strongly."""
    sheets = list(round_sheets(review_round).select_related("assignment__expert"))
    rows = ranking_compute(
        [
            SheetTotal(
                declaration=s.assignment.declaration_id,
                expert=s.assignment.expert_id,
                total=s.total,
                recommendation=s.recommendation,
            )
            for s in sheets
        ],
        disagreement_spread=disagreement_spread,
    )
    decls = {d.pk: d for d in review_round.declarations.select_related("organisation")}
    by_decl = defaultdict(list)
    for s in sheets:
        by_decl[s.assignment.declaration_id].append(s)
    return [RankingLine(r, decls.get(r.declaration), by_decl[r.declaration]) for r in rows]


def round_progress(review_round: ReviewRound) -> dict:
    counts = review_round.assignments.exclude(state=AssignmentState.WITHDRAWN).aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=Q(sheet__state=SheetState.SUBMITTED)),
        confirmed=Count("pk", filter=Q(no_conflict_confirmed_at__isnull=False)),
    )
    return counts


def expert_record(expert: Expert) -> dict:
    return {
        "fees": list(expert.fees.select_related("round")),
        "ratings": list(expert.ratings.select_related("round")),
        "assignments": Assignment.objects.filter(expert=expert)
        .exclude(state=AssignmentState.WITHDRAWN)
        .count(),
    }
