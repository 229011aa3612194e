"""Review rounds and the assignment of experts to declarations: best match by the exact
solver, or a random draw (随机抽取) from a recorded seed; the officer's pins and bans;
publishing; and the withdrawal and replacement that follow a declared conflict."""

import secrets
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import audited_update, transition_fire
from wusong.calls.models import Call, Declaration
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.affinity import DeclarationText, ExpertText, affinity_dense
from wusong.kernels.assignment import assignment_solve
from wusong.kernels.draws import draw_pick, draw_seed

from .. import permissions
from ..models import (
    Assignment,
    ConflictDeclaration,
    Draw,
    Expert,
    PairRule,
    ReviewRound,
)
from ..progress import ComputeProgress
from ..selectors import OrganisationTree, conflicts_detect
from ..states import AssignmentState, RoundState
from .rubrics import rubric_default

#: What an officer sets on a review round, by the round's form or the API.
ROUND_SETTINGS = (
    "name",
    "rubric",
    "reviewers_per_declaration",
    "load_limit",
    "one_per_organisation",
    "min_affinity",
    "fairness",
    "deadline",
)
#: What the services may set: the settings, and the method (solver or random draw).
ROUND_FIELDS = (*ROUND_SETTINGS, "method")


def _require_officer(user, review_round: ReviewRound) -> None:
    if not permissions.runs_round(user, review_round):
        raise NotAllowed(_("Only an officer of this programme can change its review rounds."))


def _require_setup(review_round: ReviewRound) -> None:
    if review_round.state != RoundState.SETUP:
        raise ActionRefused(
            _("The assignment of this round is already published; it can no longer be changed.")
        )


def _locked(review_round: ReviewRound) -> ReviewRound:
    return (
        ReviewRound.objects.select_for_update()
        .select_related("call__programme", "rubric")
        .get(pk=review_round.pk)
    )


@transaction.atomic
def round_create(user, call: Call, data: dict) -> ReviewRound:
    """A review round for the call's declarations that passed formal review. Without a
    rubric, the default investment-first rubric is used."""
    if not permissions.runs_programme_of_call(user, call):
        raise NotAllowed(_("Only an officer of this programme can set up its review."))
    unknown = set(data) - set(ROUND_FIELDS)
    if unknown:
        raise ActionRefused(_("%(field)s cannot be set here.") % {"field": ", ".join(unknown)})
    data = dict(data)
    data.setdefault("rubric", rubric_default())
    data.setdefault("name", _("Online review of %(call)s") % {"call": call})
    review_round = ReviewRound(call=call, created_by=user, **data)
    review_round.full_clean(exclude=["created_by", "call", "state"])
    review_round.save()
    review_round.declarations.set(_passed(call))
    audit_record(
        review_round,
        actor=user,
        action="created",
        changes={k: [None, str(getattr(review_round, k))] for k in ROUND_FIELDS},
    )
    return review_round


@transaction.atomic
def round_update(user, review_round: ReviewRound, data: dict) -> ReviewRound:
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    _require_setup(review_round)
    audited_update(
        user,
        review_round,
        data,
        fields=ROUND_FIELDS,
        snapshot=lambda r: {key: str(getattr(r, key)) for key in data if key in ROUND_FIELDS},
        clean_exclude=["created_by", "call", "state"],
        refusal=ActionRefused,
    )
    return review_round


def _passed(call: Call):
    return Declaration.objects.filter(call=call, state=State.PASSED)


@dataclass
class RoundContext:
    """Everything a solve or a draw needs, read once: declarations and experts in a fixed
    order (by id), affinities, conflicts, organisation groups and remaining loads."""

    declarations: list[Declaration]
    experts: list[Expert]
    affinity: np.ndarray
    conflicts: dict[tuple[int, int], list[str]]
    groups: list[int | None]
    load: np.ndarray
    bans: set[tuple[int, int]]
    pins: list[tuple[int, int]]

    def index(self):
        return (
            {d.pk: i for i, d in enumerate(self.declarations)},
            {e.pk: j for j, e in enumerate(self.experts)},
        )


