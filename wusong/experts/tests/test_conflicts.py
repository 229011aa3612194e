import pytest

from wusong.calls.models import Declaration
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import OrganisationFactory

from .. import permissions, selectors, services
from ..models import Assignment, ConflictDeclaration, Draw, DuplicateFlag, PairRule
from ..states import AssignmentState
from .factories import ExpertFactory, new_call, passed_declaration, ready_to_score, round_for

pytestmark = pytest.mark.django_db


def test_conflicts_are_found_from_organisations_team_and_collaborators():
    call, staff = new_call()
    university = OrganisationFactory(name="某大学")
    school = OrganisationFactory(name="某大学材料学院", parent=university)
    lab = OrganisationFactory(name="某大学材料学院实验室", parent=school)
    company = OrganisationFactory(name="某某新材料有限公司")
    by_school = passed_declaration(call, organisation=school, team=("张明", "李雷"), staff=staff)
    by_company = passed_declaration(call, organisation=company, team=("韩梅梅",), staff=staff)
    same = ExpertFactory(organisation=school)
    parent = ExpertFactory(organisation=university)
    child = ExpertFactory(organisation=lab)
    member = ExpertFactory(name="李 雷")
    collaborator = ExpertFactory(collaborators="韩梅梅\n王芳")
    partner = ExpertFactory(collaborators="某某新材料有限公司")
    free = ExpertFactory()
    found = selectors.conflicts_detect(
        [by_school, by_company], [same, parent, child, member, collaborator, partner, free]
    )
    assert found[(by_school.pk, same.pk)] == ["same organisation as the applicant"]
    assert found[(by_school.pk, parent.pk)] == [
        "parent or subsidiary organisation of the applicant"
    ]
    assert found[(by_school.pk, child.pk)] == ["parent or subsidiary organisation of the applicant"]
    assert found[(by_school.pk, member.pk)] == ["member of the applicant team"]
    assert found[(by_company.pk, collaborator.pk)] == ["recent collaborator: 韩梅梅"]
    assert found[(by_company.pk, partner.pk)] == ["recent collaborator: 某某新材料有限公司"]
    assert (by_company.pk, same.pk) not in found
    assert not any(e == free.pk for _d, e in found)


def _conflicted_setup():
    """Two declarations; the three closest experts are all conflicted with the first."""
    call, staff = new_call()
    org = OrganisationFactory()
    parent = OrganisationFactory()
    org.parent = parent
    org.save()
    d1 = passed_declaration(call, organisation=org, team=("张明",), staff=staff)
    d2 = passed_declaration(call, staff=staff)
    same_org = ExpertFactory(organisation=org)
    parent_org = ExpertFactory(organisation=parent)
    team_member = ExpertFactory(name="张明")
    others = [
        ExpertFactory(keywords="水系电池", profile="电池"),
        ExpertFactory(keywords="介孔材料", profile="材料"),
        ExpertFactory(keywords="储能", profile="储能材料"),
    ]
    return call, staff, d1, d2, [same_org, parent_org, team_member], others


def test_automatically_conflicted_experts_are_never_assigned_and_never_see_the_declaration():
    call, staff, d1, d2, conflicted, others = _conflicted_setup()
    review_round = round_for(call, staff, reviewers_per_declaration=3)
    services.assignment_compute(staff, review_round)
    on_d1 = set(review_round.assignments.filter(declaration=d1).values_list("expert", flat=True))
    assert on_d1 == {e.pk for e in others}
    services.round_publish(staff, review_round)
    for expert in conflicted:
        mine = permissions.assignments_of_expert(expert.user)
        assert not mine.filter(declaration=d1).exists()
        assert mine.filter(declaration=d2).exists() or not mine.exists()
    for expert in conflicted:
        for assignment in Assignment.objects.filter(expert=expert):
            assert assignment.declaration_id != d1.pk
    with pytest.raises(ActionRefused, match="already published"):
        services.pair_rule_set(staff, review_round, d1, others[0], PairRule.Kind.BAN)


def test_a_conflicted_pair_cannot_be_pinned():
    call, staff, d1, _d2, conflicted, _others = _conflicted_setup()
    review_round = round_for(call, staff)
    with pytest.raises(ActionRefused, match="same organisation"):
        services.pair_rule_set(staff, review_round, d1, conflicted[0], PairRule.Kind.PIN)


def test_a_declared_conflict_withdraws_the_assignment_and_a_replacement_is_found():
    call, staff, d1, _d2, _conflicted, others = _conflicted_setup()
    spare = ExpertFactory(keywords="水系电池、介孔材料", profile="储能")
    review_round = round_for(call, staff, reviewers_per_declaration=2, load_limit=1)
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    first = review_round.assignments.filter(declaration=d1).first()
    expert = first.expert
    services.commitment_accept(expert.user, review_round)
    withdrawn, replacement = services.conflict_declare(expert.user, first, "曾与该团队合作发表论文")
    assert withdrawn.state == AssignmentState.WITHDRAWN
    assert ConflictDeclaration.objects.filter(expert=expert, declaration=d1).exists()
    assert replacement is not None
    assert replacement.state == AssignmentState.PUBLISHED
    assert replacement.source == Assignment.Source.REPLACEMENT
    assert replacement.expert != expert
    assert replacement.expert.pk in {e.pk for e in others + [spare]}
    live = review_round.assignments.filter(declaration=d1).exclude(state=AssignmentState.WITHDRAWN)
    assert live.count() == 2
    # the expert no longer sees it and cannot open it
    assert not permissions.assignments_of_expert(expert.user).filter(declaration=d1).exists()
    assert not permissions.may_open_declaration(expert.user, first)
    with pytest.raises(NotAllowed):
        services.conflict_confirm_none(expert.user, first)
    # and the declared conflict counts from now on
    assert selectors.pair_conflicts(d1, expert) == [
        "declared by the expert: 曾与该团队合作发表论文"
    ]


