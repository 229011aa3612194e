"""Who may see and do what in post-investment care: the one place.

- Investment managers are programme officers: they manage the projects they are named
  manager of and those of the programmes they run; administrators manage all; leaders
  read all.
- A company (an applicant of the project's organisation) sees its own projects, and
  files and edits only its own reports and self-assessments.
- Mentors, technical brokers and service-agency staff see only the projects they serve
  (an active service assignment naming them or their agency).

A record a user may not see is reported as not found (404), never as forbidden.
"""

from django.db.models import Q, QuerySet

from wusong.calls.permissions import reads_everything, runs_programme
from wusong.funding.permissions import is_recipient, runs_agreement
from wusong.registry.roles import Role

SERVER_ROLES = (Role.MENTOR, Role.BROKER)


def is_manager_role(user) -> bool:
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.ADMINISTRATOR)


def sees_pool(user) -> bool:
    """The candidate pool: for the office's managers and the leaders."""
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.ADMINISTRATOR, Role.LEADER)


def follows_declaration(user, declaration) -> bool:
    """An officer of the declaration's programme (or an administrator) follows it."""
    return runs_programme(user, declaration.call.programme)


def server_role(user) -> str | None:
    """What a person serves a project as: mentor, technical broker or office staff; None
    for anyone else."""
    from .models import Server

    if user.has_role(Role.MENTOR):
        return Server.Role.MENTOR
    if user.has_role(Role.BROKER):
        return Server.Role.BROKER
    if user.has_role(Role.OFFICER, Role.ADMINISTRATOR):
        return Server.Role.STAFF
    return None


def manages(user, project) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    if not user.has_role(Role.OFFICER):
        return False
    return project.manager_id == user.pk or runs_programme(user, project.declaration.call.programme)


def is_company(user, project) -> bool:
    return (
        user.is_authenticated
        and user.has_role(Role.APPLICANT)
        and user.organisation_id is not None
        and user.organisation_id == project.organisation_id
    )


def _server_q(user, prefix: str = "") -> Q:
    cond = Q(**{f"{prefix}servers__user": user, f"{prefix}servers__active": True})
    if user.organisation_id:
        cond |= Q(
            **{
                f"{prefix}servers__agency_id": user.organisation_id,
                f"{prefix}servers__active": True,
            }
        )
    return cond


def serves(user, project) -> bool:
    """A mentor, broker or agency member with an active assignment to the project."""
    if not user.is_authenticated:
        return False
    from .models import Project

    return Project.objects.filter(_server_q(user), pk=project.pk).exists()


def projects_visible_to(user) -> QuerySet:
    from .models import Project

    qs = Project.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if reads_everything(user):
        return qs
    cond = Q(pk__in=[])
    if user.has_role(Role.OFFICER):
        cond |= Q(manager=user) | Q(declaration__call__programme__officers=user)
    if user.has_role(Role.APPLICANT) and user.organisation_id:
        cond |= Q(organisation_id=user.organisation_id)
    cond |= _server_q(user)
    return qs.filter(cond).distinct()


def projects_managed_by(user) -> QuerySet:
    from .models import Project

    if not user.is_authenticated:
        return Project.objects.none()
    if user.has_role(Role.ADMINISTRATOR):
        return Project.objects.all()
    if not user.has_role(Role.OFFICER):
        return Project.objects.none()
    return Project.objects.filter(
        Q(manager=user) | Q(declaration__call__programme__officers=user)
    ).distinct()


def projects_served_by(user) -> QuerySet:
    from .models import Project

    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(_server_q(user)).distinct()


def can_view_project(user, project) -> bool:
    return projects_visible_to(user).filter(pk=project.pk).exists()


def can_see_reports(user, project) -> bool:
    """Company reports carry the company's figures: the company, its managers and the
    leadership read them; mentors and agencies serving the project do not."""
    return reads_everything(user) or manages(user, project) or is_company(user, project)


def reports_visible_to(user) -> QuerySet:
    from .models import CompanyReport

    qs = CompanyReport.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if reads_everything(user):
        return qs
    cond = Q(project__in=projects_managed_by(user))
    if user.has_role(Role.APPLICANT) and user.organisation_id:
        cond |= Q(project__organisation_id=user.organisation_id)
    return qs.filter(cond)


def can_log_service(user, project) -> bool:
    return manages(user, project) or serves(user, project)


def may_download_report(user, project) -> bool:
    """The project report (PDF): for the project's managers and the leadership."""
    return manages(user, project) or reads_everything(user)


# Who may fire what: predicates `(user, record)`, named by the workflow's transitions
# through `wusong.audit.transitions.may`.


def works_on_plan_item(user, item) -> bool:
    """The item's owner (the person, or a member of the owning agency) or its manager."""
    if not user.is_authenticated:
        return False
    if item.owner_user_id == user.pk:
        return True
    if item.owner_agency_id and item.owner_agency_id == user.organisation_id:
        return True
    return manages(user, item.project)


def manages_plan_item(user, item) -> bool:
    return manages(user, item.project)


def is_report_company(user, report) -> bool:
    return is_company(user, report.project)


def manages_report(user, report) -> bool:
    return manages(user, report.project)


def runs_agreement_of(user, record) -> bool:
    """An officer of the programme that runs the record's agreement."""
    return runs_agreement(user, record.agreement)


def is_check_recipient(user, check) -> bool:
    return is_recipient(user, check.agreement)


def panel_member_of(user, check):
    """The user's seat on the check's panel, or None. Only experts sit on a panel."""
    if not user.is_authenticated or not user.has_role(Role.EXPERT):
        return None
    from .models import PanelMember

    return (
        PanelMember.objects.filter(
            panel__check_record=check, expert__user=user, expert__active=True
        )
        .select_related("expert", "panel__rubric")
        .first()
    )


def checks_on_panel_of(user) -> QuerySet:
    """The checks whose panel the user sits on: all a panel member sees of checks."""
    from .models import AgreementCheck

    if not user.is_authenticated or not user.has_role(Role.EXPERT):
        return AgreementCheck.objects.none()
    return AgreementCheck.objects.filter(
        panel__members__expert__user=user, panel__members__expert__active=True
    ).distinct()


def scores_as_member(user, member) -> bool:
    """A panel member scores on their own sheet only."""
    return user.is_authenticated and member.expert.user_id == user.pk


def scores_on_sheet(user, sheet) -> bool:
    return scores_as_member(user, sheet.member)


def check_panels_visible_to(user) -> QuerySet:
    """The checks whose panel the user reaches: those they sit on, and those of the
    programmes they run (every one for an administrator)."""
    from .models import AgreementCheck

    qs = AgreementCheck.objects.select_related("agreement__declaration__call__programme")
    if not user.is_authenticated:
        return qs.none()
    cond = Q(pk__in=checks_on_panel_of(user).values("pk"))
    if user.has_role(Role.ADMINISTRATOR):
        cond |= Q(pk__isnull=False)
    elif user.has_role(Role.OFFICER):
        cond |= Q(agreement__declaration__call__programme__officers=user)
    return qs.filter(cond).distinct()


def sees_check_panel(user, check) -> bool:
    """The officers running the agreement and the panel's members; never the company."""
    return runs_agreement(user, check.agreement) or panel_member_of(user, check) is not None
