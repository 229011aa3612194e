"""Test data for review meetings: a call with passed declarations, a panel of experts
(one of them from the first applicant's organisation, so conflicted on it) and a
scheduled meeting, built through the real services."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from wusong.experts.tests.factories import ExpertFactory, new_call, passed_declaration
from wusong.factories import OrganisationFactory
from wusong.meetings import services


def meeting_world(n_decls=2, n_free=4, **data):
    """`n_decls` passed declarations; a panel of one insider (same organisation as the
    first declaration) and `n_free` unconflicted experts; a scheduled meeting."""
    call, staff = new_call()
    org = OrganisationFactory(name="上海同芯沟科技有限公司")
    titles = ["先进封装声光辅助键合装备", "水系电池储能材料产业化", "手术机器人精密减速器"]
    decls = [
        passed_declaration(
            call, organisation=org if i == 0 else None, staff=staff, title=titles[i % 3]
        )
        for i in range(n_decls)
    ]
    insider = ExpertFactory(name="王建国", organisation=org)
    free = [ExpertFactory(name=name) for name in ["李明", "赵强", "陈芳", "刘洋", "周敏"][:n_free]]
    data.setdefault("title", "第一批先投后股项目评审会")
    data.setdefault("starts_at", timezone.now() + dt.timedelta(days=3))
    data.setdefault("place", "宝山区科委三楼会议室")
    meeting = services.meeting_schedule(
        staff, call, data, experts=[insider, *free], declarations=decls
    )
    return SimpleNamespace(
        call=call, officer=staff, decls=decls, insider=insider, free=free, meeting=meeting
    )


def member(meeting, expert):
    return meeting.members.get(expert=expert)


def item(meeting, decl):
    return meeting.items.get(declaration=decl)


def sit(w, present=None):
    """Everyone present (or those in `present`), then open the meeting."""
    experts = present if present is not None else [w.insider, *w.free]
    services.attendance_record(
        w.officer, w.meeting, {member(w.meeting, e).pk: True for e in experts}
    )
    return services.meeting_open(w.officer, w.meeting)


def votes(w, decl, choices):
    """Record {expert: choice} on `decl`."""
    for expert, choice in choices.items():
        services.vote_record(
            w.officer, item(w.meeting, decl), member(w.meeting, expert), choice, ""
        )
