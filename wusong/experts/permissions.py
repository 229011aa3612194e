"""Who may see and do what in expert review: the one place.

Officers who run a call's programme manage its review rounds and see every score with
the expert's name. Leaders and administrators read rounds and rankings. An expert sees
only their own published assignments that are not withdrawn and on which they have not
declared a conflict, opens a declaration only after accepting the round's commitment
(承诺书) and confirming "no conflict", and sees only their own score sheets: never another
expert's scores or name. Applicants see nothing of this app: not who reviewed them, not
the scores. A record a user may not see is "not found", never "forbidden".

The models are built on the workflow, which names these predicates; so the functions
that build a query look the model classes up when they run, not when this module loads.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from wusong.calls.permissions import programmes_run_by, reads_everything, runs_programme
from wusong.registry.roles import Role

from .states import AssignmentState, RoundState


def manages_pool(user) -> bool:
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.ADMINISTRATOR)


def runs_round(user, review_round) -> bool:
    return runs_programme(user, review_round.call.programme)


def runs_round_of(user, assignment) -> bool:
    """An officer of the programme whose review round the assignment belongs to."""
    return runs_round(user, assignment.round)


def withdraws_assignment(user, assignment) -> bool:
    """The assigned expert (declaring a conflict), or an officer of the round."""
    return (user.is_authenticated and assignment.expert.user_id == user.pk) or runs_round_of(
        user, assignment
    )


def scores_sheet(user, sheet) -> bool:
    """The expert of the sheet's assignment, once they may open the declaration."""
    return may_open_declaration(user, sheet.assignment)


def runs_programme_of_call(user, call) -> bool:
    return runs_programme(user, call.programme)


def reads_round(user, review_round) -> bool:
    return reads_everything(user) or runs_round(user, review_round)


def rounds_visible_to(user) -> QuerySet:
    from .models import ReviewRound

    qs = ReviewRound.objects.select_related("call__programme", "rubric")
    if not user.is_authenticated:
        return qs.none()
    if reads_everything(user):
        return qs
    return qs.filter(call__programme__in=programmes_run_by(user))


def sees_rounds(user) -> bool:
    """Pool managers, and anyone who may read at least one review round."""
    return manages_pool(user) or rounds_visible_to(user).exists()


def expert_of(user):
    """The expert record of this account, or None."""
    from .models import Expert

    if not user.is_authenticated or not user.has_role(Role.EXPERT):
        return None
    return Expert.objects.filter(user=user, active=True).select_related("organisation").first()


def assignments_of_expert(user) -> QuerySet:
    """The expert's own live assignments: published, in a published or closed round, not
    withdrawn, with no conflict declared by them on the declaration."""
    from .models import Assignment, ConflictDeclaration

    expert = expert_of(user)
    if expert is None:
        return Assignment.objects.none()
    declared = ConflictDeclaration.objects.filter(
        expert=OuterRef("expert"), declaration=OuterRef("declaration")
    )
    return (
        Assignment.objects.filter(
            expert=expert,
            state=AssignmentState.PUBLISHED,
            round__state__in=[RoundState.PUBLISHED, RoundState.CLOSED],
        )
        .exclude(Exists(declared))
        .select_related("round__rubric", "round__call", "declaration__industry", "expert")
    )


def has_committed(expert, review_round) -> bool:
    return review_round.commitments.filter(expert=expert).exists()


def may_open_declaration(user, assignment) -> bool:
    """The expert may read the declaration and score it: their own live assignment, the
    commitment accepted, and "no conflict" confirmed."""
    live = (
        assignments_of_expert(user)
        .filter(pk=assignment.pk, no_conflict_confirmed_at__isnull=False)
        .first()
    )
    return live is not None and has_committed(live.expert, live.round)


def sheets_visible_to(user, review_round=None) -> QuerySet:
    """Officers of the round's programme, leaders, administrators: every sheet. An expert:
    their own. Anyone else: none."""
    from .models import ScoreSheet

    qs = ScoreSheet.objects.select_related("assignment__expert", "assignment__declaration")
    if review_round is not None:
        qs = qs.filter(assignment__round=review_round)
    if not user.is_authenticated:
        return qs.none()
    cond = Q(pk__in=[])
    if reads_everything(user):
        return qs
    if user.has_role(Role.OFFICER):
        cond |= Q(assignment__round__in=rounds_visible_to(user))
    if user.has_role(Role.EXPERT):
        cond |= Q(assignment__expert__user=user)
    return qs.filter(cond)
