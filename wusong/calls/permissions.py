"""Who may see and do what with programmes, calls and declarations: the one place.

Views and the API ask these functions; the workflow's transitions name the `(user,
record)` predicates as their `permission`. A record a user may not see is reported as
not found (404), never as forbidden, so ids cannot be probed.

The models are built on the workflow, which names these predicates; so the functions
that build a query look the model classes up when they run, not when this module loads.
"""

from django.db.models import Q, QuerySet

from wusong.registry.roles import Role

from .states import EDITABLE_STATES, State


def leads(user, record=None) -> bool:
    """A leader or an administrator (who decide selection outcomes)."""
    return user.has_role(Role.LEADER, Role.ADMINISTRATOR)


def reads_everything(user) -> bool:
    return user.is_authenticated and user.has_role(Role.LEADER, Role.ADMINISTRATOR)


def declares(user, declaration) -> bool:
    """An applicant of the organisation that declared."""
    return (
        user.is_authenticated
        and user.has_role(Role.APPLICANT)
        and user.organisation_id is not None
        and user.organisation_id == declaration.organisation_id
    )


def works_in_office(user) -> bool:
    """Programme officers, leaders and administrators: the office's own people."""
    return user.has_role(Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR)


def sees_resubmission_changes(user, declaration) -> bool:
    """Whoever reviews the declaration sees what its resubmission changed: anyone but its
    declarant, and an officer even when linked to the declaring organisation."""
    return not declares(user, declaration) or user.has_role(Role.OFFICER)


def runs_programme(user, programme) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    return user.has_role(Role.OFFICER) and programme.officers.filter(pk=user.pk).exists()


def runs_declaration(user, declaration) -> bool:
    """An officer of the programme whose call the declaration answers."""
    return runs_programme(user, declaration.call.programme)


def programmes_run_by(user) -> QuerySet:
    from .models import Programme

    if user.has_role(Role.ADMINISTRATOR):
        return Programme.objects.all()
    if user.has_role(Role.OFFICER):
        return Programme.objects.filter(officers=user)
    return Programme.objects.none()


def declarations_visible_to(user) -> QuerySet:
    """Applicants: their organisation's. Officers: the non-draft declarations of the
    programmes they run. Leaders and administrators: all."""
    from .models import Declaration

    qs = Declaration.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if reads_everything(user):
        return qs
    cond = Q(pk__in=[])
    if user.has_role(Role.APPLICANT) and user.organisation_id:
        cond |= Q(organisation_id=user.organisation_id)
    if user.has_role(Role.OFFICER):
        cond |= Q(call__programme__officers=user) & ~Q(state=State.DRAFT)
    return qs.filter(cond).distinct()


def can_view_declaration(user, declaration) -> bool:
    return declarations_visible_to(user).filter(pk=declaration.pk).exists()


def can_edit_declaration(user, declaration) -> bool:
    """Only the declarant, and only while the declaration is a draft or returned."""
    return declares(user, declaration) and declaration.state in EDITABLE_STATES


def can_declare(user) -> bool:
    return (
        user.is_authenticated and user.has_role(Role.APPLICANT) and user.organisation_id is not None
    )


def can_see_call_declarations(user, call) -> bool:
    return reads_everything(user) or runs_programme(user, call.programme)
