"""Builders for the equity-ledger tests: funding's signed convertible agreement with money
paid out, and on it a company's equity, the position and a round, through the real
services."""

import datetime as dt
from decimal import Decimal as D

import pytest

from wusong.equity import services
from wusong.funding.tests.conftest import TERMS
from wusong.funding.tests.conftest import World as AgreementWorld

TODAY = dt.date(2027, 12, 31)  # "today" for the services that refuse future dates

__all__ = ["TERMS", "TODAY", "World"]


class World(AgreementWorld):
    """One project from approval to a signed agreement with its disbursements paid, and
    the equity ledger of its company."""

    def equity(self, form="llc", units=D("10000000"), lines=None):
        lines = lines or [
            {"name": "张明", "units": units * D("0.6")},
            {"name": "上海某大学资产经营有限公司", "units": units * D("0.4")},
        ]
        return services.equity_profile_set(
            self.staff, self.company, form=form, units=units, lines=lines
        )

    def open_position(self):
        self.position = services.position_open(self.staff, self.agreement)
        return self.position

    def round(self, **overrides):
        kwargs = {
            "date": dt.date(2026, 9, 30),
            "name": "A轮",
            "pre_money_valuation": D("150000000.00"),
            "investors": [{"name": "华映资本", "amount": D("30000000.00"), "market": True}],
            "today": TODAY,
        }
        kwargs.update(overrides)
        return services.round_record(self.staff, self.company, **kwargs)


@pytest.fixture
def world():
    return World()
