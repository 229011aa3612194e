"""The equity ledger in the demo: a convertible position opened for each pilot agreement
on signing, and for the two companies the seed says entered the share-holding stage, the
company's registered capital and holders, a qualifying market financing round, and the
conversion of the district's position at that round's price. Through
``wusong.equity.services`` under ``replay_clock``; a position already open, or a
company whose round is recorded, is left alone."""

import datetime as dt
from decimal import Decimal

from wusong.equity import services as equity
from wusong.equity.models import ConvertiblePosition, FinancingRound
from wusong.funding.models import Agreement
from wusong.registry.roles import Role

from . import data, data_funding
from .clock import local, replay_clock
from .load_funding import approved_declaration


def load_equity(loader) -> None:
    officer = loader.accounts[Role.OFFICER]
    for batch, funding in (
        (data.BATCH_ONE, data_funding.BATCH_ONE_FUNDING),
        (data.BATCH_TWO, data_funding.BATCH_TWO_FUNDING),
    ):
        signed = local(data_funding.BATCH_DATES[batch["call"]]["signed"])
        for n, org_key in enumerate(funding):
            decl = approved_declaration(loader, batch["call"], org_key)
            agreement = Agreement.objects.get(declaration=decl)
            if ConvertiblePosition.objects.filter(agreement=agreement).exists():
                continue
            with replay_clock(signed + dt.timedelta(hours=5, minutes=20 * n)):
                equity.position_open(officer, agreement)
            loader.created["positions"] += 1
    for org_key, spec in data_funding.EQUITY.items():
        convert(loader, officer, org_key, spec)


def convert(loader, officer, org_key: str, spec: dict) -> None:
    company = loader.orgs[org_key]
    if FinancingRound.objects.filter(company__organisation=company).exists():
        return
    round_spec = spec["round"]
    day = dt.date.fromisoformat(round_spec["date"])
    with replay_clock(local(day - dt.timedelta(days=30), 10)):
        equity.equity_profile_set(
            officer,
            company,
            form=spec["form"],
            units=Decimal(spec["units"]),
            lines=[{"name": name, "units": Decimal(units)} for name, units in spec["lines"]],
            formation_date=dt.date.fromisoformat(spec["formation_date"]),
        )
    at = local(day + dt.timedelta(days=3), 10)
    with replay_clock(at):
        financing_round = equity.round_record(
            officer,
            company,
            date=day,
            name=round_spec["name"],
            pre_money_valuation=Decimal(round_spec["pre_money_valuation"]),
            investors=[
                {"name": name, "amount": Decimal(amount), "market": True}
                for name, amount in round_spec["investors"]
            ],
            note="市场化融资；按本轮价格将“先投后股”项目资金转为股权。",
            today=at.date(),
        )
    position = ConvertiblePosition.objects.get(
        agreement__recipient=company, residual_of__isnull=True
    )
    at += dt.timedelta(days=4)
    with replay_clock(at):
        equity.conversion_confirm(officer, position, financing_round, now=at)
