"""Figures leadership reads: declarations per call by state and by industry."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from wusong.calls.models import Call, Declaration
from wusong.calls.states import State
from wusong.registry.models import Industry


def call_overview() -> list[dict]:
    """One row per call: counts per state, per industry, and requested amounts (yuan).
    Drafts are not yet declarations and are left out."""
    rows = (
        Declaration.objects.exclude(state=State.DRAFT)
        .values("call_id", "state", "industry_id")
        .annotate(n=Count("id"), amount=Sum("requested_amount"))
    )
    per_call: dict[int, dict] = defaultdict(
        lambda: {
            "states": defaultdict(int),
            "industries": defaultdict(lambda: [0, Decimal(0)]),
            "n": 0,
            "amount": Decimal(0),
            "approved_amount": Decimal(0),
        }
    )
    for row in rows:
        entry = per_call[row["call_id"]]
        entry["states"][row["state"]] += row["n"]
        industry = entry["industries"][row["industry_id"]]
        industry[0] += row["n"]
        industry[1] += row["amount"]
        entry["n"] += row["n"]
        entry["amount"] += row["amount"]
        if row["state"] == State.APPROVED:
            entry["approved_amount"] += row["amount"]
    industries = {i.pk: i for i in Industry.objects.all()}
    result = []
    for call in Call.objects.select_related("programme").order_by(
        "programme__code", "opens_at", "code"
    ):
        entry = per_call.get(call.pk)
        if entry is None:
            entry = per_call.default_factory()
        result.append(
            {
                "call": call,
                "n": entry["n"],
                "amount": entry["amount"],
                "approved_amount": entry["approved_amount"],
                "states": [
                    (State(s).label, s, entry["states"][s])
                    for s in State.values
                    if entry["states"].get(s)
                ],
                "industries": sorted(
                    (
                        (industries[pk], n, amount)
                        for pk, (n, amount) in entry["industries"].items()
                    ),
                    key=lambda t: (-t[1], t[0].sort),
                ),
            }
        )
    return result
