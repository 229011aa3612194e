"""Checks under the pilot's agreements in the demo (``data_checks``): batch one's mid-term
checks heard by drawn expert panels (one rectified, then passed at a second sitting),
batch two's around the load day (four passed, three scheduled ahead, two not yet), one
final acceptance scheduled with its panel scoring but not decided and batch one's others
scheduled (all but one), one approved extension and the manager's ratings of a mentor,
a broker and a service agency.

Everything goes through the ``wusong.portfolio`` services under ``replay_clock``: the
officer schedules, forms the panel and records the outcome, each member scores on their
own account, the company files its rectification and requests the extension. An
agreement that already has the check (or the extension), and a server already rated,
are left alone."""

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from wusong.funding.models import Agreement
from wusong.portfolio import check_meetings
from wusong.portfolio.models import (
    AgreementCheck,
    ExtensionRequest,
    PanelMember,
    Project,
    Rating,
    Server,
)
from wusong.portfolio.selectors import sitting_of
from wusong.portfolio.services import care as plans
from wusong.portfolio.services import checks
from wusong.portfolio.services import panel as panels
from wusong.registry.roles import Role

from . import data, data_checks
from .clock import local, replay_clock
from .load_funding import approved_declaration

MIDTERM = AgreementCheck.Kind.MIDTERM
ACCEPTANCE = AgreementCheck.Kind.ACCEPTANCE


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class ChecksLoader:
    def __init__(self, loader):
        self.loader = loader
        self.officer = loader.accounts[Role.OFFICER]
        self.mentor = loader.accounts[Role.MENTOR]
        self.broker = loader.accounts[Role.BROKER]
        self.today = loader.today

    def load(self) -> None:
        for org_key, (on, outcome, findings) in data_checks.MIDTERM.items():
            agreement = self.agreement(data.BATCH_ONE["call"], org_key)
            if agreement.checks.filter(kind=MIDTERM).exists():
                continue
            self.midterm(agreement, org_key, _day(on), outcome, findings)
        self.batch_two_midterms()
        self.acceptance()
        self.acceptances()
        self.extension()
        self.ratings()

    def ago(self, days: int, hour: int = 10) -> dt.datetime:
        return local(self.today - dt.timedelta(days=days), hour)

    def agreement(self, call_code: str, org_key: str) -> Agreement:
        return Agreement.objects.get(
            declaration=approved_declaration(self.loader, call_code, org_key)
        )

    def project(self, call_code: str, org_key: str) -> Project:
        return Project.objects.get(
            declaration=approved_declaration(self.loader, call_code, org_key)
        )

    # -- the panel ------------------------------------------------------------------------

    def schedule(self, agreement: Agreement, kind: str, on: dt.date, at: dt.datetime):
        with replay_clock(at):
            check = checks.check_schedule(self.officer, agreement, kind, on)
        self.loader.created["checks"] += 1
        return check

    def form_panel(self, check: AgreementCheck, at: dt.datetime) -> list[PanelMember]:
        with replay_clock(at):
            panel = panels.panel_form(
                self.officer, check, size=data_checks.PANEL_SIZE, seed=data_checks.DRAW_SEED
            )
        return list(panel.members.select_related("expert__user").order_by("-is_chair", "pk"))

    def score(self, member, check, i: int, sitting: int, recommendation: str, level: float, at):
        """The member's sheet, submitted on their own account: each criterion around
        `level` (0–10, halves), the recommendation and a short comment."""
        rng = random.Random(f"{check.agreement.reference}-{check.kind}-{sitting}-{i}")
        scores = {
            code: Decimal(max(0, min(20, round(2 * (level + rng.uniform(-1.0, 0.9)))))) / 2
            for code, *_rest in panels.ACCEPTANCE_CRITERIA
        }
        comments = data_checks.COMMENTS[recommendation]
        with replay_clock(at):
            panels.panel_score_save(
                member.expert.user,
                member,
                scores,
                comment=comments[i % len(comments)],
                recommendation=recommendation,
                submit=True,
                now=at,
            )
        self.loader.created["panel_sheets"] += 1

    def sitting(self, check, members, recommendations, day: dt.date) -> None:
        for i, (member, recommendation) in enumerate(zip(members, recommendations, strict=False)):
            at = local(day, 9, 30) + dt.timedelta(minutes=20 * i)
            level = data_checks.LEVELS[recommendation]
            self.score(member, check, i, sitting_of(check), recommendation, level, at)

    def decide(self, check, outcome: str, findings: str, day: dt.date):
        with replay_clock(local(day, 16, 30)):
            return panels.panel_decide(self.officer, check, outcome, findings, today=day)

    # -- mid-term checks ------------------------------------------------------------------

    def midterm(self, agreement, org_key: str, on: dt.date, outcome: str, findings: str):
        created = on - dt.timedelta(days=data_checks.SCHEDULED_DAYS_BEFORE)
        check = self.schedule(agreement, MIDTERM, on, local(created, 10))
        formed = on - dt.timedelta(days=data_checks.PANEL_DAYS_BEFORE)
        members = self.form_panel(check, local(formed, 10))
        self.sitting(check, members, data_checks.RECOMMENDATIONS[outcome], on)
        check = self.decide(check, outcome, findings, on)
        if outcome == "rectify":
            self.rectify(check, org_key, members, on)

    def batch_two_midterms(self) -> None:
        """Batch two's mid-term checks around the load day: some heard and passed, some
        scheduled ahead, two left for the manager's desk."""
        call_code = data.BATCH_TWO["call"]
        for org_key, (days_ago, findings) in data_checks.MIDTERM_TWO_DECIDED.items():
            agreement = self.agreement(call_code, org_key)
            if not agreement.checks.filter(kind=MIDTERM).exists():
                on = self.today - dt.timedelta(days=days_ago)
                self.midterm(agreement, org_key, on, "pass", findings)
        for org_key, in_days in data_checks.MIDTERM_TWO_AHEAD.items():
            agreement = self.agreement(call_code, org_key)
            if not agreement.checks.filter(kind=MIDTERM).exists():
                on = self.today + dt.timedelta(days=in_days)
                self.schedule(
                    agreement, MIDTERM, on, self.ago(data_checks.MIDTERM_TWO_SCHEDULED_DAYS_AGO)
                )

    def rectify(self, check, org_key: str, members, decided: dt.date) -> None:
        """The company rectifies with the mentor's help and a service agency's
        introduction to a testing laboratory; the panel sits again and passes it."""
        spec = data_checks.RECTIFIED
        project = self.project(data.BATCH_ONE["call"], org_key)
        assigned = decided + dt.timedelta(days=spec["mentor_assigned_days"])
        with replay_clock(local(assigned, 10)):
            plans.server_assign(self.officer, project, person=self.mentor)
            plans.server_assign(self.officer, project, agency=self.loader.orgs[spec["agency"]])
        for days, kind, hours, outcome in spec["mentor_logs"]:
            on = decided + dt.timedelta(days=days)
            with replay_clock(local(on, 17)):
                plans.service_log_add(
                    self.mentor, project, kind=kind, on=on, hours=Decimal(hours), outcome=outcome
                )
            self.loader.created["service_logs"] += 1
        filed = decided + dt.timedelta(days=spec["filed_days"])
        with replay_clock(local(filed, 11)):
            check = checks.rectification_file(
                self.loader.declarant(org_key), check, spec["rectification"], today=filed
            )
        again = decided + dt.timedelta(days=spec["second_sitting_days"])
        self.sitting(check, members, data_checks.RECOMMENDATIONS["pass"], again)
        self.decide(check, "pass", spec["second_findings"], again)
        rated = decided + dt.timedelta(days=spec["ratings_days"])
        servers = {
            "mentor": project.servers.get(user=self.mentor),
            "agency": project.servers.get(agency=self.loader.orgs[spec["agency"]]),
        }
        for who, stars, comment in data_checks.RECTIFIED_RATINGS:
            self.rate(servers[who], stars, comment, local(rated, 11))

    # -- final acceptance -----------------------------------------------------------------

    def acceptance(self) -> None:
        spec = data_checks.ACCEPTANCE
        agreement = self.agreement(data.BATCH_ONE["call"], data_checks.ACCEPTANCE_ORG)
        if agreement.checks.filter(kind=ACCEPTANCE).exists():
            return
        on = self.today + dt.timedelta(days=spec["in_days"])
        check = self.schedule(agreement, ACCEPTANCE, on, self.ago(spec["scheduled_days_ago"]))
        members = self.form_panel(check, self.ago(spec["panel_days_ago"]))
        # The demo expert, if drawn, is among those still to score: the sheet waits on
        # their desk.
        members.sort(key=lambda m: m.expert.user.username == "expert")
        for i, (member, days) in enumerate(zip(members, spec["submitted_days_ago"], strict=False)):
            at = self.ago(days, 9 + 2 * i)
            comment = spec["comments"][i % len(spec["comments"])]
            with replay_clock(at):
                panels.panel_score_save(
                    member.expert.user,
                    member,
                    self.acceptance_scores(check, i),
                    comment=comment,
                    recommendation="pass",
                    submit=True,
                    now=at,
                )
            self.loader.created["panel_sheets"] += 1
        # The panel will sit as a review meeting on the day of the acceptance.
        meeting = spec["meeting"]
        with replay_clock(self.ago(1, 15)), translation.override(settings.LANGUAGE_CODE):
            check_meetings.check_meeting_schedule(
                self.officer,
                check,
                {
                    "title": meeting["title"],
                    "starts_at": local(on, *meeting["at"]),
                    "place": meeting["place"],
                },
            )
        self.loader.created["meetings"] += 1

    def acceptances(self) -> None:
        """Batch one's other final acceptances, scheduled after the task period ends."""
        for n, (org_key, days) in enumerate(data_checks.ACCEPTANCES_AFTER_END_DAYS.items()):
            agreement = self.agreement(data.BATCH_ONE["call"], org_key)
            if agreement.checks.filter(kind=ACCEPTANCE).exists():
                continue
            on = max(agreement.end_date, self.today) + dt.timedelta(days=days)
            at = self.ago(data_checks.ACCEPTANCES_SCHEDULED_DAYS_AGO) + dt.timedelta(minutes=20 * n)
            self.schedule(agreement, ACCEPTANCE, on, at)

    def acceptance_scores(self, check, i: int) -> dict:
        rng = random.Random(f"{check.agreement.reference}-acceptance-{i}")
        level = data_checks.ACCEPTANCE["level"]
        return {
            code: Decimal(max(0, min(20, round(2 * (level + rng.uniform(-0.8, 0.8)))))) / 2
            for code, *_rest in panels.ACCEPTANCE_CRITERIA
        }

    # -- extension ------------------------------------------------------------------------

    def extension(self) -> None:
        spec = data_checks.EXTENSION
        agreement = self.agreement(data.BATCH_TWO["call"], spec["org"])
        if ExtensionRequest.objects.filter(agreement=agreement).exists():
            return
        requested, decided = local(spec["requested"]), local(spec["decided"])
        # The amendment's reason is written in the office's language.
        with translation.override(settings.LANGUAGE_CODE):
            with replay_clock(requested):
                request = checks.extension_request(
                    self.loader.declarant(spec["org"]),
                    agreement,
                    _day(spec["new_end"]),
                    spec["reason"],
                    today=requested.date(),
                )
            with replay_clock(decided):
                checks.extension_decide(
                    self.officer, request, True, spec["note"], today=decided.date()
                )
        self.loader.created["extensions"] += 1

    # -- ratings --------------------------------------------------------------------------

    def rate(self, server: Server, stars: int, comment: str, at: dt.datetime) -> None:
        with replay_clock(at):
            plans.rating_add(self.officer, server, stars, comment)
        self.loader.created["ratings"] += 1

    def ratings(self) -> None:
        users = {"mentor": self.mentor, "broker": self.broker}
        for org_key, who, stars, comment, days_ago in data_checks.RATINGS:
            project = Project.objects.get(
                kind=Project.Kind.PORTFOLIO, organisation=self.loader.orgs[org_key]
            )
            server = project.servers.filter(user=users[who]).first()
            if server is None or Rating.objects.filter(server=server, comment=comment).exists():
                continue
            self.rate(server, stars, comment, self.ago(days_ago, 11))


def load_checks(loader) -> None:
    ChecksLoader(loader).load()
