"""Who may do what with agreements, tranches and disbursements: the one place. Predicates
take `(user, record)`; the workflow declares them on its transitions."""

from django.conf import settings
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


def signs_agreement(user, agreement) -> bool:
    """Either side: an officer of the programme, or the project company."""
    return runs_agreement(user, agreement) or is_recipient(user, agreement)


def releases_tranche(user, tranche) -> bool:
    """Whoever's act releases it: the last signature, or the officer verifying its
    milestone."""
    return signs_agreement(user, tranche.agreement)


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


# Disbursements -----------------------------------------------------------------------------


def approval_roles() -> list[str]:
    """The roles that approve a disbursement, level by level (one or two levels)."""
    return list(getattr(settings, "WUSONG_DISBURSEMENT_APPROVAL_ROLES", ["officer", "leader"]))


def approves_at_level(user, disbursement, level: int) -> bool:
    """Level 1 is the programme officer's (or whichever role settings name first), level 2
    the next role's; administrators may act at any level."""
    roles = approval_roles()
    if level > len(roles):
        return False
    role = roles[level - 1]
    if user.has_role(Role.ADMINISTRATOR):
        return True
    if role == Role.OFFICER:
        return runs_agreement(user, disbursement.tranche.agreement)
    return user.has_role(role)


def approves_independently(user, disbursement) -> bool:
    """Nobody approves their own request, nor both levels."""
    return user.pk not in (disbursement.requested_by_id, disbursement.approved_by_id)


def approves_first_level(user, disbursement) -> bool:
    return approves_at_level(user, disbursement, 1) and approves_independently(user, disbursement)


def approves_second_level(user, disbursement) -> bool:
    return approves_at_level(user, disbursement, 2) and approves_independently(user, disbursement)


def requests_disbursement(user, agreement) -> bool:
    return is_recipient(user, agreement) or runs_agreement(user, agreement)


def pays_disbursement(user, disbursement) -> bool:
    """An officer of the programme records the payment."""
    return runs_agreement(user, disbursement.tranche.agreement)


def rejects_disbursement(user, disbursement) -> bool:
    return pays_disbursement(user, disbursement) or user.has_role(Role.LEADER, Role.ADMINISTRATOR)
