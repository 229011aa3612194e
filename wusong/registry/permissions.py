"""Who may read an organisation's record and history."""

from .roles import Role


def can_view_organisation(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR):
        return True
    return user.organisation_id == organisation.pk
