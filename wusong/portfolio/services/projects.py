"""Following a project (portfolio or candidate) and keeping its profile, and the
candidate pool: contacts, follow-ups and the invitation into a later call."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import audited_update
from wusong.calls import services as call_services
from wusong.calls.models import Call, Declaration
from wusong.calls.states import State as DeclarationState
from wusong.errors import ActionRefused, require
from wusong.notifications.services import notify, office_language

from .. import permissions
from ..models import CandidateInvitation, Contact, FollowUp, Project


def _today() -> dt.date:
    return timezone.localdate()


# Projects


@transaction.atomic
def project_follow(
    user, declaration: Declaration, *, manager=None, reporting_from=None, profile: str = ""
) -> Project:
    """Start following an approved project (portfolio) or a shortlisted one (candidate)."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    require(
        permissions.follows_declaration(user, declaration),
        _("Only an officer of this programme follows its projects."),
    )
    kinds = {
        DeclarationState.APPROVED: Project.Kind.PORTFOLIO,
        DeclarationState.CANDIDATE: Project.Kind.CANDIDATE,
    }
    if declaration.state not in kinds:
        raise ActionRefused(
            _("Only an approved or a shortlisted project is followed; this one is %(state)s.")
            % {"state": declaration.get_state_display()}
        )
    if Project.objects.filter(declaration=declaration).exists():
        raise ActionRefused(_("This project is already followed."))
    manager = manager or user
    require(
        permissions.is_manager_role(manager),
        _("The manager must be an officer of the office."),
    )
    project = Project.objects.create(
        declaration=declaration,
        organisation=declaration.organisation,
        kind=kinds[declaration.state],
        manager=manager,
        profile=profile,
        reporting_from=reporting_from or _today(),
    )
    audit_record(
        project,
        actor=user,
        action="followed",
        changes={"kind": [None, project.kind], "manager": [None, str(manager)]},
    )
    return project


PROJECT_FIELDS = ("profile", "report_every", "manager", "reporting_from")


def fields_text(fields):
    """The audit's view of a record: each named field as text."""
    return lambda record: {k: str(getattr(record, k)) for k in fields}


@transaction.atomic
def project_update(user, project: Project, **data) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(permissions.manages(user, project), _("Only the project's manager changes it."))

    def validate(project: Project) -> None:
        if "manager" in data:
            require(
                permissions.is_manager_role(project.manager),
                _("The manager must be an officer of the office."),
            )
        project.full_clean(exclude=["declaration", "organisation"])

    audited_update(
        user,
        project,
        data,
        fields=PROJECT_FIELDS,
        snapshot=fields_text(PROJECT_FIELDS),
        validate=validate,
    )
    return project


# Candidate pool


@transaction.atomic
def contact_add(user, project: Project, *, name: str, role="", phone="", email="") -> Contact:
    require(permissions.manages(user, project), _("Only the project's manager adds contacts."))
    contact = Contact(project=project, name=name, role=role, phone=phone, email=email)
    contact.full_clean()
    contact.save()
    audit_record(project, actor=user, action="contact_added", changes={"contact": [None, name]})
    return contact


@transaction.atomic
def follow_up_add(user, project: Project, *, kind: str, note: str, on=None) -> FollowUp:
    require(permissions.manages(user, project), _("Only the project's manager records follow-ups."))
    on = on or _today()
    if on > _today():
        raise ValidationError({"on": _("A follow-up cannot be dated in the future.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what was discussed or offered.")})
    follow_up = FollowUp(project=project, kind=kind, on=on, note=note.strip(), by=user)
    follow_up.full_clean()
    follow_up.save()
    audit_record(
        project,
        actor=user,
        action="follow_up",
        changes={"follow_up": [None, f"{on} {follow_up.get_kind_display()}"]},
        note=note,
    )
    return follow_up


@transaction.atomic
def candidate_invite(user, project: Project, call: Call) -> CandidateInvitation:
    """Invite a candidate into a later call: a new draft declaration in that call,
    carrying over title, summary, keywords, industry, TRL, company, team and milestones.

    The draft is created through `calls.services.declaration_create` on behalf of the
    candidate's organisation, so the manager (an officer of the call's programme) is its
    recorded creator and its audit is the same as any draft's."""
    project = Project.objects.select_for_update().select_related("declaration").get(pk=project.pk)
    require(permissions.manages(user, project), _("Only the candidate's manager invites it."))
    old = project.declaration
    if project.kind != Project.Kind.CANDIDATE or old.state != DeclarationState.CANDIDATE:
        raise ActionRefused(_("Only a candidate in the pool is invited into a later call."))
    if call.pk == old.call_id:
        raise ActionRefused(_("Invite the candidate into a later call, not the one it came from."))
    if not call.is_open():
        raise ActionRefused(
            _("%(call)s is not open for declarations now; choose an open call.") % {"call": call}
        )
    if CandidateInvitation.objects.filter(project=project, call=call).exists():
        raise ActionRefused(_("This candidate is already invited into %(call)s.") % {"call": call})
    data = {
        "title": old.title,
        "summary": old.summary,
        "keywords": old.keywords,
        "industry": old.industry,
        "trl": old.trl,
        "company_status": old.company_status,
        "company_name": old.company_name,
        "uscc": old.uscc,
        "requested_amount": old.requested_amount,
    }
    team = [
        {
            "name": m.name,
            "role": m.role,
            "title": m.title,
            "affiliation": m.affiliation,
            "is_lead": m.is_lead,
        }
        for m in old.team.all()
    ]
    milestones = [
        {"title": m.title, "due": m.due, "deliverable": m.deliverable} for m in old.milestones.all()
    ]
    new = call_services.declaration_create(
        user, call, data, team=team, milestones=milestones, on_behalf_of=project.organisation
    )
    audit_record(
        new,
        actor=user,
        action="invited_from_candidate",
        changes={"carried_over_from": [None, old.reference]},
        note=_("Invited by the manager; data carried over from %(ref)s.") % {"ref": old.reference},
    )
    invitation = CandidateInvitation.objects.create(
        project=project, call=call, declaration=new, invited_by=user
    )
    audit_record(
        project,
        actor=user,
        action="invited",
        changes={"invited_to": [None, f"{call.code} {new.reference}"]},
    )
    with office_language():
        notify(
            organisation=project.organisation,
            text=_(
                "You are invited to declare “%(title)s” in %(call)s; a draft with your earlier data is ready to complete."
            )
            % {"title": old.title, "call": call},
        )
    return invitation
