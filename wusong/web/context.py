"""Template context shared by every page: the signed-in person's roles."""

from wusong.registry.roles import Role


def navigation(request):
    user = getattr(request, "user", None)
    roles = user.role_codes if user is not None and user.is_authenticated else frozenset()
    return {"roles": roles, "Role": Role}