def _context(review_round: ReviewRound, *, count_own_live: bool = False) -> RoundContext:
    declarations = list(
        review_round.declarations.select_related("industry", "organisation").order_by("pk")
    )
    experts = list(Expert.objects.filter(active=True).select_related("organisation").order_by("pk"))
    tree = OrganisationTree()
    affinity = affinity_dense(
        [
            DeclarationText(
                title=d.title,
                summary=d.summary,
                keywords=d.keywords,
                industry=[x for x in (d.industry.name, d.industry.name_en) if x],
            )
            for d in declarations
        ],
        [
            ExpertText(disciplines=e.disciplines, keywords=e.keywords, profile=e.profile)
            for e in experts
        ],
    )
    year = review_round.deadline.year
    used_elsewhere = dict(
        Assignment.objects.filter(state=AssignmentState.PUBLISHED, round__deadline__year=year)
        .exclude(round=review_round)
        .values("expert")
        .annotate(n=Count("pk"))
        .values_list("expert", "n")
    )
    own_live = (
        dict(
            review_round.assignments.exclude(state=AssignmentState.WITHDRAWN)
            .values("expert")
            .annotate(n=Count("pk"))
            .values_list("expert", "n")
        )
        if count_own_live
        else {}
    )
    load = np.array(
        [
            max(
                0,
                min(review_round.load_limit, e.load_limit - used_elsewhere.get(e.pk, 0))
                - own_live.get(e.pk, 0),
            )
            for e in experts
        ],
        dtype=np.int64,
    )
    rules = list(review_round.rules.all())
    return RoundContext(
        declarations=declarations,
        experts=experts,
        affinity=affinity,
        conflicts=conflicts_detect(declarations, experts, tree),
        groups=[tree.root(e.organisation_id) for e in experts],
        load=load,
        bans={(r.declaration_id, r.expert_id) for r in rules if r.kind == PairRule.Kind.BAN},
        pins=[(r.declaration_id, r.expert_id) for r in rules if r.kind == PairRule.Kind.PIN],
    )


def _pairs(pairs, di, ej) -> np.ndarray | None:
    idx = [(di[d], ej[e]) for d, e in pairs if d in di and e in ej]
    return np.array(idx, dtype=np.int64).reshape(-1, 2) if idx else None


def _eligible(
    ctx: RoundContext,
    load: np.ndarray,
    floor: float,
    *,
    declaration: int | None = None,
    exclude: frozenset[int] | set[int] = frozenset(),
    taken_groups: frozenset | set = frozenset(),
) -> list[list]:
    """[expert id, organisation group] of every expert a draw may pick, in pool order:
    each with load left, not in `exclude` (ids) and of no group in `taken_groups`; and
    - for one declaration (its index in `ctx`): not conflicted with it or banned from it,
      their affinity to it reaching `floor`;
    - for a meeting panel (no declaration): not conflicted with every declaration of
      the round, their best affinity to one reaching `floor` (a member is recused on the
      items they are conflicted with, not excluded)."""
    eligible = []
    for j, expert in enumerate(ctx.experts):
        group = ctx.groups[j]
        if load[j] <= 0 or expert.pk in exclude or (group is not None and group in taken_groups):
            continue
        if declaration is None:
            conflicted = sum((d.pk, expert.pk) in ctx.conflicts for d in ctx.declarations)
            fits = conflicted < len(ctx.declarations) and ctx.affinity[:, j].max() >= floor
        else:
            pair = (ctx.declarations[declaration].pk, expert.pk)
            fits = (
                pair not in ctx.conflicts
                and pair not in ctx.bans
                and ctx.affinity[declaration, j] >= floor
            )
        if fits:
            eligible.append([expert.pk, group])
    return eligible


def _draw(
    user,
    review_round: ReviewRound,
    declaration,
    *,
    seed: str,
    reason: str,
    eligible: list[list],
    wanted: int,
    one_per_group: bool = False,
    taken_groups: list | None = None,
    count_eligible: bool = True,
) -> Draw:
    """Pick `wanted` of `eligible` at random from `seed`, and keep the draw (seed, eligible
    list, what was drawn) with its audit entry, so that it can be repeated
    (`selectors.draw_replay`). `count_eligible`: the entry also says how many were
    eligible."""
    taken_groups = list(taken_groups or [])
    drawn = draw_pick(
        seed, eligible, wanted, one_per_group=one_per_group, taken_groups=taken_groups
    )
    draw = Draw.objects.create(
        round=review_round,
        declaration=declaration,
        seed=seed,
        reason=reason,
        eligible=eligible,
        taken_groups=taken_groups,
        wanted=wanted,
        drawn=drawn,
        drawn_by=user,
    )
    changes = {"drawn": [None, drawn]}
    if count_eligible:
        changes["eligible"] = [None, len(eligible)]
    audit_record(draw, actor=user, action="drawn", changes=changes, note=seed)
    return draw


