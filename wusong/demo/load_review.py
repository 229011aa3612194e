"""Expert review in the demo: the expert pool (loaded before the declarations, so batch
one's meetings can seat it), batch three's online review round (assignment computed
with the demo expert pinned, published, some score sheets in) and a draft public notice
for the one batch-three declaration that has passed formal review. Everything goes
through ``wusong.experts.services`` and ``wusong.notices.services`` under
``replay_clock``; a call that already has its round or its notice is left alone."""

import datetime as dt
from decimal import Decimal

from wusong.calls.models import Call, Declaration
from wusong.calls.states import State
from wusong.experts import services
from wusong.experts.models import Expert, PairRule
from wusong.experts.states import AssignmentState
from wusong.notices import services as notice_services
from wusong.registry.models import User
from wusong.registry.roles import Role

from . import data_experts
from .clock import local, replay_clock

POOL_BUILT = "2022-10-10 10:00"

NOTICE = {
    "title": "“先投后股”试点第三批拟支持项目公示（草稿）",
    "body": "经形式审查、专家网络评审，拟对下列项目给予“先投后股”支持，现予公示。"
    "（草稿：网络评审与评审论证会完成后补齐拟支持名单再发布。）",
    "contact": "上海宝山技术转移有限公司 项目管理部，电话 021-00000000（演示）",
    "period_days": 5,
}


def demo_expert_account(actor, orgs: dict, spec: dict) -> None:
    """Create the demo `expert` account through ``expert_create``, so it has its pool
    record, before the account loader sets its password and role.

    ``expert_create`` names an expert's account by e-mail or mobile and the experts
    services cannot attach a pool record to an account that already exists, so the
    account is created under its e-mail and then renamed to the demo username."""
    if User.objects.filter(username=spec["username"]).exists():
        return
    fields = dict(data_experts.DEMO_EXPERT)
    org = orgs[fields.pop("organisation")]
    with replay_clock(local(POOL_BUILT)):
        expert = services.expert_create(actor, org, dict(fields, name=spec["display_name"]))
    account = expert.user
    account.username = spec["username"]
    account.save(update_fields=["username"])


class ReviewLoader:
    def __init__(self, loader):
        self.loader = loader
        self.officer = loader.accounts[Role.OFFICER]
        self.today = loader.today

    def ago(self, days: int, hour: int = 10) -> dt.datetime:
        return local(self.today - dt.timedelta(days=days), hour)

    def load_round_and_notice(self) -> None:
        call = self.loader.calls["invest-first-3"]
        self.load_round(call)
        self.load_notice(call)

    def load_pool(self) -> None:
        for n, (surname, org_key, title, disciplines, keywords, profile) in enumerate(
            data_experts.EXPERTS, 1
        ):
            email = f"expert{n:02d}@example.com"
            if User.objects.filter(username=email).exists():
                continue
            stem = data_experts.STEMS[(n - 1) % len(data_experts.STEMS)]
            with replay_clock(local(POOL_BUILT) + dt.timedelta(minutes=3 * n)):
                services.expert_create(
                    self.officer,
                    self.loader.orgs[org_key],
                    {
                        "name": f"{surname}某{stem}",
                        "title": title,
                        "disciplines": disciplines,
                        "keywords": keywords,
                        "profile": profile,
                        "phone": f"1390000{n:04d}",
                        "email": email,
                        "load_limit": 12,
                    },
                )
            self.loader.created["experts"] += 1

    def load_round(self, call: Call) -> None:
        if call.review_rounds.exists():
            return
        spec = data_experts.ROUND
        if not Declaration.objects.filter(call=call, state=State.PASSED).exists():
            return
        with replay_clock(self.ago(spec["created_days_ago"])):
            review_round = services.round_create(
                self.officer,
                call,
                {
                    "name": spec["name"],
                    "reviewers_per_declaration": spec["reviewers_per_declaration"],
                    "load_limit": spec["load_limit"],
                    "one_per_organisation": spec["one_per_organisation"],
                    "deadline": local(self.today + dt.timedelta(days=spec["deadline_in_days"]), 17),
                },
            )
        demo = Expert.objects.filter(user__username="expert").first()
        with replay_clock(self.ago(spec["created_days_ago"], 11)):
            if demo is not None:
                for decl in review_round.declarations.all():
                    services.pair_rule_set(
                        self.officer, review_round, decl, demo, PairRule.Kind.PIN
                    )
            review_round = services.assignment_compute(self.officer, review_round)
        with replay_clock(self.ago(spec["published_days_ago"])):
            review_round = services.round_publish(self.officer, review_round)
        self.loader.created["review_rounds"] += 1
        assignments = list(
            review_round.assignments.filter(state=AssignmentState.PUBLISHED)
            .select_related("expert__user")
            .order_by("-affinity", "pk")
        )
        others = [a for a in assignments if a.expert_id != getattr(demo, "pk", None)]
        criteria = list(review_round.rubric.criteria.order_by("sort"))
        for i, (assignment, (share, recommendation, comment)) in enumerate(
            zip(others, data_experts.SHEETS, strict=False)
        ):
            user = assignment.expert.user
            at = self.ago(3 - i, 9 + i)
            with replay_clock(at):
                services.commitment_accept(user, review_round, now=at)
                services.conflict_confirm_none(user, assignment, now=at)
            scores = {}
            for k, c in enumerate(criteria):
                span = c.max_score - c.min_score
                value = c.min_score + span * Decimal(str(share)) + Decimal((k % 3) - 1) / 2
                scores[c.code] = max(c.min_score, min(c.max_score, value)).quantize(Decimal("0.5"))
            at += dt.timedelta(hours=2)
            with replay_clock(at):
                services.score_save(
                    user,
                    assignment,
                    scores,
                    comment=comment,
                    recommendation=recommendation,
                    submit=not comment.startswith("（草稿）"),
                    now=at,
                )
        if demo is not None and any(a.expert_id == demo.pk for a in assignments):
            at = self.ago(1, 20)
            with replay_clock(at):
                services.commitment_accept(demo.user, review_round, now=at)

    def load_notice(self, call: Call) -> None:
        """A draft notice proposing the one passed declaration at its requested amount;
        it stays a draft until the review is done."""
        if call.notices.exists():
            return
        passed = list(Declaration.objects.filter(call=call, state=State.PASSED).order_by("pk"))
        if not passed:
            return
        with replay_clock(self.ago(1, 16)):
            notice_services.notice_create(
                self.officer, call, NOTICE, [(d, d.requested_amount) for d in passed]
            )
        self.loader.created["notices"] += 1
