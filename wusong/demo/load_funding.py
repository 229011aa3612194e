"""Funding in the demo: an agreement for each of the pilot's 16 approved projects, signed
by both sides, first tranches paid with treasury references, later tranches released
as milestones were verified and paid (all but two overdue, see ``data_funding``), and
one amendment. Everything goes through
``wusong.funding.services`` under ``replay_clock``, so each step carries its date and
its audit entry. A project that already has an agreement is left alone."""

import datetime as dt
from decimal import Decimal

from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.funding import services
from wusong.funding.models import Agreement, Instrument
from wusong.registry.roles import Role

from . import data, data_funding
from .clock import local, replay_clock


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def approved_declaration(loader, call_code: str, org_key: str) -> Declaration:
    return Declaration.objects.get(
        call__code=call_code, organisation=loader.orgs[org_key], state=State.APPROVED
    )


class FundingLoader:
    def __init__(self, loader):
        self.loader = loader
        self.officer = loader.accounts[Role.OFFICER]
        self.leader = loader.accounts[Role.LEADER]
        self.funder = loader.orgs["bs-tech-transfer"]

    def load(self) -> None:
        batches = (
            (data.BATCH_ONE["call"], data_funding.BATCH_ONE_FUNDING),
            (data.BATCH_TWO["call"], data_funding.BATCH_TWO_FUNDING),
        )
        for call_code, funding in batches:
            for n, (org_key, spec) in enumerate(funding.items()):
                decl = approved_declaration(self.loader, call_code, org_key)
                if Agreement.objects.filter(declaration=decl).exists():
                    continue
                self.agreement(decl, org_key, spec, data_funding.BATCH_DATES[call_code], n)
                self.loader.created["agreements"] += 1
        self.amend()

    @staticmethod
    def reference(at: dt.datetime, tranche) -> str:
        """An invented treasury payment reference (宝山区财政国库支付凭证号)."""
        return f"BSGK{at:%Y%m%d}{tranche.pk:06d}"

    def tranches(self, total: Decimal, first: Decimal) -> list[dict]:
        rest = total - first
        second = (rest / 2).quantize(Decimal("10000"))
        return [
            {"amount": first, "milestone": None},
            {"amount": second, "milestone": 0},
            {"amount": rest - second, "milestone": 1},
        ]

    def agreement(self, decl: Declaration, org_key: str, spec: dict, dates: dict, n: int):
        loader = self.loader
        recipient = loader.declarant(org_key)
        total = decl.requested_amount
        grant = Decimal(spec.get("grant", "0"))
        instrument = Instrument.ALLOCATION_PLUS_INVESTMENT if grant else Instrument.INVESTMENT_FIRST
        milestones = [{"title": m.title, "due": m.due} for m in decl.milestones.order_by("due")]
        kind, task = data_funding.KEY_TASKS[decl.industry.code]
        start, end = _day(dates["start"]), _day(dates["end"])
        offset = dt.timedelta(minutes=20 * n)
        with replay_clock(local(dates["drafted"]) + offset):
            agreement = services.agreement_draft(
                self.officer,
                decl,
                funder=self.funder,
                instrument=instrument,
                total_amount=total,
                grant_amount=grant,
                start_date=start,
                end_date=end,
                milestones=milestones,
                tranches=self.tranches(total, Decimal(spec["first"])),
                key_tasks=[{"kind": kind, "title": task, "due": milestones[-1]["due"]}],
                terms=dict(data_funding.TERMS, deadline=dates["deadline"]),
            )
        signed = local(dates["signed"]) + offset
        with replay_clock(signed):
            services.agreement_sign(self.officer, agreement, "funder", now=signed)
        at = signed + dt.timedelta(hours=3)
        with replay_clock(at):
            agreement = services.agreement_sign(recipient, agreement, "recipient", now=at)
        first = agreement.tranches.get(seq=1)
        self.disburse(
            recipient,
            first,
            data_funding.FIRST_PURPOSE,
            local(dates["requested"]) + offset,
            local(dates["paid"]) + offset,
        )
        late = data_funding.VERIFIED_ON.get(org_key, {})
        for index, milestone in enumerate(agreement.milestones.order_by("due")):
            if index >= spec["verified"]:
                break
            on, note = late.get(index + 1, (None, ""))
            day = (
                _day(on)
                if on
                else milestone.due + dt.timedelta(days=data_funding.VERIFIED_DAYS_AFTER_DUE)
            )
            verified = local(day, 10) + offset
            evidence = data_funding.EVIDENCE.format(
                deliverable=decl.milestones.get(title=milestone.title).deliverable,
                title=milestone.title,
            )
            with replay_clock(verified):
                services.milestone_verify(self.officer, milestone, evidence + note, now=verified)
            tranche = agreement.tranches.get(seq=index + 2)
            self.disburse(
                recipient,
                tranche,
                data_funding.NEXT_PURPOSE.format(seq=tranche.seq, title=milestone.title),
                verified + dt.timedelta(days=3),
                verified + dt.timedelta(days=8),
            )

    def disburse(self, recipient, tranche, purpose: str, requested, paid) -> None:
        """Request (the company) → approve (the officer) → confirm (the leader) → paid."""
        with replay_clock(requested):
            d = services.disbursement_request(recipient, tranche, tranche.amount, purpose)
        with replay_clock(requested + dt.timedelta(days=1)):
            d = services.disbursement_approve(self.officer, d)
        with replay_clock(requested + dt.timedelta(days=2)):
            d = services.disbursement_approve(self.leader, d)
        with replay_clock(paid):
            services.disbursement_pay(self.officer, d, self.reference(paid, tranche), paid_at=paid)

    def amend(self) -> None:
        spec = data_funding.AMENDMENT
        decl = approved_declaration(self.loader, data.BATCH_ONE["call"], spec["org"])
        agreement = Agreement.objects.get(declaration=decl)
        if agreement.amendments.exists():
            return
        with replay_clock(local(spec["at"])):
            services.agreement_amend(
                self.officer, agreement, spec["reason"], end_date=_day(spec["end"])
            )


def load_funding(loader) -> None:
    FundingLoader(loader).load()
