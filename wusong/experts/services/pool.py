"""Writes to the expert pool: Excel import, one-by-one editing, the commitment (承诺书),
review fees and ratings. Each in one transaction with its audit entry."""

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from wusong.audit.services import audit_record, field_changes
from wusong.audit.transitions import audited_update
from wusong.errors import ActionRefused, NotAllowed
from wusong.registry.models import Organisation, User
from wusong.registry.roles import Role

from .. import permissions
from ..models import COMMITMENT_TEXT, Commitment, Expert, ExpertFee, ExpertRating, ReviewRound

EXPERT_FIELDS = (
    "name",
    "title",
    "disciplines",
    "keywords",
    "profile",
    "phone",
    "email",
    "load_limit",
    "collaborators",
    "active",
)

# Column headings an officer may use, Chinese or English, for each field.
COLUMNS = {
    "name": ("姓名", "name"),
    "organisation": ("单位", "工作单位", "organisation", "organization"),
    "title": ("职称", "title"),
    "disciplines": ("学科", "学科领域", "专业领域", "disciplines"),
    "keywords": ("关键词", "研究方向", "keywords"),
    "profile": ("简介", "个人简介", "profile"),
    "phone": ("手机", "手机号", "手机号码", "phone", "mobile"),
    "email": ("邮箱", "电子邮箱", "email", "e-mail"),
    "load_limit": ("年度评审上限", "年度上限", "yearly load limit", "load limit"),
    "collaborators": ("近期合作者", "recent collaborators", "collaborators"),
}
REQUIRED_COLUMNS = ("name", "organisation")


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    """What an import did: experts created, or, when any row is bad, every row's problems
    and nothing saved."""

    created: list[Expert] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    organisations_created: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _require_pool_manager(user) -> None:
    if not permissions.manages_pool(user):
        raise NotAllowed(_("Only a programme officer can manage the expert pool."))


