"""Who may do what with public notices and objections: the one place.

The public reads published notices and files objections without an account. The
objector's identity is for the officers of the call's programme only, who handle the
objection; not leaders, not other officers, not the applicants.
"""

from wusong.calls import permissions as call_permissions
from wusong.registry.roles import Role


def runs_notice(notice, user) -> bool:
    """Officers of the call's programme (and administrators) draft, publish and withdraw."""
    return call_permissions.runs_programme(user, notice.call.programme)


def is_leader(notice, user) -> bool:
    return user.is_authenticated and user.has_role(Role.LEADER, Role.ADMINISTRATOR)


def anyone(instance, user) -> bool:
    return True


def handles_objections(notice, user) -> bool:
    """Officers of the call's programme; the only people who see who objected."""
    return (
        user.is_authenticated
        and user.has_role(Role.OFFICER)
        and notice.call.programme.officers.filter(pk=user.pk).exists()
    )


def handles_objection(objection, user) -> bool:
    return handles_objections(objection.notice, user)


def can_see_office_notice(user, notice) -> bool:
    """The back-office view (without objectors' identities unless `handles_objections`)."""
    return call_permissions.reads_everything(user) or runs_notice(notice, user)


def notices_in_office_of(user):
    from .models import PublicNotice

    qs = PublicNotice.objects.select_related("call__programme")
    if not user.is_authenticated:
        return qs.none()
    if call_permissions.reads_everything(user):
        return qs
    return qs.filter(call__programme__in=call_permissions.programmes_run_by(user))
