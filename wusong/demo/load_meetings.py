"""Batch one's review meetings in the demo: its passed declarations split by industry
over 13 meetings, each with a five-expert panel (conflicted members recused by the
meeting services themselves), attendance, notes, votes that agree with the batch's
recorded outcome, the meeting closed under its quorum rule, and a review fee for each
member present. Replayed through ``wusong.meetings.services`` while the
declarations are still "passed", before the selection, so it happens only when the
batch itself is loaded."""

import datetime as dt
from decimal import Decimal

from wusong.experts import services as expert_services
from wusong.experts.models import Expert
from wusong.meetings import services as meetings
from wusong.meetings.models import Recusal
from wusong.registry.roles import Role

from . import data_experts
from .clock import local, replay_clock

VOTE = {"approve": "approve", "candidate": "candidate", "not_selected": "reject"}


def _split(items: list, parts: int) -> list[list]:
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return [chunk for chunk in out if chunk]


def _experts() -> dict[int, Expert]:
    by_email = {e.user.username: e for e in Expert.objects.select_related("user")}
    return {
        n: by_email[f"expert{n:02d}@example.com"]
        for n in range(1, len(data_experts.EXPERTS) + 1)
        if f"expert{n:02d}@example.com" in by_email
    }


def _panel(chunk: list[dict], experts: dict[int, Expert]) -> list[Expert]:
    wanted: list[int] = []
    for spec in chunk:
        for n in data_experts.INDUSTRY_EXPERTS.get(spec["industry"], ()):
            if n not in wanted and len(wanted) < data_experts.PANEL_SIZE - 2:
                wanted.append(n)
    for n in data_experts.GENERALISTS:
        if len(wanted) < data_experts.PANEL_SIZE and n not in wanted:
            wanted.append(n)
    return [experts[n] for n in wanted if n in experts]


def load_meetings(loader, call, specs: list[dict]) -> None:
    """`specs`: the batch's declarations awaiting selection, with their "outcome"."""
    plan = data_experts.MEETINGS.get(call.code)
    experts = _experts()
    if plan is None or not specs or not experts:
        return
    officer = loader.accounts[Role.OFFICER]
    ordered = sorted(specs, key=lambda s: (s["industry"], s["decl"].reference))
    first = local(plan["first"])
    for n, chunk in enumerate(_split(ordered, plan["count"]), 1):
        starts = first + dt.timedelta(days=plan["every_days"] * (n - 1))
        panel = _panel(chunk, experts)
        with replay_clock(starts - dt.timedelta(days=7)):
            meeting = meetings.meeting_schedule(
                officer,
                call,
                {
                    "title": plan["title"].format(n=n),
                    "starts_at": starts,
                    "place": plan["place"],
                    "chair": panel[-1],
                },
                experts=panel,
                declarations=[s["decl"] for s in chunk],
            )
        members = list(meeting.members.select_related("expert").order_by("sort"))
        with replay_clock(starts):
            meetings.meeting_open(officer, meeting, now=starts)
            meetings.attendance_record(officer, meeting, dict.fromkeys(members, True))
        recused = set(
            Recusal.objects.filter(item__meeting=meeting).values_list("item_id", "member_id")
        )
        for k, item in enumerate(meeting.items.select_related("declaration").order_by("order")):
            spec = next(s for s in chunk if s["decl"].pk == item.declaration_id)
            choice = VOTE[spec["outcome"]]
            at = starts + dt.timedelta(minutes=25 * k + 20)
            with replay_clock(at):
                meetings.item_notes_save(
                    officer,
                    item,
                    data_experts.NOTES.format(minutes=10 + 5 * (k % 2)),
                    data_experts.CONCLUSIONS[choice],
                )
                for m, member in enumerate(members):
                    if (item.pk, member.pk) in recused:
                        continue
                    # One dissenting voice now and then; the majority stands.
                    dissent = m == len(members) - 1 and (n + k) % 4 == 0
                    vote = choice
                    if dissent:
                        vote = "candidate" if choice != "candidate" else "approve"
                    meetings.vote_record(officer, item, member, vote)
        closed = starts + dt.timedelta(hours=3)
        with replay_clock(closed):
            meetings.meeting_close(officer, meeting, now=closed)
        with replay_clock(closed + dt.timedelta(days=2)):
            for member in members:
                expert_services.fee_record(
                    officer, member.expert, Decimal(data_experts.MEETING_FEE), meeting.title
                )
        loader.created["meetings"] += 1
