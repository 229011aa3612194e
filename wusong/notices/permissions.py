"""Who may do what with public notices and objections: the one place.

The public reads published notices and files objections without an account. The
objector's identity is for the officers of the call's programme only, who handle the
objection; not leaders, not other officers, not the applicants.
"""

from wusong.calls import permissions as call_permissions
from wusong.registry.roles import Role


def runs_notice(user, notice) -> bool:
    """Officers of the call's programme (and administrators) draft, publish and withdraw."""
    return call_permissions.runs_programme(user, notice.call.programme)


def is_leader(user, notice) -> bool:
    return user.is_authenticated and user.has_role(Role.LEADER, Role.ADMINISTRATOR)


def anyone(user, record) -> bool:
    return True


def works_on_notices(user) -> bool:
    """Officers, leaders and administrators: the office's list of notices."""
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR)


def handles_objections(user, notice) -> bool:
    """Officers of the call's programme; the only people who see who objected."""
    return (
        user.is_authenticated
        and user.has_role(Role.OFFICER)
        and notice.call.programme.officers.filter(pk=user.pk).exists()
    )


def handles_objection(user, objection) -> bool:
    return handles_objections(user, objection.notice)


def can_see_office_notice(user, notice) -> bool:
    """The back-office view (without objectors' identities unless `handles_objections`)."""
    return call_permissions.reads_everything(user) or runs_notice(user, notice)


def notices_in_office_of(user):
    from .models import PublicNotice

    qs = PublicNotice.objects.select_related("call__programme")
    if not user.is_authenticated:
        return qs.none()
    if call_permissions.reads_everything(user):
        return qs
    return qs.filter(call__programme__in=call_permissions.programmes_run_by(user))


def objections_handled_by(user):
    """Objections with who filed them: those of the programmes the user handles as an
    officer; none for anyone else."""
    from .models import Objection

    if not user.is_authenticated or not user.has_role(Role.OFFICER):
        return Objection.objects.none()
    return Objection.objects.filter(notice__call__programme__officers=user)