def _affinity(value: float) -> Decimal:
    return Decimal(str(round(float(value), 4)))


def _shortfall_reason(required: int, eligible: int, detail: str) -> str:
    if eligible == 0:
        return _("no eligible expert after conflicts, bans and the affinity floor")
    if eligible < required:
        return _("only %(n)s eligible experts after conflicts, bans and the affinity floor") % {
            "n": eligible
        }
    return detail


def _start(user, review_round: ReviewRound) -> ReviewRound:
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    _require_setup(review_round)
    review_round.declarations.set(_passed(review_round.call))
    if not review_round.declarations.exists():
        raise ActionRefused(_("No declaration of this call has passed formal review yet."))
    if not Expert.objects.filter(active=True).exists():
        raise ActionRefused(_("The expert pool is empty; import experts first."))
    review_round.assignments.filter(state=AssignmentState.PROPOSED).delete()
    return review_round


def assignment_compute(user, review_round: ReviewRound, *, progress=None) -> ReviewRound:
    """Propose the assignment of maximum total affinity (or, with fairness on, the one that
    raises the weakest declaration first) under k, load limits, the organisation rule, the
    affinity floor, pins and bans, never placing a conflicted pair. Declarations left short
    are recorded with the reason in ``review_round.result``.

    While it runs, its progress is published for the round page (`wusong.experts.progress`);
    the stages and their durations stay in ``review_round.result["stages"]``. `progress`,
    if given, is called too."""
    tracker = ComputeProgress(review_round.pk, also=progress)
    try:
        return _assignment_compute(user, review_round, tracker)
    except BaseException:
        tracker.finish(failed=True)
        raise


@transaction.atomic
def _assignment_compute(user, review_round: ReviewRound, progress) -> ReviewRound:
    review_round = _start(user, review_round)
    progress("affinity", 0, 1)
    ctx = _context(review_round)
    progress("affinity", 1, 1)
    di, ej = ctx.index()
    result = assignment_solve(
        ctx.affinity,
        review_round.reviewers_per_declaration,
        ctx.load,
        conflicts=_pairs(ctx.conflicts, di, ej),
        bans=_pairs(ctx.bans, di, ej),
        pins=_pairs(ctx.pins, di, ej),
        organisations=ctx.groups,
        one_per_organisation=review_round.one_per_organisation,
        min_affinity=float(review_round.min_affinity) or None,
        mode="fair" if review_round.fairness else "total",
        decimals=4,
        progress=progress,
    )
    progress("save", 0, 1)
    Assignment.objects.bulk_create(
        Assignment(
            round=review_round,
            declaration=ctx.declarations[d],
            expert=ctx.experts[e],
            affinity=_affinity(a),
            pinned=bool(p),
            source=Assignment.Source.PIN if p else Assignment.Source.SOLVER,
        )
        for d, e, a, p in zip(
            result.declarations.tolist(),
            result.experts.tolist(),
            result.affinities.tolist(),
            result.pinned.tolist(),
            strict=True,
        )
    )
    review_round.method = ReviewRound.Method.SOLVER
    review_round.result = {
        "method": "solver",
        "computed_at": timezone.now().isoformat(),
        "objective": round(result.objective, 4),
        "exact": result.exact,
        "filled": result.filled,
        "required": result.required,
        "weakest": round(result.weakest, 4),
        "seconds": round(result.seconds, 3),
        "fairness": vars(result.fairness) if result.fairness else None,
        "shortfalls": [
            {
                "declaration": ctx.declarations[s.declaration].pk,
                "reference": ctx.declarations[s.declaration].reference,
                "required": s.required,
                "assigned": s.assigned,
                "eligible": s.eligible,
                "reason": _shortfall_reason(s.required, s.eligible, s.reason),
            }
            for s in result.shortfalls
        ],
        "rejected_pins": [
            {
                "declaration": ctx.declarations[p.declaration].pk,
                "expert": ctx.experts[p.expert].pk,
                "reason": p.reason,
            }
            for p in result.rejected_pins
        ],
    }
    progress("save", 1, 1)
    review_round.result["stages"] = progress.finish()
    review_round.save()
    audit_record(
        review_round,
        actor=user,
        action="assignment_computed",
        changes={
            "objective": [None, review_round.result["objective"]],
            "filled": [None, f"{result.filled}/{result.required}"],
            "shortfalls": [None, len(result.shortfalls)],
        },
    )
    return review_round