def test_no_replacement_is_reported_not_failed():
    call, staff = new_call()
    decl = passed_declaration(call, staff=staff)
    a, b = ExpertFactory(), ExpertFactory()
    review_round = round_for(call, staff, reviewers_per_declaration=2)
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    assignment = review_round.assignments.get(expert=a)
    services.commitment_accept(a.user, review_round)
    _withdrawn, replacement = services.conflict_declare(a.user, assignment, "亲属关系")
    assert replacement is None
    review_round.refresh_from_db()
    assert review_round.result["replacement_shortfalls"][0]["reference"] == decl.reference
    assert b.pk in {x.expert_id for x in review_round.assignments.all()}


def test_in_a_random_round_the_replacement_is_a_recorded_draw():
    call, staff = new_call()
    decl = passed_declaration(call, staff=staff)
    experts = [ExpertFactory() for _ in range(5)]
    review_round = round_for(call, staff, reviewers_per_declaration=2)
    services.random_draw(staff, review_round, seed=7)
    services.round_publish(staff, review_round)
    assignment = review_round.assignments.first()
    services.commitment_accept(assignment.expert.user, review_round)
    _w, replacement = services.conflict_declare(assignment.expert.user, assignment, "同事")
    draw = Draw.objects.get(round=review_round, reason=Draw.Reason.REPLACEMENT)
    assert draw.drawn == [replacement.expert_id]
    assert draw.seed == f"7:{decl.pk}:replacement:1"
    assert selectors.draw_replay(draw) == draw.drawn
    assert replacement.expert_id in {e.pk for e in experts}


def test_declaring_a_conflict_needs_a_reason_and_ones_own_assignment():
    call, staff = new_call()
    passed_declaration(call, staff=staff)
    a, b = ExpertFactory(), ExpertFactory()
    review_round = round_for(call, staff, reviewers_per_declaration=1)
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    assignment = review_round.assignments.get()
    other = b if assignment.expert == a else a
    with pytest.raises(ActionRefused):
        services.conflict_declare(assignment.expert.user, assignment, "  ")
    with pytest.raises(NotAllowed):
        services.conflict_declare(other.user, assignment, "x")


def test_confirming_no_conflict_needs_the_commitment_first():
    call, staff = new_call()
    passed_declaration(call, staff=staff)
    ExpertFactory()
    review_round = round_for(call, staff, reviewers_per_declaration=1)
    services.assignment_compute(staff, review_round)
    services.round_publish(staff, review_round)
    assignment = review_round.assignments.get()
    user = assignment.expert.user
    with pytest.raises(ActionRefused, match="commitment"):
        services.conflict_confirm_none(user, assignment)
    assert not permissions.may_open_declaration(user, assignment)
    ready_to_score(assignment)
    assert permissions.may_open_declaration(user, assignment)
    assert review_round.commitments.get().accepted_at is not None


def test_duplicate_declarations_are_flagged_for_the_officer_to_decide():
    call, staff = new_call()
    earlier_call = type(call).objects.create(
        programme=call.programme,
        code="earlier",
        name="上一批",
        open_all_year=True,
    )
    original = passed_declaration(
        earlier_call,
        staff=staff,
        title="高安全水系锌离子电池储能系统研发",
        summary="研发高安全水系锌离子电池，用于电网储能，完成中试。",
        keywords="水系电池、锌离子",
        team=("王刚", "陈静"),
    )
    copy = passed_declaration(
        call,
        staff=staff,
        title="高安全水系锌离子电池储能系统研发及产业化",
        summary="研发高安全水系锌离子电池，用于电网储能，完成中试。",
        keywords="水系电池、锌离子",
        team=("王刚", "陈静"),
    )
    passed_declaration(
        call,
        staff=staff,
        title="肿瘤免疫治疗新靶点",
        summary="发现新的免疫检查点。",
        keywords="肿瘤、免疫",
        team=("赵敏",),
    )
    assert services.duplicates_flag(staff, call) == 1
    flag = DuplicateFlag.objects.get()
    assert (flag.first, flag.second) == (original, copy)
    assert "shared_team" in flag.reasons and sorted(flag.shared_members) == ["王刚", "陈静"]
    assert services.duplicates_flag(staff, call) == 0
    services.duplicate_decide(staff, flag, DuplicateFlag.Decision.DUPLICATE, "同一项目")
    flag.refresh_from_db()
    assert flag.decision == "duplicate"
    assert Declaration.objects.get(pk=copy.pk).state == "passed"
