"""Which desk a person lands on: named for the roles the home page tells apart."""

from wusong.registry.roles import Role


def is_leader(user) -> bool:
    return user.has_role(Role.LEADER)


def runs_the_office(user) -> bool:
    """Programme officers and administrators, whose desk is the back office."""
    return user.has_role(Role.OFFICER, Role.ADMINISTRATOR)


def is_applicant(user) -> bool:
    return user.has_role(Role.APPLICANT)