@transaction.atomic
def random_draw(user, review_round: ReviewRound, *, seed: int | None = None) -> ReviewRound:
    """Draw each declaration's experts at random among those who pass the conflict rules,
    bans, the affinity floor, load limits and the organisation rule. Pins are placed first.
    The seed is recorded (a fresh one when none is given); each declaration's draw is kept
    with its eligible list and seed, so it can be repeated (``selectors.draw_replay``), and each is
    in the audit history."""
    review_round = _start(user, review_round)
    if seed is None:
        seed = secrets.randbelow(10**12)
    review_round.seed = int(seed)
    review_round.method = ReviewRound.Method.RANDOM
    ctx = _context(review_round)
    di, ej = ctx.index()
    load = ctx.load.copy()
    floor = float(review_round.min_affinity)
    k = review_round.reviewers_per_declaration
    placed: dict[int, list[int]] = {i: [] for i in range(len(ctx.declarations))}
    rejected = []
    for d_pk, e_pk in ctx.pins:
        if d_pk not in di or e_pk not in ej:
            continue
        i, j = di[d_pk], ej[e_pk]
        if (d_pk, e_pk) in ctx.conflicts:
            rejected.append({"declaration": d_pk, "expert": e_pk, "reason": "conflict of interest"})
            continue
        placed[i].append(j)
        load[j] -= 1
    shortfalls = []
    new = []
    for i, decl in enumerate(ctx.declarations):
        for j in placed[i]:
            new.append((decl, ctx.experts[j], True))
        wanted = max(0, k - len(placed[i]))
        eligible = _eligible(
            ctx, load, floor, declaration=i, exclude={ctx.experts[j].pk for j in placed[i]}
        )
        taken = sorted({ctx.groups[j] for j in placed[i] if ctx.groups[j] is not None})
        drawn = _draw(
            user,
            review_round,
            decl,
            seed=draw_seed(review_round.seed, decl.pk),
            reason=Draw.Reason.INITIAL,
            eligible=eligible,
            wanted=wanted,
            one_per_group=review_round.one_per_organisation,
            taken_groups=taken,
        ).drawn
        for e_pk in drawn:
            j = ej[e_pk]
            load[j] -= 1
            new.append((decl, ctx.experts[j], False))
        if len(drawn) < wanted:
            shortfalls.append(
                {
                    "declaration": decl.pk,
                    "reference": decl.reference,
                    "required": k,
                    "assigned": len(placed[i]) + len(drawn),
                    "eligible": len(eligible) + len(placed[i]),
                    "reason": _shortfall_reason(
                        k,
                        len(eligible) + len(placed[i]),
                        _("load limits or the one-per-organisation rule leave too few experts"),
                    ),
                }
            )
    Assignment.objects.bulk_create(
        Assignment(
            round=review_round,
            declaration=decl,
            expert=expert,
            affinity=_affinity(ctx.affinity[di[decl.pk], ej[expert.pk]]),
            pinned=pinned,
            source=Assignment.Source.PIN if pinned else Assignment.Source.DRAW,
        )
        for decl, expert, pinned in new
    )
    review_round.result = {
        "method": "random",
        "seed": review_round.seed,
        "computed_at": timezone.now().isoformat(),
        "filled": len(new),
        "required": k * len(ctx.declarations),
        "shortfalls": shortfalls,
        "rejected_pins": rejected,
    }
    review_round.save()
    audit_record(
        review_round,
        actor=user,
        action="random_draw",
        changes={"seed": [None, review_round.seed], "filled": [None, len(new)]},
    )
    return review_round


@dataclass
class PanelDraw:
    """A meeting panel drawn at random: the record, the members, and for each member the
    declarations they will be recused on (conflicts of interest)."""

    draw: Draw
    members: list[Expert]
    recusals: dict[int, list[str]]
    short_by: int


