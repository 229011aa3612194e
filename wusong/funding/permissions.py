"""Who may do what with agreements and disbursements: the one place."""

from django.db.models import Q, QuerySet

from wusong.calls.permissions import reads_everything, runs_programme
from wusong.registry.roles import Role


def runs_agreement(user, agreement) -> bool:
    """A programme officer of the programme the agreement's declaration came through."""
    return runs_programme(user, agreement.declaration.call.programme)


def is_recipient(user, agreement) -> bool:
    return (
        user.is_authenticated
        and user.has_role(Role.APPLICANT)
        and user.organisation_id is not None
        and user.organisation_id == agreement.recipient_id
    )


def agreements_visible_to(user) -> QuerySet:
    from .models import Agreement

    qs = Agreement.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if reads_everything(user):
        return qs
    cond = Q(pk__in=[])
    if user.has_role(Role.APPLICANT) and user.organisation_id:
        cond |= Q(recipient_id=user.organisation_id)
    if user.has_role(Role.OFFICER):
        cond |= Q(declaration__call__programme__officers=user)
    return qs.filter(cond).distinct()


def may_approve_at_level(user, agreement, level: int, approval_roles: list[str]) -> bool:
    """Level 1 is the programme officer's (or whichever role settings name first), level 2
    the next role's; administrators may act at any level."""
    role = approval_roles[level - 1]
    if user.has_role(Role.ADMINISTRATOR):
        return True
    if role == Role.OFFICER:
        return runs_agreement(user, agreement)
    return user.has_role(role)
