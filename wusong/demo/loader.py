"""Load the Baoshan demo data (``data.py``) into the database.

Reference data (industries, zones, parks, organisations, programmes, calls, accounts) is
looked up by its code or natural key and created only when missing. Declarations are
written through the same services an applicant, an officer and a leader use
(``wusong.calls.services``), so every one follows the workflow and leaves its audit
history; a call that already has declarations is left alone. Running the loader twice
therefore creates nothing the second time.

The pilot batches happened in 2022 and 2023. To record them with their real dates, each
step is replayed under ``replay_clock``: ``timezone.now()`` answers the historical
moment, so the services' own checks (a call takes declarations only while open), the
``auto_now`` timestamps and the audit entries all carry the date the step happened.
Batch three is dated from the day of loading, so it is always open.
"""

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from unittest import mock

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from wusong.audit.models import AuditEntry
from wusong.calls import services
from wusong.calls.models import Attachment, Call, CallField, Declaration, Programme
from wusong.kernels.accrual import add_months
from wusong.registry.models import Industry, Organisation, Park, User, Zone
from wusong.registry.roles import Role
from wusong.registry.services import organisation_create

from . import data

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
    "audit_entries": AuditEntry,
}


@dataclass
class DemoResult:
    counts: dict[str, int]
    created: Counter = field(default_factory=Counter)
    accounts: list[dict] = field(default_factory=list)
    password: str = data.DEMO_PASSWORD


@contextmanager
def replay_clock(at: dt.datetime):
    """Make ``django.utils.timezone.now()`` answer `at` while a past step is replayed.

    Only the demo loader does this, in its own command, never in a request."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def local(value: str | dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware datetime in the office's time zone from "YYYY-MM-DD HH:MM" or a date."""
    if isinstance(value, str):
        naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    else:
        naive = dt.datetime.combine(value, dt.time(hour, minute))
    return timezone.make_aware(naive)


def pdf_bytes(text: str) -> bytes:
    """A small, valid one-page PDF that says `text` (ASCII)."""
    content = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


ATTACHMENT_NAMES = {
    Attachment.Kind.BUSINESS_PLAN: ("商业计划书.pdf", "business plan"),
    Attachment.Kind.TECHNICAL_REPORT: ("技术报告.pdf", "technical report"),
    Attachment.Kind.OTHER: ("补充材料.pdf", "supporting document"),
}


