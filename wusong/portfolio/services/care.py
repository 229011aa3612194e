"""Writes for the targeted service plan, the people who serve a project, the service log
and ratings. Each in one transaction with its audit entry (on the project)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, require
from wusong.registry.models import Organisation

from .. import permissions
from ..dimensions import DIMENSIONS, Dimension
from ..models import Assessment, PlanItem, Project, Rating, Server, ServiceLog
from ..selectors import plan_proposal
from ..workflow import LIVE_PLAN_STATES

DEFAULT_PLAN_DAYS = 90
MAX_HOURS = Decimal(200)


# The service each weak dimension calls for first, and what the item says by default.
def _today() -> dt.date:
    return timezone.localdate()


def _server_role(user) -> str:
    role = permissions.server_role(user)
    if role is not None:
        return role
    raise ValidationError(
        {
            "owner": _(
                "%(who)s is not office staff, a mentor or a technical broker; a plan item's owner must be one of these or a service agency."
            )
            % {"who": user}
        }
    )


def _ensure_server(project: Project, *, user=None, agency=None) -> Server:
    lookup = {"user": user} if user is not None else {"agency": agency}
    role = _server_role(user) if user is not None else Server.Role.AGENCY
    server, created = Server.objects.get_or_create(
        project=project, **lookup, defaults={"role": role, "since": _today()}
    )
    if not server.active:
        server.active = True
        server.save(update_fields=["active"])
    return server


def _check_agency(agency: Organisation) -> None:
    if agency.kind != Organisation.Kind.SERVICE_AGENCY:
        raise ValidationError({"owner": _("%(org)s is not a service agency.") % {"org": agency}})


@transaction.atomic
def server_assign(user, project: Project, *, person=None, agency=None) -> Server:
    """Assign a mentor, broker, staff member or service agency to serve the project."""
    require(permissions.manages(user, project), _("Only the project's manager assigns services."))
    if (person is None) == (agency is None):
        raise ValidationError(_("Name either a person or a service agency."))
    if agency is not None:
        _check_agency(agency)
    lookup = {"user": person} if person is not None else {"agency": agency}
    if project.servers.filter(active=True, **lookup).exists():
        raise ActionRefused(_("%(who)s already serves this project.") % {"who": person or agency})
    server = _ensure_server(project, user=person, agency=agency)
    audit_record(
        project, actor=user, action="server_assigned", changes={"server": [None, str(server)]}
    )
    return server


@transaction.atomic
def server_end(user, server: Server) -> Server:
    require(permissions.manages(user, server.project), _("Only the project's manager does this."))
    if not server.active:
        raise ActionRefused(_("%(who)s no longer serves this project.") % {"who": server})
    server.active = False
    server.save(update_fields=["active"])
    audit_record(
        server.project, actor=user, action="server_ended", changes={"server": [str(server), None]}
    )
    return server


def _validate_item(item: PlanItem, today: dt.date) -> None:
    if item.kind in PlanItem.NAMED_COUNTERPARTS and not item.counterpart_list():
        raise ValidationError(
            {
                "counterparts": _(
                    "Matchmaking names whom the company is to meet: list the investors or partners, one per line."
                )
            }
        )
    if item.due < today:
        raise ValidationError({"due": _("The due date cannot be in the past.")})
    if item.dimension not in DIMENSIONS:
        raise ValidationError({"dimension": _("Choose one of the five dimensions.")})
    if not (item.title or "").strip():
        raise ValidationError({"title": _("Say what is to be done.")})


@transaction.atomic
def plan_item_create(
    user,
    project: Project,
    *,
    dimension: str,
    kind: str,
    due: dt.date,
    title: str = "",
    owner_user=None,
    owner_agency=None,
    counterparts: str = "",
    source: Assessment | None = None,
) -> PlanItem:
    require(permissions.manages(user, project), _("Only the project's manager plans services."))
    if (owner_user is None) == (owner_agency is None):
        raise ValidationError(
            {"owner": _("Give the item one owner: a person or a service agency.")}
        )
    if owner_agency is not None:
        _check_agency(owner_agency)
    if kind not in PlanItem.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of service.")})
    if source is not None and source.project_id != project.pk:
        raise ValidationError(_("That assessment is of another project."))
    item = PlanItem(
        project=project,
        source=source,
        dimension=dimension,
        score_then=source.scores().get(dimension) if source else None,
        kind=kind,
        title=(title or PlanItem.Kind(kind).label).strip(),
        counterparts=counterparts.strip(),
        owner_user=owner_user,
        owner_agency=owner_agency,
        due=due,
        created_by=user,
    )
    _validate_item(item, _today())
    if owner_user is not None:
        _server_role(owner_user)
        if not permissions.manages(owner_user, project):
            # The owner must see the project to work on it.
            _ensure_server(project, user=owner_user)
    else:
        _ensure_server(project, agency=owner_agency)
    item.save()
    audit_record(
        project,
        actor=user,
        action="plan_item_created",
        changes={
            "plan_item": [None, f"#{item.pk} {item.get_kind_display()}"],
            "owner": [None, str(item.owner)],
            "due": [None, due.isoformat()],
        },
    )
    return item


@transaction.atomic
def plan_from_assessment(
    user,
    assessment: Assessment,
    *,
    due: dt.date | None = None,
    owner_user=None,
    owner_agency=None,
    counterparts: dict[str, str] | None = None,
) -> list[PlanItem]:
    """Turn an assessment's weak links into plan items (owner: a person or a service
    agency, the manager unless given; due: in 90 days). A weak dimension that already has
    a live item gets no second one. A weak capital dimension becomes financing
    matchmaking, which names its investors: pass them in `counterparts`
    ({"capital": "investor one\ninvestor two"})."""
    require(
        assessment.kind == Assessment.Kind.MANAGER,
        _("A service plan is drawn from the manager's assessment."),
    )
    project = assessment.project
    require(permissions.manages(user, project), _("Only the project's manager plans services."))
    due = due or _today() + dt.timedelta(days=DEFAULT_PLAN_DAYS)
    counterparts = counterparts or {}
    live = set(
        project.plan_items.filter(state__in=LIVE_PLAN_STATES).values_list("dimension", flat=True)
    )
    items = []
    for proposal in plan_proposal(assessment):
        if proposal["dimension"] in live:
            continue
        kind = proposal["kind"]
        items.append(
            plan_item_create(
                user,
                project,
                dimension=proposal["dimension"],
                kind=kind,
                title=_("Shore up %(dimension)s: %(service)s")
                % {
                    "dimension": Dimension(proposal["dimension"]).label,
                    "service": PlanItem.Kind(kind).label,
                },
                due=due,
                owner_user=owner_user or (None if owner_agency else project.manager),
                owner_agency=owner_agency,
                counterparts=counterparts.get(proposal["dimension"], ""),
                source=assessment,
            )
        )
    return items


def _locked_item(item: PlanItem) -> PlanItem:
    return PlanItem.objects.select_for_update().select_related("project").get(pk=item.pk)


@transaction.atomic
def plan_item_start(user, item: PlanItem) -> PlanItem:
    item = _locked_item(item)
    transition_fire(
        user, item, "start", audit_on=item.project, changes={"plan_item": [None, item.pk]}
    )
    return item


def _close_item(user, item: PlanItem, name: str, text: str, missing: dict) -> PlanItem:
    """Fire `name` (complete or cancel) with `text` as the item's outcome; `missing` is
    the refusal when no text is given."""
    item = _locked_item(item)
    if not (text or "").strip():
        raise ValidationError(missing)
    transition_fire(
        user,
        item,
        name,
        audit_on=item.project,
        note=text,
        changes={"plan_item": [None, item.pk]},
    )
    item.outcome = text.strip()
    item.closed_at = timezone.now()
    item.save(update_fields=["outcome", "closed_at"])
    return item


@transaction.atomic
def plan_item_complete(user, item: PlanItem, outcome: str) -> PlanItem:
    return _close_item(user, item, "complete", outcome, {"outcome": _("Say what came of it.")})


@transaction.atomic
def plan_item_cancel(user, item: PlanItem, reason: str) -> PlanItem:
    return _close_item(
        user, item, "cancel", reason, {"reason": _("Give the reason for cancelling.")}
    )


@transaction.atomic
def service_log_add(
    user,
    project: Project,
    *,
    kind: str,
    on: dt.date,
    hours: Decimal,
    outcome: str,
    plan_item: PlanItem | None = None,
) -> ServiceLog:
    """A provider (or the manager) logs a service given to a project they serve."""
    require(
        permissions.can_log_service(user, project),
        _("Only those who serve this project, or its manager, log services on it."),
    )
    if on > _today():
        raise ValidationError({"on": _("A service cannot be logged for a future date.")})
    if not isinstance(hours, Decimal) or hours <= 0 or hours > MAX_HOURS:
        raise ValidationError(
            {
                "hours": _("Give the hours as a number above 0 and at most %(max)s.")
                % {"max": MAX_HOURS}
            }
        )
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Say what came of the service.")})
    if plan_item is not None and plan_item.project_id != project.pk:
        raise ValidationError({"plan_item": _("That plan item is of another project.")})
    server = project.servers.filter(user=user, active=True).first()
    if server is None and user.organisation_id:
        server = project.servers.filter(agency_id=user.organisation_id, active=True).first()
    entry = ServiceLog(
        project=project,
        server=server,
        plan_item=plan_item,
        kind=kind,
        on=on,
        hours=hours,
        outcome=outcome.strip(),
        logged_by=user,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        project,
        actor=user,
        action="service_logged",
        changes={"service": [None, f"{on} {entry.get_kind_display()} {hours}h"]},
        note=outcome,
    )
    return entry


@transaction.atomic
def rating_add(user, server: Server, stars: int, comment: str = "") -> Rating:
    require(
        permissions.manages(user, server.project),
        _("Only the project's manager rates those who serve it."),
    )
    if not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValidationError({"stars": _("Rate from 1 to 5.")})
    rating = Rating.objects.create(server=server, stars=stars, comment=comment, rated_by=user)
    audit_record(
        server.project,
        actor=user,
        action="rated",
        changes={"rating": [None, f"{server} {stars}"]},
        note=comment,
    )
    return rating
