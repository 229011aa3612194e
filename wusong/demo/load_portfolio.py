"""Post-investment care in the demo: the pilot's 16 projects followed by the demo officer
as manager, two or three five-dimension assessments each (some after the company's own
self-assessment; the latest within the half year for all but three), a weak link closed
by a service plan the demo mentor carried out, a live financing-matchmaking item on the
demo broker's desk, quarterly company reports (one runway alert, one report missing and
chased), and the candidates of batches one and two followed up, one invited into batch
three. Everything goes through the ``wusong.portfolio`` services under
``replay_clock``; a project already followed is left alone."""

import datetime as dt
import random
from decimal import Decimal

from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.kernels import periods
from wusong.portfolio import services as care
from wusong.portfolio.models import Assessment, CandidateInvitation, Project
from wusong.portfolio.selectors.reports import GRACE_DAYS
from wusong.portfolio.services import care as plans
from wusong.portfolio.services import reports
from wusong.registry.roles import Role

from . import data, data_care, data_funding
from .clock import local, replay_clock
from .load_funding import approved_declaration

BATCHES = (
    (data.BATCH_ONE, data_funding.BATCH_ONE_FUNDING),
    (data.BATCH_TWO, data_funding.BATCH_TWO_FUNDING),
)


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class PortfolioLoader:
    def __init__(self, loader):
        self.loader = loader
        self.officer = loader.accounts[Role.OFFICER]
        self.mentor = loader.accounts[Role.MENTOR]
        self.broker = loader.accounts[Role.BROKER]
        self.today = loader.today
        current = dt.date(self.today.year, 3 * ((self.today.month - 1) // 3) + 1, 1)
        months = 3 * data_care.REPORTS_QUARTERS
        year, month = divmod(current.year * 12 + current.month - 1 - months, 12)
        self.reporting_from = dt.date(year, month + 1, 1)

    def load(self) -> None:
        followed = []
        for batch, funding in BATCHES:
            for n, org_key in enumerate(funding):
                decl = approved_declaration(self.loader, batch["call"], org_key)
                if Project.objects.filter(declaration=decl).exists():
                    continue
                project = self.follow(decl, batch["call"])
                self.assess(project, org_key, batch["call"], n)
                followed.append((project, org_key))
                self.loader.created["projects"] += 1
        if followed:
            self.file_reports(followed)
            with replay_clock(local(self.today, 8)):
                reports.reports_chase(today=self.today)
        self.broker_item()
        self.candidates()

    # -- portfolio ----------------------------------------------------------------------

    def follow(self, decl: Declaration, call_code: str) -> Project:
        at = local(data_funding.BATCH_DATES[call_code]["signed"]) + dt.timedelta(days=1)
        with replay_clock(at):
            return care.project_follow(
                self.officer,
                decl,
                manager=self.officer,
                reporting_from=self.reporting_from,
                profile=f"{decl.industry.name}：{decl.title}。已签订项目建设合作协议，按里程碑拨付。",
            )

    def scores(self, org_key: str, i: int, lift: float) -> dict:
        rng = random.Random(f"{org_key}-{i}")
        level = 3.1 + 0.55 * i + lift + rng.uniform(-0.3, 0.4)
        return {
            code: max(1, min(5, round(level + rng.uniform(-0.9, 0.9))))
            for codes in data_care.DIMENSION_INDICATORS.values()
            for code in codes
        }

    def assess(self, project: Project, org_key: str, call_code: str, n: int) -> None:
        company = self.loader.declarant(org_key)
        weak = data_care.WEAK_LINK
        latest = self.today - dt.timedelta(days=data_care.LATEST_ASSESSED_DAYS_AGO[org_key])
        days = [_day(d) for d in data_care.ASSESSMENT_DATES[call_code]] + [latest]
        for i, day in enumerate(days):
            if n % 2 == 0:
                filed = day - dt.timedelta(days=data_care.SELF_DAYS_BEFORE)
                with replay_clock(local(filed, 16)):
                    care.assessment_record(
                        company,
                        project,
                        Assessment.Kind.SELF,
                        self.scores(org_key, i, 0.4),
                        assessed_on=filed,
                        summary="企业自评。",
                    )
            scores = self.scores(org_key, i, 0)
            if org_key == weak["org"] and i == weak["assessment"]:
                scores.update(weak["weak_scores"])
            elif org_key == weak["org"] and i == weak["assessment"] + 1:
                scores.update(weak["after_scores"])
            with replay_clock(local(day, 15)):
                assessment = care.assessment_record(
                    self.officer,
                    project,
                    Assessment.Kind.MANAGER,
                    scores,
                    assessed_on=day,
                    summary=f"第{i + 1}次五维评估。",
                )
            if org_key == weak["org"] and i == weak["assessment"]:
                self.close_weak_link(project, assessment, day)

    def close_weak_link(self, project: Project, assessment: Assessment, day: dt.date) -> None:
        """The demo mentor rewrites the business plan with the company: a plan item from
        the assessment's weak business dimension, logged services, done."""
        weak = data_care.WEAK_LINK
        with replay_clock(local(day + dt.timedelta(days=1), 10)):
            item = plans.plan_item_create(
                self.officer,
                project,
                dimension="business",
                kind="business_plan",
                title=weak["title"],
                due=day + dt.timedelta(days=weak["due_days"]),
                owner_user=self.mentor,
                source=assessment,
            )
        with replay_clock(local(day + dt.timedelta(days=weak["started_days"]), 10)):
            plans.plan_item_start(self.mentor, item)
        for days, hours, outcome in weak["logs"]:
            on = day + dt.timedelta(days=days)
            with replay_clock(local(on, 17)):
                plans.service_log_add(
                    self.mentor,
                    project,
                    kind="business_plan",
                    on=on,
                    hours=Decimal(hours),
                    outcome=outcome,
                    plan_item=item,
                )
        with replay_clock(local(day + dt.timedelta(days=weak["completed_days"]), 11)):
            plans.plan_item_complete(self.mentor, item, weak["outcome"])
        with replay_clock(local(day + dt.timedelta(days=weak["completed_days"] + 2), 11)):
            stars, comment = weak["rating"]
            plans.rating_add(self.officer, project.servers.get(user=self.mentor), stars, comment)

    def broker_item(self) -> None:
        spec = data_care.BROKER_ITEM
        decl = approved_declaration(self.loader, data.BATCH_TWO["call"], spec["org"])
        project = Project.objects.filter(declaration=decl).first()
        if project is None or project.plan_items.filter(owner_user=self.broker).exists():
            return
        source = project.assessments.filter(kind=Assessment.Kind.MANAGER).first()
        created = self.today - dt.timedelta(days=spec["created_days_ago"])
        with replay_clock(local(created, 10)):
            item = plans.plan_item_create(
                self.officer,
                project,
                dimension="capital",
                kind="financing_match",
                title=spec["title"],
                counterparts=spec["counterparts"],
                due=self.today + dt.timedelta(days=spec["due_in_days"]),
                owner_user=self.broker,
                source=source,
            )
        with replay_clock(local(created + dt.timedelta(days=1), 10)):
            plans.plan_item_start(self.broker, item)
        days, hours, outcome = spec["log"]
        on = self.today - dt.timedelta(days=days)
        with replay_clock(local(on, 17)):
            plans.service_log_add(
                self.broker,
                project,
                kind="financing",
                on=on,
                hours=Decimal(hours),
                outcome=outcome,
                plan_item=item,
            )

    # -- company reports ------------------------------------------------------------------

    def file_reports(self, followed) -> None:
        cutoff = self.today - dt.timedelta(days=GRACE_DAYS)
        quarters = periods.ended_periods(self.reporting_from, cutoff, 3)
        for project, org_key in followed:
            company = self.loader.declarant(org_key)
            rng = random.Random(f"reports-{org_key}")
            headcount = rng.randint(12, 40)
            burn = Decimal(rng.randrange(25, 90)) * 10000
            kind, task = data_funding.KEY_TASKS[project.declaration.industry.code]
            progress = rng.randint(35, 60)
            for q, (year, period) in enumerate(quarters):
                last = q == len(quarters) - 1
                if last and org_key == data_care.REPORT_MISSING_ORG:
                    continue
                headcount += rng.randint(0, 4)
                progress = min(100, progress + rng.randint(8, 15))
                runway_short = last and org_key == data_care.REPORT_RUNWAY_ORG
                months = 4 if runway_short else rng.randint(9, 26)
                figures = {
                    "revenue": Decimal(rng.randrange(0, 400)) * 10000,
                    "rd_spend": burn * 3 * Decimal("0.6"),
                    "headcount": headcount,
                    "patents_filed": rng.randint(0, 4),
                    "patents_granted": 0,
                    "financing_raised": Decimal(0),
                    "cash_balance": burn * months,
                    "monthly_burn": burn,
                    "risks": data_care.RUNWAY_RISK if runway_short else data_care.REPORT_RISKS,
                }
                figures["patents_granted"] = rng.randint(0, figures["patents_filed"])
                _start, end = periods.period_bounds(year, period, 3)
                at = local(end + dt.timedelta(days=9), 10)
                with replay_clock(at):
                    report = reports.report_save(
                        company,
                        project,
                        year,
                        period,
                        figures,
                        [{"kind": kind, "percent": progress, "note": task}],
                        today=at.date(),
                    )
                    report = reports.report_submit(company, report, now=at)
                if not runway_short:
                    with replay_clock(at + dt.timedelta(days=3)):
                        reports.report_accept(self.officer, report)

    # -- candidates -----------------------------------------------------------------------

    def candidates(self) -> None:
        decls = []
        for batch in (data.BATCH_ONE, data.BATCH_TWO):
            qs = Declaration.objects.filter(call__code=batch["call"], state=State.CANDIDATE)
            only = data_care.CANDIDATES_FROM[batch["call"]]
            if only is not None:
                qs = qs.filter(organisation__in=[self.loader.orgs[k] for k in only])
            decls += [(batch, d) for d in qs.order_by("reference")]
        for i, (batch, decl) in enumerate(decls):
            project = Project.objects.filter(declaration=decl).first()
            if project is None:
                project = self.candidate_follow(batch, decl, i)
            if decl.organisation == self.loader.orgs[data_care.INVITED_ORG]:
                self.invite(project)

    def candidate_follow(self, batch: dict, decl: Declaration, i: int) -> Project:
        at = local(batch["selected_at"]) + dt.timedelta(days=10)
        with replay_clock(at):
            project = care.project_follow(
                self.officer,
                decl,
                manager=self.officer,
                profile=f"候选项目：{decl.title}。跟踪其中试与融资进展，条件成熟时邀请再次申报。",
            )
            care.contact_add(
                self.officer,
                project,
                name=self.loader.person(lead=True),
                role="项目负责人",
                phone=f"1390002{i:04d}",
            )
        for kind, days_ago, note in data_care.CANDIDATE_NOTES:
            on = self.today - dt.timedelta(days=days_ago + 7 * i)
            with replay_clock(local(on, 15)):
                care.follow_up_add(self.officer, project, kind=kind, note=note, on=on)
        self.loader.created["projects"] += 1
        return project

    def invite(self, project: Project) -> None:
        call = self.loader.calls["invest-first-3"]
        if CandidateInvitation.objects.filter(project=project, call=call).exists():
            return
        day = self.today - dt.timedelta(days=30)
        with replay_clock(local(day, 15)):
            care.assessment_record(
                self.officer,
                project,
                Assessment.Kind.MANAGER,
                self.scores("candidate", 1, 0),
                assessed_on=day,
                summary="候选项目评估：已完成发酵工艺放大，具备再次申报条件。",
            )
        with replay_clock(local(self.today - dt.timedelta(days=3), 10)):
            care.candidate_invite(self.officer, project, call)


def load_portfolio(loader) -> None:
    PortfolioLoader(loader).load()
