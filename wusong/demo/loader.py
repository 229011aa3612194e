"""Load the Baoshan demo data (``data.py`` and the ``data_*.py`` beside it) into the
database: reference data here, then declarations (``load_declarations``), funding
(``load_funding``, the equity ledger in ``load_equity``), expert review and the draft notice (``load_review``, with batch
one's meetings in ``load_meetings``) and post-investment care (``load_portfolio``).

Reference data (industries, zones, parks, organisations, programmes, calls, accounts) is
looked up by its code or natural key and created only when missing. Declarations are
written through the same services an applicant, an officer and a leader use
(``wusong.calls.services``), so every one follows the workflow and leaves its audit
history; a call that already has declarations is left alone, and so is a project that
already has its agreement, its followed project, a call that already has its review
round or notice. Running the loader twice therefore creates nothing the second time.

The pilot batches happened in 2022 and 2023. To record them with their real dates, each
step is replayed under ``replay_clock``: ``timezone.now()`` answers the historical
moment, so the services' own checks (a call takes declarations only while open), the
``auto_now`` timestamps and the audit entries all carry the date the step happened.
Batch three is dated from the day of loading, so it is always open.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from wusong.audit.models import AuditEntry
from wusong.calls.models import Attachment, Call, CallField, Declaration, Programme
from wusong.equity.models import Conversion, ConvertiblePosition
from wusong.experts.models import Assignment, Expert, ReviewRound, ScoreSheet
from wusong.funding.models import Agreement, Disbursement
from wusong.meetings.models import Meeting, Vote
from wusong.notices.models import PublicNotice
from wusong.portfolio.models import (
    AgreementCheck,
    Assessment,
    CompanyReport,
    ExtensionRequest,
    PanelSheet,
    PlanItem,
    Project,
    Rating,
    ServiceLog,
)
from wusong.registry.models import Industry, Organisation, Park, User, Zone
from wusong.registry.roles import Role
from wusong.registry.services import organisation_create

from . import data
from .clock import local
from .load_checks import load_checks
from .load_declarations import DeclarationsMixin
from .load_equity import load_equity
from .load_funding import load_funding
from .load_portfolio import load_portfolio
from .load_review import ReviewLoader, demo_expert_account

COUNTED = {
    "industries": Industry,
    "zones": Zone,
    "parks": Park,
    "organisations": Organisation,
    "users": User,
    "programmes": Programme,
    "calls": Call,
    "declarations": Declaration,
    "attachments": Attachment,
    "agreements": Agreement,
    "disbursements": Disbursement,
    "positions": ConvertiblePosition,
    "conversions": Conversion,
    "experts": Expert,
    "review_rounds": ReviewRound,
    "assignments": Assignment,
    "score_sheets": ScoreSheet,
    "projects": Project,
    "assessments": Assessment,
    "plan_items": PlanItem,
    "service_logs": ServiceLog,
    "company_reports": CompanyReport,
    "checks": AgreementCheck,
    "panel_sheets": PanelSheet,
    "extensions": ExtensionRequest,
    "ratings": Rating,
    "meetings": Meeting,
    "votes": Vote,
    "notices": PublicNotice,
    "audit_entries": AuditEntry,
}


@dataclass
class DemoResult:
    counts: dict[str, int]
    created: Counter = field(default_factory=Counter)
    accounts: list[dict] = field(default_factory=list)
    password: str = data.DEMO_PASSWORD


class Loader(DeclarationsMixin):
    def __init__(self, today: dt.date):
        self.today = today
        self.created: Counter = Counter()
        self.rng = random.Random(20240611)
        self.groups = {code: Group.objects.get_or_create(name=code)[0] for code in Role.values}
        self.industries: dict[str, Industry] = {}
        self.parks: dict[str, Park] = {}
        self.orgs: dict[str, Organisation] = {}
        self.org_industry: dict[str, str] = {}
        self.accounts: dict[str, User] = {}
        self.programmes: dict[str, Programme] = {}
        self.calls: dict[str, Call] = {}
        self.people = 0

    # -- reference data -------------------------------------------------------------------

    def load_industries(self) -> None:
        for sort, (code, name, name_en) in enumerate(data.INDUSTRIES, 1):
            obj, created = Industry.objects.get_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "sort": sort}
            )
            self.industries[code] = obj
            self.created["industries"] += created

    def load_zones_and_parks(self) -> None:
        zones = {}
        for spec in data.ZONES:
            spec = dict(spec)
            code = spec.pop("code")
            zones[code], created = Zone.objects.get_or_create(code=code, defaults=spec)
            self.created["zones"] += created
        for code, zone, kind, name, name_en, industries in data.PARKS:
            park, created = Park.objects.get_or_create(
                code=code,
                defaults={"zone": zones[zone], "kind": kind, "name": name, "name_en": name_en},
            )
            if created:
                park.industries.set([self.industries[i] for i in industries])
            self.parks[code] = park
            self.created["parks"] += created

    def organisation_specs(self) -> list[dict]:
        """Named organisations first, then the invented filler companies and teams."""
        specs = [dict(s, fictional=False) for s in data.ORGANISATIONS]
        specs += [dict(s, fictional=True) for s in data.NAMED_FICTIONAL_ORGANISATIONS]
        for i, (brand, pinyin, industry) in enumerate(data.FICTIONAL_COMPANIES, 1):
            field_zh, field_en, park = data.COMPANY_FIELDS[industry]
            specs.append(
                {
                    "key": f"company-{i:02d}",
                    "kind": "enterprise",
                    "name": f"上海{brand}{field_zh}有限公司",
                    "name_en": f"Shanghai {pinyin} {field_en} Co., Ltd.",
                    "uscc": data.invented_uscc("91310113", 200 + i),
                    "park": park,
                    "fictional": True,
                    "industry": industry,
                }
            )
        for i, (parent, name, name_en, industry) in enumerate(data.FICTIONAL_TEAMS, 1):
            specs.append(
                {
                    "key": f"team-{i:02d}",
                    "kind": "team",
                    "name": name,
                    "name_en": name_en,
                    "parent": parent,
                    "fictional": True,
                    "industry": industry,
                }
            )
        return specs

    def load_organisations(self, actor: User) -> None:
        for spec in self.organisation_specs():
            key = spec["key"]
            if spec.get("industry"):
                self.org_industry[key] = spec["industry"]
            org = Organisation.objects.filter(name=spec["name"]).first()
            if org is None:
                org = organisation_create(
                    actor,
                    name=spec["name"],
                    name_en=spec["name_en"],
                    kind=spec["kind"],
                    uscc=spec.get("uscc"),
                    parent=self.orgs[spec["parent"]] if spec.get("parent") else None,
                    park=self.parks[spec["park"]] if spec.get("park") else None,
                    fictional=spec["fictional"],
                )
                self.created["organisations"] += 1
            self.orgs[key] = org

    def load_account(self, spec: dict) -> User:
        org_key = spec["organisation"]
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "display_name": spec["display_name"],
                "title": spec["title"],
                "organisation": self.orgs.get(org_key) if org_key else None,
            },
        )
        if created or not user.check_password(data.DEMO_PASSWORD):
            user.set_password(data.DEMO_PASSWORD)
        user.is_active = True
        if spec["role"] == Role.ADMINISTRATOR:
            user.is_staff = user.is_superuser = True
        user.save()
        user.groups.add(self.groups[spec["role"]])
        self.created["users"] += created
        self.accounts.setdefault(spec["role"], user)  # the first of a role acts for it
        return user

    def load_programmes_and_calls(self) -> None:
        for spec in data.PROGRAMMES:
            spec = dict(spec)
            funder = self.orgs[spec.pop("funder")]
            programme, created = Programme.objects.get_or_create(
                code=spec.pop("code"), defaults=dict(spec, funder=funder)
            )
            self.programmes[programme.code] = programme
            self.created["programmes"] += created
        for spec in data.ACCOUNTS:
            for code in spec.get("runs", ()):
                self.programmes[code].officers.add(self.accounts[spec["role"]])
        for spec in data.CALLS:
            self.calls[spec["code"]] = self.load_call(spec)

    def load_call(self, spec: dict) -> Call:
        values = {
            "programme": self.programmes[spec["programme"]],
            "name": spec["name"],
            "name_en": spec["name_en"],
            "description": spec["description"],
            "budget": Decimal(spec["budget"]),
            "quota": spec["quota"],
            "open_all_year": spec.get("open_all_year", False),
        }
        if spec.get("open_now"):
            opens = local(self.today - dt.timedelta(days=data.OPEN_CALL_OPENED_DAYS_AGO), 9)
            closes = local(self.today + dt.timedelta(days=data.OPEN_CALL_CLOSES_IN_DAYS), 17)
            values.update(
                opens_at=opens,
                closes_at=closes,
                name=f"{spec['name']}（{opens.year}年）",
                name_en=f"{spec['name_en']} ({opens.year})",
            )
        else:
            values["opens_at"] = local(spec["opens_at"]) if spec.get("opens_at") else None
            values["closes_at"] = local(spec["closes_at"]) if spec.get("closes_at") else None
        call, created = Call.objects.get_or_create(code=spec["code"], defaults=values)
        self.created["calls"] += created
        for sort, f in enumerate(spec.get("fields", ()), 1):
            choices = ""
            if f.get("choices_from_parks"):
                choices = "\n".join(p.name for p in self.parks.values())
            elif f.get("choices_from_poc"):
                choices = "\n".join(
                    o.name for o in self.orgs.values() if o.kind == Organisation.Kind.POC_OPERATOR
                )
            CallField.objects.get_or_create(
                call=call,
                key=f["key"],
                defaults={
                    "label": f["label"],
                    "label_en": f["label_en"],
                    "kind": f["kind"],
                    "required": f["required"],
                    "choices": choices,
                    "help_text": f.get("help_text", ""),
                    "sort": sort,
                },
            )
        return call


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in COUNTED.items()}


@transaction.atomic
def load_demo(today: dt.date | None = None) -> DemoResult:
    """Load everything that is missing; all or nothing."""
    loader = Loader(today or timezone.localdate())
    loader.load_industries()
    loader.load_zones_and_parks()
    admin_spec = next(s for s in data.ACCOUNTS if s["role"] == Role.ADMINISTRATOR)
    admin = loader.load_account(admin_spec)
    loader.load_organisations(admin)
    if admin.organisation_id is None:
        admin.organisation = loader.orgs[admin_spec["organisation"]]
        admin.save(update_fields=["organisation"])
    for spec in data.ACCOUNTS:
        if spec["role"] == Role.EXPERT:
            demo_expert_account(admin, loader.orgs, spec)
        if spec is not admin_spec:
            loader.load_account(spec)
    loader.load_programmes_and_calls()
    review = ReviewLoader(loader)
    review.load_pool()
    loader.load_declarations()
    load_funding(loader)
    load_equity(loader)
    review.load_round_and_notice()
    load_portfolio(loader)
    load_checks(loader)
    return DemoResult(
        counts=counts(),
        created=loader.created,
        accounts=[
            {
                "role": spec["role"],
                "role_zh": spec["role_zh"],
                "role_en": spec.get("role_en", ""),
                "username": spec["username"],
                "name": spec["display_name"],
            }
            for spec in data.ACCOUNTS
        ],
    )
