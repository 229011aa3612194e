"""Every write to followed projects, indicators, assessments and the candidate pool: one
function per thing a user does, each in one transaction with its audit entry. A refused
action changes nothing. Service plans, reports and checks: `services_care`,
`services_reports`, `services_checks`."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.calls import services as call_services
from wusong.calls.models import Call, Declaration
from wusong.calls.workflow import State as DeclarationState
from wusong.errors import ActionRefused
from wusong.kernels import assessment as scoring
from wusong.notifications.services import notify, office_language
from wusong.registry.roles import Role

from . import permissions
from .models import (
    DIMENSIONS,
    Anchor,
    Assessment,
    CandidateInvitation,
    Contact,
    Dimension,
    FollowUp,
    Indicator,
    Project,
    Score,
)
from .services_common import require


def weak_threshold() -> Decimal:
    """Dimension scores below this (0–100) are weak links. Settings may change it."""
    return Decimal(str(getattr(settings, "WUSONG_PORTFOLIO_WEAK_THRESHOLD", 60)))


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
        permissions.is_manager_role(user)
        and (
            user.has_role(Role.ADMINISTRATOR)
            or call_services.permissions.runs_call_of(declaration, user)
        ),
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
        manager.has_role(Role.OFFICER, Role.ADMINISTRATOR),
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


@transaction.atomic
def project_update(user, project: Project, **data) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(permissions.manages(user, project), _("Only the project's manager changes it."))
    before = {k: str(getattr(project, k)) for k in PROJECT_FIELDS}
    for key, value in data.items():
        if key not in PROJECT_FIELDS:
            raise ValidationError(_("%(field)s cannot be changed here.") % {"field": key})
        setattr(project, key, value)
    if "manager" in data:
        require(
            project.manager.has_role(Role.OFFICER, Role.ADMINISTRATOR),
            _("The manager must be an officer of the office."),
        )
    project.full_clean(exclude=["declaration", "organisation"])
    project.save()
    changes = field_changes(before, {k: str(getattr(project, k)) for k in PROJECT_FIELDS})
    if changes:
        audit_record(project, actor=user, action="edited", changes=changes)
    return project


# Indicators


@transaction.atomic
def indicator_save(
    user,
    *,
    indicator: Indicator | None = None,
    anchors: list[tuple[int, str, str]] | None = None,
    **fields,
) -> Indicator:
    """Create or change an indicator and, when given, replace its anchors. Past scores
    keep the scale and weight they were given on."""
    require(permissions.is_manager_role(user), _("Only the office edits indicators."))
    before = {}
    if indicator is None:
        indicator = Indicator()
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        before = {k: str(getattr(indicator, k)) for k in fields}
    for key, value in fields.items():
        if key not in {
            "dimension",
            "code",
            "name",
            "name_en",
            "scale_min",
            "scale_max",
            "weight",
            "active",
            "sort",
        }:
            raise ValidationError(_("%(field)s cannot be changed here.") % {"field": key})
        setattr(indicator, key, value)
    indicator.full_clean()
    if indicator.scale_max <= indicator.scale_min:
        raise ValidationError({"scale_max": _("The highest score must be above the lowest.")})
    indicator.save()
    if anchors is not None:
        for value, _zh, _en in anchors:
            if not indicator.scale_min <= value <= indicator.scale_max:
                raise ValidationError(
                    {
                        "anchors": _("Anchor %(value)s is outside the scale %(min)s–%(max)s.")
                        % {"value": value, "min": indicator.scale_min, "max": indicator.scale_max}
                    }
                )
        indicator.anchors.all().delete()
        Anchor.objects.bulk_create(
            Anchor(indicator=indicator, value=v, description=zh, description_en=en)
            for v, zh, en in anchors
        )
    after = {k: str(getattr(indicator, k)) for k in fields}
    audit_record(
        indicator,
        actor=user,
        action="edited" if before else "created",
        changes=field_changes(before, after)
        | ({"anchors": [None, len(anchors)]} if anchors else {}),
    )
    return indicator


# Assessments


def _scores_in(raw: dict) -> dict[Indicator, tuple[int, str]]:
    """{indicator code or Indicator: value or (value, comment)} → checked scores."""
    if not raw:
        raise ValidationError(_("Score at least one indicator."))
    active = {i.code: i for i in Indicator.objects.filter(active=True)}
    out = {}
    for key, given in raw.items():
        code = key.code if isinstance(key, Indicator) else str(key)
        if code not in active:
            raise ValidationError(_("There is no indicator “%(code)s” in use.") % {"code": code})
        indicator = active[code]
        value, comment = given if isinstance(given, tuple | list) else (given, "")
        if value in (None, ""):
            continue
        try:
            number = Decimal(str(value))
        except ArithmeticError as exc:
            raise ValidationError(
                _("The score for “%(indicator)s” is not a number.") % {"indicator": indicator}
            ) from exc
        if number != number.to_integral_value() or not (
            indicator.scale_min <= number <= indicator.scale_max
        ):
            raise ValidationError(
                {
                    code: _(
                        "The score for “%(indicator)s” must be a whole number from %(min)s to %(max)s; %(value)s is outside its scale."
                    )
                    % {
                        "indicator": indicator.label,
                        "min": indicator.scale_min,
                        "max": indicator.scale_max,
                        "value": value,
                    }
                }
            )
        out[indicator] = (int(number), str(comment or "")[:300])
    if not out:
        raise ValidationError(_("Score at least one indicator."))
    return out


@transaction.atomic
def assessment_record(
    user,
    project: Project,
    kind: str,
    scores: dict,
    *,
    assessed_on: dt.date | None = None,
    summary: str = "",
) -> Assessment:
    """Record a manager's assessment or the company's self-assessment. A manager's
    assessment is paired with the company's latest self-assessment filed since the
    previous manager's assessment, so the two are shown side by side."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if kind == Assessment.Kind.SELF:
        require(
            permissions.is_company(user, project),
            _("Only the company itself files its self-assessment."),
        )
    elif kind == Assessment.Kind.MANAGER:
        require(permissions.manages(user, project), _("Only the project's manager assesses it."))
    else:
        raise ValidationError(_("Choose a manager's assessment or a self-assessment."))
    assessed_on = assessed_on or _today()
    if assessed_on > _today():
        raise ValidationError({"assessed_on": _("An assessment cannot be dated in the future.")})
    checked = _scores_in(scores)
    dims = scoring.dimension_scores(
        DIMENSIONS,
        [
            scoring.ScoredIndicator(i.dimension, Decimal(v), i.scale_min, i.scale_max, i.weight)
            for i, (v, _c) in checked.items()
        ],
    )
    assessment = Assessment(
        project=project,
        kind=kind,
        assessed_on=assessed_on,
        assessed_by=user,
        summary=summary,
        overall=scoring.overall_score(dims),
        weakest=scoring.weakest(dims, DIMENSIONS) or "",
        **dims,
    )
    if kind == Assessment.Kind.MANAGER:
        previous = (
            project.assessments.filter(kind=Assessment.Kind.MANAGER)
            .order_by("-assessed_on", "-id")
            .first()
        )
        selfs = project.assessments.filter(kind=Assessment.Kind.SELF, assessed_on__lte=assessed_on)
        if previous:
            selfs = selfs.filter(assessed_on__gte=previous.assessed_on)
        assessment.self_assessment = selfs.order_by("-assessed_on", "-id").first()
    assessment.save()
    Score.objects.bulk_create(
        Score(
            assessment=assessment,
            indicator=i,
            value=v,
            comment=c,
            scale_min=i.scale_min,
            scale_max=i.scale_max,
            weight=i.weight,
        )
        for i, (v, c) in checked.items()
    )
    audit_record(
        assessment,
        actor=user,
        action="recorded",
        changes={d: [None, str(s) if s is not None else None] for d, s in dims.items()},
        note=summary,
    )
    return assessment


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


def dimension_label(code: str) -> str:
    return str(Dimension(code).label)
