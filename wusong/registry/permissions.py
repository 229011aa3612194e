"""Who may read and change organisations."""

from .roles import Role


def can_view_organisation(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR):
        return True
    return user.organisation_id == organisation.pk


def manages_organisations(user) -> bool:
    """Administrators and programme officers register and change organisations."""
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.ADMINISTRATOR)
