"""Reads and aggregates of expert review: the rounds an officer sees, the assignment and
its draws, the expert's desk, and the ranking."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from wusong.calls.models import Call
from wusong.calls.permissions import programmes_run_by
from wusong.calls.states import State
from wusong.kernels.draws import draw_pick
from wusong.kernels.ranking import RankRow, SheetTotal, ranking_compute

from .. import permissions
from ..models import Draw, DuplicateFlag, Expert, ReviewRound, ScoreSheet
from ..states import AssignmentState, SheetState


def rounds_listed(user) -> QuerySet:
    """The review rounds `user` may read, each with its number of assignments."""
    return permissions.rounds_visible_to(user).annotate(n_assignments=Count("assignments"))


def calls_to_review(user) -> QuerySet:
    """The calls of the programmes `user` runs, each with how many declarations passed
    formal review (and so can be put to a review round)."""
    return Call.objects.filter(programme__in=programmes_run_by(user)).annotate(
        passed=Count("declarations", filter=Q(declarations__state=State.PASSED))
    )


def round_by_id(pk) -> ReviewRound:
    """A review round read afresh (a form may change it while it validates)."""
    return ReviewRound.objects.get(pk=pk)


def round_criteria(review_round: ReviewRound) -> list:
    """The criteria of the round's rubric, in order."""
    return list(review_round.rubric.criteria.all())


def round_draws(review_round: ReviewRound, limit: int = 200) -> QuerySet:
    """The round's recorded draws (at most `limit`), with their declarations."""
    return review_round.draws.select_related("declaration")[:limit]


def draw_replay(draw: Draw) -> list[int]:
    """Repeat a recorded draw from its seed and eligible list; equals ``draw.drawn``."""
    return draw_pick(
        draw.seed,
        draw.eligible,
        draw.wanted,
        one_per_group=draw.round.one_per_organisation,
        taken_groups=draw.taken_groups,
    )


def duplicate_flags(call) -> QuerySet:
    """The call's possible duplicates, each with both declarations."""
    return DuplicateFlag.objects.filter(call=call).select_related("first", "second")


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


def desk_assignments(user):
    """The expert's own live assignments with the state of their sheets."""
    return (
        permissions.assignments_of_expert(user)
        .select_related("sheet")
        .order_by("round__deadline", "declaration__reference")
    )


def desk_rounds(user, expert: Expert) -> list[dict]:
    """The expert's live assignments grouped by round: each round, whether the expert
    accepted its commitment, and its items (assignment and sheet)."""
    committed = set(expert.commitments.values_list("round", flat=True))
    rounds: dict[int, dict] = {}
    for a in desk_assignments(user):
        entry = rounds.setdefault(
            a.round_id, {"round": a.round, "committed": a.round_id in committed, "items": []}
        )
        entry["items"].append({"assignment": a, "sheet": getattr(a, "sheet", None)})
    return list(rounds.values())


def assignment_sheet(assignment) -> ScoreSheet | None:
    """The assignment's score sheet, if the expert has saved one."""
    return ScoreSheet.objects.filter(assignment=assignment).first()


def sheet_scores(sheet: ScoreSheet) -> dict:
    """The sheet's scores by criterion code."""
    return {s.criterion.code: s.score for s in sheet.scores.select_related("criterion")}


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