def _header_map(headings: list) -> tuple[dict[str, int], list[str]]:
    lookup = {alias.lower(): key for key, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for i, heading in enumerate(headings):
        key = lookup.get(str(heading or "").strip().lower())
        if key and key not in found:
            found[key] = i
    missing = [COLUMNS[k][0] for k in REQUIRED_COLUMNS if k not in found]
    return found, missing


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _find_organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(Q(name=name) | Q(name_en__iexact=name)).first()


def _guess_kind(name: str) -> str:
    lowered = name.lower()
    if "大学" in name or "学院" in name or "university" in lowered or "college" in lowered:
        return Organisation.Kind.UNIVERSITY
    if "医院" in name or "hospital" in lowered:
        return Organisation.Kind.HOSPITAL
    if "研究" in name or "科学院" in name or "institute" in lowered:
        return Organisation.Kind.INSTITUTE
    return Organisation.Kind.ENTERPRISE


def _username_for(phone: str, email: str) -> str:
    return email.lower() if email else phone


def experts_import(user, upload) -> ImportReport:
    """Import experts from the first sheet of an .xlsx workbook: a heading row, then one
    expert per row. Every bad row is reported with its row number and reason; a workbook
    with any bad row imports nothing. An organisation not yet in the registry is created
    (the report lists them). Each expert gets an account (role "expert") named by their
    e-mail, or their mobile when there is no e-mail; they set a password by reset."""
    _require_pool_manager(user)
    report = ImportReport()
    try:
        sheet = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
    except Exception:  # noqa: BLE001 - any unreadable file gets the same answer
        report.errors.append(RowError(0, _("This is not an Excel workbook (.xlsx).")))
        return report
    if not rows:
        report.errors.append(RowError(1, _("The sheet is empty.")))
        return report
    columns, missing = _header_map(list(rows[0]))
    if missing:
        report.errors.append(
            RowError(1, _("Missing column(s): %(cols)s.") % {"cols": "、".join(missing)})
        )
        return report
    seen: dict[str, int] = {}
    pending: list[tuple[int, dict, str]] = []
    for number, row in enumerate(rows[1:], start=2):
        values = {k: _cell_text(row[i]) if i < len(row) else "" for k, i in columns.items()}
        if not any(values.values()):
            continue
        problems = []
        org_name = values.pop("organisation", "")
        if not values.get("name"):
            problems.append(_("the name is missing"))
        if not org_name:
            problems.append(_("the organisation is missing"))
        phone, email = values.get("phone", ""), values.get("email", "")
        if not phone and not email:
            problems.append(_("give a mobile number or an e-mail address"))
        load = values.pop("load_limit", "")
        data = {k: v for k, v in values.items() if k in EXPERT_FIELDS}
        if load:
            try:
                data["load_limit"] = int(Decimal(load))
                if data["load_limit"] < 0 or Decimal(load) != data["load_limit"]:
                    raise ValueError
            except (InvalidOperation, ValueError):
                problems.append(
                    _("the yearly load limit “%(value)s” is not a whole number") % {"value": load}
                )
                data.pop("load_limit", None)
        username = _username_for(phone, email)
        if username:
            if username in seen:
                problems.append(
                    _("%(who)s is already on row %(row)s")
                    % {"who": username, "row": seen[username]}
                )
            elif User.objects.filter(username__iexact=username).exists():
                problems.append(
                    _("an account %(who)s already exists; edit that expert instead")
                    % {"who": username}
                )
            else:
                seen[username] = number
        candidate = Expert(organisation=Organisation(name=org_name or "-"), **data)
        try:
            candidate.full_clean(exclude=["user", "organisation"])
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                label = Expert._meta.get_field(field_name).verbose_name
                problems.extend(f"{label}: {m}" for m in messages)
        if problems:
            report.errors.append(RowError(number, "; ".join(problems)))
        else:
            pending.append((number, data, org_name))
    if not pending and not report.errors:
        report.errors.append(RowError(2, _("The sheet has no experts in it.")))
    if report.errors:
        return report
    with transaction.atomic():
        group = Group.objects.get_or_create(name=Role.EXPERT)[0]
        for _number, data, org_name in pending:
            org = _find_organisation(org_name)
            if org is None:
                org = Organisation.objects.create(name=org_name, kind=_guess_kind(org_name))
                report.organisations_created.append(org_name)
                audit_record(org, actor=user, action="created", note=_("expert import"))
            expert = _expert_save(user, group, org, data)
            report.created.append(expert)
    return report


def _expert_save(user, group, org, data) -> Expert:
    account = User(
        username=_username_for(data.get("phone", ""), data.get("email", "")),
        display_name=data["name"],
        email=data.get("email", ""),
        mobile=data.get("phone", ""),
        organisation=org,
        title=data.get("title", ""),
    )
    account.set_unusable_password()
    account.save()
    account.groups.add(group)
    expert = Expert.objects.create(user=account, organisation=org, **data)
    audit_record(expert, actor=user, action="created", changes=field_changes({}, _snapshot(expert)))
    return expert


def _expert_of_account(user, organisation, data: dict, account: User) -> Expert:
    if not account.is_active:
        raise ValidationError({"account": _("The account %(who)s is closed.") % {"who": account}})
    if Expert.objects.filter(user=account).exists():
        raise ValidationError(
            {"account": _("%(who)s is already in the expert pool.") % {"who": account}}
        )
    Expert(organisation=organisation, **data).full_clean(exclude=["user"])
    account.groups.add(Group.objects.get_or_create(name=Role.EXPERT)[0])
    expert = Expert.objects.create(user=account, organisation=organisation, **data)
    audit_record(
        expert,
        actor=user,
        action="created",
        changes=field_changes({}, _snapshot(expert)) | {"account": [None, account.username]},
        note=_("Existing account added to the pool."),
    )
    return expert


def _snapshot(expert: Expert) -> dict:
    snap = {k: str(getattr(expert, k)) for k in EXPERT_FIELDS}
    snap["organisation"] = str(expert.organisation)
    return snap


@transaction.atomic
def expert_create(
    user, organisation: Organisation, data: dict, *, account: User | None = None
) -> Expert:
    """Add an expert to the pool with a new account named by their mobile or e-mail; or,
    with `account`, give an existing account (a mentor's, a professor who applies) the
    expert role and its pool record."""
    _require_pool_manager(user)
    unknown = set(data) - set(EXPERT_FIELDS)
    if unknown:
        raise ValidationError(_("%(field)s cannot be set here.") % {"field": ", ".join(unknown)})
    if account is not None:
        return _expert_of_account(user, organisation, data, account)
    phone, email = data.get("phone", ""), data.get("email", "")
    username = _username_for(phone, email)
    if not username:
        raise ValidationError({"phone": _("Give a mobile number or an e-mail address.")})
    same = Q(username__iexact=username)
    if email:
        same |= Q(email__iexact=email)
    if phone:
        same |= Q(mobile=phone)
    existing = User.objects.filter(same).first()
    if existing is not None:
        raise ValidationError(
            {
                "email" if email else "phone": _(
                    "An account %(who)s already exists; name it as the existing account to "
                    "add it to the pool."
                )
                % {"who": existing.username}
            }
        )
    Expert(organisation=organisation, **data).full_clean(exclude=["user"])
    group = Group.objects.get_or_create(name=Role.EXPERT)[0]
    return _expert_save(user, group, organisation, data)


@transaction.atomic
def expert_update(user, expert: Expert, data: dict, organisation: Organisation | None = None):
    _require_pool_manager(user)
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    fields = EXPERT_FIELDS
    if organisation is not None:
        data, fields = {**data, "organisation": organisation}, (*EXPERT_FIELDS, "organisation")
    audited_update(user, expert, data, fields=fields, snapshot=_snapshot, clean_exclude=["user"])
    return expert


@transaction.atomic
def commitment_accept(user, review_round: ReviewRound, *, now=None) -> Commitment:
    """The expert accepts the commitment of confidentiality and impartiality for a round;
    accepting again changes nothing."""
    expert = permissions.expert_of(user)
    if (
        expert is None
        or not permissions.assignments_of_expert(user).filter(round=review_round).exists()
    ):
        raise NotAllowed(_("You have no assignment in this review round."))
    commitment, created = Commitment.objects.get_or_create(
        expert=expert,
        round=review_round,
        defaults={"text": str(COMMITMENT_TEXT), "accepted_at": now or timezone.now()},
    )
    if created:
        audit_record(commitment, actor=user, action="commitment_accepted")
    return commitment


@transaction.atomic
def fee_record(user, expert: Expert, amount, occasion: str, review_round=None) -> ExpertFee:
    _require_pool_manager(user)
    amount = Decimal(str(amount))
    if amount <= 0:
        raise ActionRefused(_("A fee must be more than zero."))
    fee = ExpertFee.objects.create(
        expert=expert, amount=amount, occasion=occasion, round=review_round, recorded_by=user
    )
    audit_record(
        expert, actor=user, action="fee_recorded", changes={"fee": [None, f"{amount} {occasion}"]}
    )
    return fee


@transaction.atomic
def rating_record(
    user, expert: Expert, review_round: ReviewRound, rating: int, comment: str = ""
) -> ExpertRating:
    if not permissions.runs_round(user, review_round):
        raise NotAllowed(_("Only an officer of this round can rate its experts."))
    if not review_round.assignments.filter(expert=expert).exists():
        raise ActionRefused(_("This expert had no assignment in this round."))
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Rate from 1 (poor) to 5 (excellent).")})
    before = ExpertRating.objects.filter(expert=expert, round=review_round).first()
    obj, _created = ExpertRating.objects.update_or_create(
        expert=expert,
        round=review_round,
        defaults={"rating": int(rating), "comment": comment, "rated_by": user},
    )
    audit_record(
        expert,
        actor=user,
        action="rated",
        changes={f"rating:{review_round}": [before.rating if before else None, obj.rating]},
        note=comment,
    )
    return obj
