"""Builders for the agreement tests: a signed convertible agreement with money paid out
through the real services."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from wusong.factories import OrganisationFactory, applicant, approved_declaration, leader
from wusong.funding import services

TERMS = {
    "deadline": "2028-12-31",
    "fallback": "write_off",
    "min_new_money": "5000000",
    "require_market_investor": True,
    "max_stake_percent": "25",
    "never_largest_holder": True,
    "residual_treatment": "repay",
    "team_reward_percent": "50",
}


def at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


class World:
    """One project from approval to a signed agreement with its disbursements paid."""

    def __init__(
        self,
        *,
        instrument="investment_first",
        total=D("10000000.00"),
        first=D("4900000.00"),
        payments=(D("2915000.00"), D("1985000.00")),
        terms=None,
        grant_amount=D(0),
        holder=None,
        company_status="llc",
        **declaration,
    ):
        self.decl = approved_declaration(company_status=company_status, **declaration)
        self.staff = self.decl.call.programme.officers.first()
        self.company = self.decl.organisation
        self.team = applicant(self.company)
        self.holder = holder or OrganisationFactory(name="上海宝山科技成果转化有限公司")
        self.agreement = services.agreement_draft(
            self.staff,
            self.decl,
            funder=self.holder,
            instrument=instrument,
            total_amount=total,
            grant_amount=grant_amount,
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2028, 12, 31),
            milestones=[{"title": "完成样机研制", "due": dt.date(2027, 6, 30)}],
            tranches=[
                {"amount": first, "milestone": None},
                {"amount": total - first, "milestone": 0},
            ],
            terms=dict(TERMS if terms is None else terms),
        )
        services.agreement_sign(self.staff, self.agreement, "funder")
        self.agreement = services.agreement_sign(self.team, self.agreement, "recipient")
        self.checker = leader()
        tranche = self.agreement.tranches.get(seq=1)
        for n, amount in enumerate(payments):
            d = services.disbursement_request(self.team, tranche, amount, f"第{n + 1}笔")
            d = services.disbursement_approve(self.staff, d)
            d = services.disbursement_approve(self.checker, d)
            services.disbursement_pay(
                self.staff,
                d,
                f"GK-{self.agreement.pk}-{n}",
                paid_at=at(dt.date(2026, 3 + 3 * n, 1)),
            )


@pytest.fixture
def world():
    return World()
