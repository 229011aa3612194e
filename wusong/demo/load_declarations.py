"""Declarations in the demo: the pilot's batches one and two replayed from declaration
to selection (with batch one's review meetings before its selection), and the open
batch three, each step through ``wusong.calls.services`` under ``replay_clock``. A call
that already has declarations is left alone."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wusong.calls import services
from wusong.calls.models import Attachment, Declaration
from wusong.kernels.accrual import add_months
from wusong.registry.models import Organisation, User
from wusong.registry.roles import Role

from . import data
from .clock import local, replay_clock
from .load_meetings import load_meetings


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


class DeclarationsMixin:
    """The Loader's declaration steps; it supplies orgs, accounts, calls, rng and today."""

    # -- people --------------------------------------------------------------------------

    def person(self, *, lead: bool) -> str:
        """An invented, plainly anonymised name: 陈某 (leads) or 陈某某 (members)."""
        surname = data.SURNAMES[self.people % len(data.SURNAMES)]
        self.people += 1
        return surname + ("某" if lead else "某某")

    def declarant(self, org_key: str) -> User:
        """The applicant who acts for an organisation: a demo account for those that have
        one (the demo applicant's, the portfolio company's), an invented contact (no
        usable password) for every other."""
        org = self.orgs[org_key]
        for spec in data.ACCOUNTS:
            if spec["role"] == Role.APPLICANT and spec["organisation"] == org_key:
                return User.objects.get(username=spec["username"])
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
        awaiting = [s for s in specs if s["outcome"] in services.SELECTION_OUTCOMES]
        load_meetings(self, call, awaiting)
        for n, spec in enumerate(awaiting):
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