@transaction.atomic
def panel_draw(user, review_round: ReviewRound, size: int, *, seed: int | None = None) -> PanelDraw:
    """Draw a review-meeting panel of ``size`` experts at random for the round's
    declarations: among active experts within their load whose best affinity to the
    agenda reaches the round's floor and who are not conflicted with every declaration,
    at most one per organisation group when the round says so. Conflicted members are
    recused on those items (listed in ``recusals``), not excluded. The draw is recorded
    with its seed and eligible list and audited, so it can be repeated."""
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    if size < 1:
        raise ActionRefused(_("A panel needs at least one member."))
    if not review_round.declarations.exists():
        raise ActionRefused(_("The round has no declaration to put on the agenda."))
    if seed is None:
        seed = secrets.randbelow(10**12)
    ctx = _context(review_round)
    eligible = _eligible(ctx, ctx.load, float(review_round.min_affinity))
    n = review_round.draws.filter(reason=Draw.Reason.PANEL).count()
    draw = _draw(
        user,
        review_round,
        None,
        seed=f"{int(seed)}:panel:{n + 1}",
        reason=Draw.Reason.PANEL,
        eligible=eligible,
        wanted=size,
        one_per_group=review_round.one_per_organisation,
    )
    drawn = draw.drawn
    audit_record(review_round, actor=user, action="panel_drawn", changes={"panel": [None, drawn]})
    experts = {e.pk: e for e in ctx.experts}
    return PanelDraw(
        draw=draw,
        members=[experts[pk] for pk in drawn],
        recusals={
            pk: [d.reference for d in ctx.declarations if (d.pk, pk) in ctx.conflicts]
            for pk in drawn
        },
        short_by=size - len(drawn),
    )


@transaction.atomic
def pair_rule_set(user, review_round: ReviewRound, declaration, expert, kind: str) -> PairRule:
    """Pin (always assign) or forbid one expert on one declaration; solve again to apply.
    A conflicted pair cannot be pinned."""
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    _require_setup(review_round)
    if kind not in PairRule.Kind.values:
        raise ActionRefused(_("Choose pin or forbid."))
    if not review_round.declarations.filter(pk=declaration.pk).exists():
        raise ActionRefused(_("This declaration is not in the round."))
    if kind == PairRule.Kind.PIN:
        reasons = conflicts_detect([declaration], [expert]).get((declaration.pk, expert.pk))
        if reasons:
            raise ActionRefused(
                _("%(expert)s cannot be pinned: conflict of interest (%(reasons)s).")
                % {"expert": expert, "reasons": "; ".join(reasons)}
            )
    rule, _created = PairRule.objects.update_or_create(
        round=review_round,
        declaration=declaration,
        expert=expert,
        defaults={"kind": kind, "created_by": user},
    )
    audit_record(
        review_round,
        actor=user,
        action=f"pair_{kind}",
        changes={f"{declaration.reference}:{expert.pk}": [None, kind]},
    )
    return rule


@transaction.atomic
def pair_rule_clear(user, review_round: ReviewRound, declaration, expert) -> None:
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    _require_setup(review_round)
    deleted, _detail = review_round.rules.filter(declaration=declaration, expert=expert).delete()
    if deleted:
        audit_record(
            review_round,
            actor=user,
            action="pair_cleared",
            changes={f"{declaration.reference}:{expert.pk}": ["rule", None]},
        )


@transaction.atomic
def round_publish(user, review_round: ReviewRound) -> ReviewRound:
    """Publish the proposed assignment: experts now see their assignments on the desk."""
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    _require_setup(review_round)
    proposed = list(review_round.assignments.filter(state=AssignmentState.PROPOSED))
    if not proposed:
        raise ActionRefused(_("Compute or draw the assignment before publishing it."))
    for a in proposed:
        a.publish()
        a.save()
    return transition_fire(
        user,
        review_round,
        "publish",
        action="published",
        changes={"assignments": [None, len(proposed)]},
    )


@transaction.atomic
def round_close(user, review_round: ReviewRound) -> ReviewRound:
    review_round = _locked(review_round)
    _require_officer(user, review_round)
    return transition_fire(
        user,
        review_round,
        "close",
        action="closed",
        state_key=None,
        refused=_("Only a round whose assignment is published can be closed."),
    )


def _live_assignment(user, assignment: Assignment) -> Assignment:
    live = permissions.assignments_of_expert(user).select_for_update(of=("self",))
    found = live.filter(pk=assignment.pk).first()
    if found is None:
        raise NotAllowed(_("This is not one of your assignments."))
    return found