class Loader:
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
        self.accounts[spec["role"]] = user
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

    # -- people --------------------------------------------------------------------------

    def person(self, *, lead: bool) -> str:
        """An invented, plainly anonymised name: 陈某 (leads) or 陈某某 (members)."""
        surname = data.SURNAMES[self.people % len(data.SURNAMES)]
        self.people += 1
        return surname + ("某" if lead else "某某")

    def declarant(self, org_key: str) -> User:
        """The applicant who acts for an organisation: the demo applicant for theirs, an
        invented contact (no usable password) for every other."""
        org = self.orgs[org_key]
        if org_key == data.ACCOUNTS[0]["organisation"]:
            return self.accounts[Role.APPLICANT]
        user, created = User.objects.get_or_create(
            username=f"contact-{org_key}",
            defaults={"display_name": self.person(lead=True), "organisation": org},
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(self.groups[Role.APPLICANT])
            self.created["users"] += 1
        return user

    def team(self, org: Organisation) -> list[dict]:
        affiliation = org.parent.name if org.kind == Organisation.Kind.TEAM else org.name
        lead_title = self.rng.choice(data.LEAD_TITLES)
        return [
            {
                "name": self.person(lead=True),
                "role": "项目负责人",
                "title": lead_title,
                "affiliation": affiliation,
                "is_lead": True,
            },
            {
                "name": self.person(lead=False),
                "role": "技术负责人",
                "title": self.rng.choice(data.MEMBER_TITLES),
                "affiliation": affiliation,
                "is_lead": False,
            },
            {
                "name": self.person(lead=False),
                "role": "市场与融资",
                "title": "经理",
                "affiliation": affiliation,
                "is_lead": False,
            },
        ]

    def milestones(self, industry: str, after: dt.date) -> list[dict]:
        return [
            {"title": title, "deliverable": deliverable, "due": add_months(after, months)}
            for title, deliverable, months in data.MILESTONES.get(
                industry, data.MILESTONES["new-materials"]
            )
        ]

    def declaration_data(self, spec: dict) -> dict:
        org = self.orgs[spec["org"]]
        is_team = org.kind == Organisation.Kind.TEAM
        status = Declaration.CompanyStatus
        return {
            "title": spec["title"],
            "summary": spec["summary"],
            "keywords": spec.get("keywords", ""),
            "industry": self.industries[spec["industry"]],
            "trl": spec["trl"],
            "company_status": status.NONE if is_team else spec.get("company_status", status.LLC),
            "company_name": "" if is_team else org.name,
            "uscc": "" if is_team else org.uscc,
            "requested_amount": Decimal(spec["amount"]),
        }

    # -- declarations ---------------------------------------------------------------------

    def add_attachment(self, user: User, decl: Declaration, kind: str, name: str = "") -> None:
        default_name, label = ATTACHMENT_NAMES[kind]
        upload = SimpleUploadedFile(
            name or default_name,
            pdf_bytes(f"Wusong demo - {label} - {decl.reference}"),
            content_type="application/pdf",
        )
        services.attachment_add(user, decl, kind, upload)

    def create_declaration(self, spec: dict, at: dt.datetime, answers=None) -> Declaration:
        call = spec["call"]
        user = self.declarant(spec["org"])
        org = self.orgs[spec["org"]]
        close_day = timezone.localdate(call.closes_at) if call.closes_at else self.today
        with replay_clock(at):
            decl = services.declaration_create(
                user,
                call,
                self.declaration_data(spec),
                team=self.team(org),
                milestones=self.milestones(spec["industry"], close_day),
                answers=answers,
            )
        with replay_clock(at + dt.timedelta(minutes=12)):
            self.add_attachment(user, decl, Attachment.Kind.BUSINESS_PLAN)
        with replay_clock(at + dt.timedelta(minutes=19)):
            self.add_attachment(user, decl, Attachment.Kind.TECHNICAL_REPORT)
        self.created["declarations"] += 1
        return decl

    def submit(self, decl: Declaration, at: dt.datetime) -> Declaration:
        with replay_clock(at):
            decl, _changed = services.declaration_submit(decl.created_by, decl, now=at)
        return decl

    def decide(self, decl, at, decision, reason="") -> Declaration:
        with replay_clock(at):
            return services.formal_review_decide(
                self.accounts[Role.OFFICER], decl, decision, reason, now=at
            )

    def select(self, decl, at, outcome, reason="") -> Declaration:
        with replay_clock(at):
            return services.selection_record(self.accounts[Role.LEADER], decl, outcome, reason)

    def pilot_specs(self, batch: dict, pool: list[str], cursor: dict) -> list[dict]:
        """The batch's named declarations plus invented ones up to `declared`."""
        specs = [dict(s) for s in batch["named"]]
        filler = batch["filler"]
        outcomes = (
            [("reject", reason) for reason in filler["reject"]]
            + [("candidate", batch.get("candidate_reason", ""))] * filler["candidate"]
            + [("withdraw", "")] * filler["withdraw"]
        )
        count = batch["declared"] - len(specs)
        outcomes += [("not_selected", batch["not_selected_reason"])] * (count - len(outcomes))
        self.rng.shuffle(outcomes)
        for outcome, reason in outcomes:
            org_key = pool[cursor["org"] % len(pool)]
            cursor["org"] += 1
            industry = self.org_industry[org_key]
            subjects = data.TOPICS[industry]
            used = cursor.setdefault(industry, 0)
            cursor[industry] += 1
            subject, application = subjects[used % len(subjects)]
            suffix = data.TITLE_SUFFIXES[(used // len(subjects)) % len(data.TITLE_SUFFIXES)]
            specs.append(
                {
                    "org": org_key,
                    "industry": industry,
                    "outcome": outcome,
                    "reason": reason,
                    "amount": str(self.rng.randrange(300, 1001, 50) * 10000),
                    "trl": self.rng.randint(3, 7),
                    "company_status": Declaration.CompanyStatus.JSC
                    if self.rng.random() < 0.15
                    else Declaration.CompanyStatus.LLC,
                    "title": f"{subject}{suffix}",
                    "summary": f"项目围绕{subject}开展技术攻关与工程化开发，面向{application}市场，"
                    f"计划在宝山完成样品（样机）验证、中试与首批客户导入，形成自主知识产权和产业化能力。",
                    "keywords": f"{subject}, {application}",
                }
            )
        return specs

    def load_pilot_batch(self, batch: dict, pool: list[str], cursor: dict) -> None:
        call = self.calls[batch["call"]]
        # Drawn before the check, so the invented filler is the same whatever is loaded.
        specs = self.pilot_specs(batch, pool, cursor)
        if call.declarations.exists():
            return
        window = (call.closes_at - call.opens_at).days
        for spec in specs:
            spec["call"] = call
            spec["created_at"] = call.opens_at + dt.timedelta(
                days=self.rng.randrange(0, window - 10), minutes=self.rng.randrange(60, 480)
            )
            spec["submitted_at"] = min(
                spec["created_at"] + dt.timedelta(days=self.rng.randint(1, 9)),
                call.closes_at - dt.timedelta(hours=2),
            )
        specs.sort(key=lambda s: s["created_at"])
        for spec in specs:
            spec["decl"] = self.create_declaration(spec, spec["created_at"])
        reviewed = local(batch["formal_review_from"])
        selected = local(batch["selected_at"])
        in_review = 0
        for spec in sorted(specs, key=lambda s: s["submitted_at"]):
            decl = self.submit(spec["decl"], spec["submitted_at"])
            if spec["outcome"] == "withdraw":
                with replay_clock(spec["submitted_at"] + dt.timedelta(days=2)):
                    services.declaration_withdraw(decl.created_by, decl)
                continue
            at = reviewed + dt.timedelta(days=in_review // 12, minutes=35 * (in_review % 12))
            in_review += 1
            if spec["outcome"] == "reject":
                self.decide(decl, at, "reject", spec["reason"])
                continue
            spec["decl"] = self.decide(decl, at, "pass")
        for n, spec in enumerate(s for s in specs if s["outcome"] in services.SELECTION_OUTCOMES):
            reason = spec.get("reason") or batch.get(f"{spec['outcome']}_reason", "")
            self.select(spec["decl"], selected + dt.timedelta(minutes=n), spec["outcome"], reason)

    def load_open_batch(self) -> None:
        call = self.calls["invest-first-3"]
        if call.declarations.exists():
            return
        steps: list[tuple[dt.datetime, int, Callable[[], None]]] = []
        for i, spec in enumerate(data.BATCH_THREE):
            spec = dict(spec, call=call)
            for step in spec["steps"]:
                at = local(self.today - dt.timedelta(days=step[1]), 9 + i % 8, 7 * i % 60)
                steps.append((at, i, self.step(spec, step, at)))
        steps.sort(key=lambda s: (s[0], s[1]))
        for _at, _i, run in steps:
            run()

    def step(self, spec: dict, step: tuple, at: dt.datetime) -> Callable[[], None]:
        """One step of an open-batch declaration's life, to run in date order."""
        action = step[0]

        def run():
            if action == "create":
                spec["decl"] = self.create_declaration(spec, at, answers=spec.get("answers"))
            elif action == "submit":
                spec["decl"] = self.submit(spec["decl"], at)
            elif action == "return":
                spec["decl"] = self.decide(spec["decl"], at, "return", step[2])
            elif action == "pass":
                spec["decl"] = self.decide(spec["decl"], at, "pass")
            elif action == "start":
                with replay_clock(at):
                    spec["decl"] = services.formal_review_start(
                        self.accounts[Role.OFFICER], spec["decl"]
                    )
            elif action == "edit":
                changes = dict(step[2])
                if "requested_amount" in changes:
                    changes["requested_amount"] = Decimal(changes["requested_amount"])
                with replay_clock(at):
                    spec["decl"] = services.declaration_update(
                        spec["decl"].created_by, spec["decl"], changes
                    )
            elif action == "attach":
                with replay_clock(at):
                    self.add_attachment(spec["decl"].created_by, spec["decl"], step[2], step[3])
            else:
                raise ValueError(f"unknown demo step {action!r}")

        return run

    def load_declarations(self) -> None:
        pool = [s["key"] for s in self.organisation_specs() if s["key"] in self.org_industry]
        cursor: dict = {"org": 0}
        for batch in (data.BATCH_ONE, data.BATCH_TWO):
            self.load_pilot_batch(batch, pool, cursor)
        self.load_open_batch()


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
        if spec is not admin_spec:
            loader.load_account(spec)
    loader.load_programmes_and_calls()
    loader.load_declarations()
    return DemoResult(
        counts=counts(),
        created=loader.created,
        accounts=[
            {
                "role": spec["role"],
                "role_zh": spec["role_zh"],
                "username": spec["username"],
                "name": spec["display_name"],
            }
            for spec in data.ACCOUNTS
        ],
    )