@transaction.atomic
def conflict_confirm_none(user, assignment: Assignment, *, now=None) -> Assignment:
    """The expert confirms they have no conflict of interest with the declaration; only
    then may they open it. The commitment for the round comes first."""
    assignment = _live_assignment(user, assignment)
    if not permissions.has_committed(assignment.expert, assignment.round):
        raise ActionRefused(_("Accept the commitment (承诺书) for this review round first."))
    if assignment.no_conflict_confirmed_at is None:
        assignment.no_conflict_confirmed_at = now or timezone.now()
        assignment.save(update_fields=["no_conflict_confirmed_at"])
        audit_record(assignment, actor=user, action="no_conflict_confirmed")
    return assignment


@transaction.atomic
def conflict_declare(user, assignment: Assignment, reason: str):
    """The expert declares a conflict of interest: the declaration is kept, the assignment
    withdrawn and a replacement found (best eligible match, or a recorded draw in a random
    round). Returns (withdrawn assignment, replacement or None)."""
    if not (reason or "").strip():
        raise ActionRefused(_("Say what the conflict of interest is."))
    assignment = _live_assignment(user, assignment)
    ConflictDeclaration.objects.get_or_create(
        expert=assignment.expert,
        declaration=assignment.declaration,
        defaults={"round": assignment.round, "reason": reason.strip()},
    )
    assignment.withdrawn_reason = reason.strip()
    transition_fire(user, assignment, "withdraw", action="conflict_declared", note=reason.strip())
    replacement = replacement_find(user, assignment.round, assignment.declaration)
    return assignment, replacement


def replacement_find(user, review_round: ReviewRound, declaration: Declaration):
    """Add one expert to a declaration that lost one: the eligible expert of highest
    affinity, or in a random round a recorded draw. Returns the new assignment, or None
    when nobody is eligible (recorded in the round's result and the audit history)."""
    review_round = ReviewRound.objects.select_related("call").get(pk=review_round.pk)
    ctx = _context(review_round, count_own_live=True)
    di, ej = ctx.index()
    i = di[declaration.pk]
    ever = set(
        review_round.assignments.filter(declaration=declaration).values_list("expert", flat=True)
    )
    live_groups = {
        ctx.groups[ej[e]]
        for e in review_round.assignments.filter(declaration=declaration)
        .exclude(state=AssignmentState.WITHDRAWN)
        .values_list("expert", flat=True)
        if e in ej
    }
    eligible = _eligible(
        ctx,
        ctx.load,
        float(review_round.min_affinity),
        declaration=i,
        exclude=ever,
        taken_groups=live_groups if review_round.one_per_organisation else frozenset(),
    )
    chosen = None
    if review_round.method == ReviewRound.Method.RANDOM and review_round.seed is not None:
        n = review_round.draws.filter(
            declaration=declaration, reason=Draw.Reason.REPLACEMENT
        ).count()
        drawn = _draw(
            user,
            review_round,
            declaration,
            seed=draw_seed(review_round.seed, declaration.pk, "replacement", n + 1),
            reason=Draw.Reason.REPLACEMENT,
            eligible=eligible,
            wanted=1,
            count_eligible=False,
        ).drawn
        chosen = drawn[0] if drawn else None
    elif eligible:
        chosen = max(eligible, key=lambda pair: (ctx.affinity[i, ej[pair[0]]], -pair[0]))[0]
    if chosen is None:
        result = dict(review_round.result or {})
        result.setdefault("replacement_shortfalls", []).append(
            {
                "declaration": declaration.pk,
                "reference": declaration.reference,
                "reason": _("no eligible expert left for a replacement"),
                "at": timezone.now().isoformat(),
            }
        )
        review_round.result = result
        review_round.save(update_fields=["result"])
        audit_record(
            review_round, actor=user, action="replacement_not_found", note=declaration.reference
        )
        return None
    expert = ctx.experts[ej[chosen]]
    replacement = Assignment(
        round=review_round,
        declaration=declaration,
        expert=expert,
        affinity=_affinity(ctx.affinity[i, ej[chosen]]),
        source=Assignment.Source.REPLACEMENT,
    )
    if review_round.state != RoundState.SETUP:
        replacement.publish()
    replacement.save()
    audit_record(
        review_round,
        actor=user,
        action="replacement_assigned",
        changes={declaration.reference: [None, expert.pk]},
    )
    return replacement
