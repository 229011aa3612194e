"""The checks under the pilot's agreements, as a visitor finds them after `make demo`:
batch one's mid-term checks decided by drawn panels (one rectified, then passed), batch
two's around the load day, a final acceptance about to sit and batch one's others
scheduled but one, an approved extension and the manager's ratings."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wusong.audit.models import AuditEntry
from wusong.demo import data, data_checks
from wusong.demo.tests.conftest import TODAY
from wusong.funding.models import Agreement
from wusong.portfolio.models import (
    AgreementCheck,
    CheckPanel,
    ExtensionRequest,
    PanelSheet,
    Project,
    Rating,
    Server,
)
from wusong.portfolio.selectors import panel_summary
from wusong.portfolio.workflow import CheckState, ExtensionState

pytestmark = pytest.mark.django_db

BATCH_ONE = "invest-first-1"
BATCH_TWO = "invest-first-2"


def org_name(key: str) -> str:
    """A named organisation's name by its demo key."""
    specs = data.ORGANISATIONS + data.NAMED_FICTIONAL_ORGANISATIONS
    return next(s["name"] for s in specs if s["key"] == key)


def midterms():
    return AgreementCheck.objects.filter(
        kind=AgreementCheck.Kind.MIDTERM, agreement__declaration__call__code=BATCH_ONE
    ).select_related("agreement__recipient")


def test_the_16_pilot_projects_are_followed_under_signed_agreements(demo):
    assert Project.objects.filter(kind=Project.Kind.PORTFOLIO).count() == 16
    assert Agreement.objects.filter(declaration__call__code=BATCH_ONE).count() == 7


def test_every_batch_one_agreement_had_its_mid_term_check_decided(demo):
    checks = midterms()
    assert checks.count() == 7
    assert {c.agreement.declaration.call.code for c in checks} == {BATCH_ONE}
    states = sorted(checks.values_list("state", flat=True))
    assert states.count(CheckState.PASSED) == 6
    assert states.count(CheckState.PASSED_AFTER_RECTIFICATION) == 1
    for check in checks:
        assert check.decided_on is not None and check.decided_on < TODAY
        assert check.scheduled_on <= check.decided_on
        assert check.findings


def test_batch_two_mid_term_checks_are_under_way_around_the_load_day(demo):
    checks = {
        c.agreement.recipient.name: c
        for c in AgreementCheck.objects.filter(
            kind=AgreementCheck.Kind.MIDTERM, agreement__declaration__call__code=BATCH_TWO
        ).select_related("agreement__recipient")
    }
    decided = {org_name(k) for k in data_checks.MIDTERM_TWO_DECIDED}
    ahead = {org_name(k) for k in data_checks.MIDTERM_TWO_AHEAD}
    assert set(checks) == decided | ahead
    assert not {org_name(k) for k in data_checks.MIDTERM_TWO_UNSCHEDULED} & set(checks)
    for name, check in checks.items():
        agreement = check.agreement
        middle = agreement.start_date + (agreement.end_date - agreement.start_date) / 2
        assert middle <= check.scheduled_on <= agreement.end_date
        assert abs((check.scheduled_on - TODAY).days) <= 60
        if name in decided:
            assert check.state == CheckState.PASSED and check.findings
            assert check.scheduled_on == check.decided_on < TODAY
            sheets = PanelSheet.objects.filter(member__panel__check_record=check)
            assert sheets.count() == data_checks.PANEL_SIZE
            assert set(sheets.values_list("recommendation", flat=True)) == {"pass"}
        else:
            assert check.state == CheckState.SCHEDULED and check.decided_on is None
            assert check.scheduled_on > TODAY
            assert not CheckPanel.objects.filter(check_record=check).exists()


def test_each_mid_term_panel_was_drawn_without_conflicts_and_every_sheet_submitted(demo):
    for check in midterms():
        panel = CheckPanel.objects.get(check_record=check)
        assert panel.method == CheckPanel.Method.DRAW
        assert panel.seed.startswith(f"{data_checks.DRAW_SEED}:check:")
        members = list(panel.members.select_related("expert__organisation"))
        assert len(members) == data_checks.PANEL_SIZE
        assert sum(m.is_chair for m in members) == 1
        assert not {str(m.expert_id) for m in members} & set(panel.excluded)
        sittings = 2 if check.rectified_on else 1
        sheets = PanelSheet.objects.filter(member__panel=panel)
        assert sheets.count() == data_checks.PANEL_SIZE * sittings
        assert not sheets.filter(submitted_at=None).exists()
        assert not sheets.filter(total=None).exists()
        # Each sheet was submitted on the member's own account, on the day of the sitting.
        for sheet in sheets.select_related("member__expert"):
            entry = AuditEntry.objects.get(
                content_type=ContentType.objects.get_for_model(PanelSheet),
                object_id=str(sheet.pk),
                action="scores_submitted",
            )
            assert entry.actor_id == sheet.member.expert.user_id
            assert entry.at.date() <= check.decided_on
    experts = set(
        CheckPanel.objects.filter(check_record__in=midterms()).values_list(
            "members__expert", flat=True
        )
    )
    assert len(experts) >= 15  # the draws spread the work over the pool


def test_one_check_was_rectified_within_the_period_then_passed_at_a_second_sitting(demo):
    check = midterms().get(state=CheckState.PASSED_AFTER_RECTIFICATION)
    spec = data_checks.RECTIFIED
    assert check.agreement.recipient.name == org_name(spec["org"])
    assert check.agreement.recipient.name != org_name(data_checks.ACCEPTANCE_ORG)
    assert check.rectification and check.rectified_on <= check.rectify_by
    assert "第三方检测报告" in check.findings
    assert check.decided_on > check.rectified_on
    first = PanelSheet.objects.filter(member__panel__check_record=check, sitting=1)
    second = PanelSheet.objects.filter(member__panel__check_record=check, sitting=2)
    assert first.filter(recommendation="rectify").count() > data_checks.PANEL_SIZE // 2
    assert set(second.values_list("recommendation", flat=True)) == {"pass"}
    actions = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Agreement),
            object_id=str(check.agreement.pk),
            action__startswith="agreementcheck_",
        )
        .order_by("at", "pk")
        .values_list("action", "actor__username", "at")
    )
    assert [a for a, _u, _at in actions] == [
        "agreementcheck_require_rectification",
        "agreementcheck_file_rectification",
        "agreementcheck_pass_after_rectification",
    ]
    # The company filed its own rectification; each step carries its historical date.
    company = next(a["username"] for a in data.ACCOUNTS if a["organisation"] == spec["org"])
    assert [u for _a, u, _at in actions] == ["officer", company, "officer"]
    dates = [timezone.localdate(at) for _a, _u, at in actions]
    assert dates[0] < dates[1] == check.rectified_on < dates[2] == check.decided_on


def test_the_final_acceptance_is_scheduled_with_its_panel_scoring_but_undecided(demo):
    agreement = Agreement.objects.get(
        declaration__call__code=BATCH_ONE,
        recipient__name=org_name(data_checks.ACCEPTANCE_ORG),
    )
    check = agreement.checks.get(kind=AgreementCheck.Kind.ACCEPTANCE)
    assert check.state == CheckState.SCHEDULED
    assert check.decided_on is None and not check.findings
    assert check.scheduled_on == TODAY + dt.timedelta(days=data_checks.ACCEPTANCE["in_days"])
    assert agreement.checks.get(kind=AgreementCheck.Kind.MIDTERM).state == CheckState.PASSED
    summary = panel_summary(check)
    assert summary["panel"].method == CheckPanel.Method.DRAW
    assert summary["size"] == data_checks.PANEL_SIZE
    assert summary["submitted"] == len(data_checks.ACCEPTANCE["submitted_days_ago"])
    assert 0 < summary["submitted"] < summary["size"] and not summary["complete"]
    assert summary["mean"] is not None
    sheets = PanelSheet.objects.filter(
        member__panel__check_record=check, submitted_at__isnull=False
    )
    assert all(s.submitted_at.date() < TODAY for s in sheets)
    # The only acceptance with a panel: the one about to sit.
    assert (
        CheckPanel.objects.filter(check_record__kind=AgreementCheck.Kind.ACCEPTANCE).get()
        == (summary["panel"])
    )
    # Its panel will sit as a review meeting on the day: panel, chair and agenda ready.
    item = check.hearings.select_related("agenda_item__meeting").get().agenda_item
    meeting = item.meeting
    assert (meeting.purpose, meeting.state, item.sitting) == ("check", "scheduled", 1)
    assert timezone.localtime(meeting.starts_at).date() == check.scheduled_on
    assert {m.expert_id for m in meeting.members.all()} == {
        r["member"].expert_id for r in summary["rows"]
    }
    assert meeting.chair_id == summary["rows"][0]["member"].expert_id


def test_batch_one_acceptances_are_scheduled_after_the_task_period_but_one(demo):
    checks = AgreementCheck.objects.filter(
        kind=AgreementCheck.Kind.ACCEPTANCE, agreement__declaration__call__code=BATCH_ONE
    ).select_related("agreement__recipient")
    names = {c.agreement.recipient.name for c in checks}
    others = {org_name(k) for k in data_checks.ACCEPTANCES_AFTER_END_DAYS}
    assert names == others | {org_name(data_checks.ACCEPTANCE_ORG)}
    assert org_name(data_checks.ACCEPTANCE_UNSCHEDULED) not in names
    for check in checks:
        assert check.state == CheckState.SCHEDULED and check.scheduled_on > TODAY
        if check.agreement.recipient.name in others:
            assert check.scheduled_on > check.agreement.end_date
    # Every batch-one agreement not extended ends within the coming weeks.
    ending = Agreement.objects.filter(
        declaration__call__code=BATCH_ONE, end_date__lte=TODAY + dt.timedelta(days=90)
    )
    assert ending.count() == 6
    assert ending.filter(checks__kind=AgreementCheck.Kind.ACCEPTANCE).count() == 5


def test_an_approved_extension_moved_a_batch_two_end_date_by_an_amendment(demo):
    request = ExtensionRequest.objects.select_related("agreement__recipient").get()
    spec = data_checks.EXTENSION
    agreement = request.agreement
    assert agreement.declaration.call.code == "invest-first-2"
    assert agreement.recipient.name.startswith("上海纳递生物")
    assert request.state == ExtensionState.APPROVED
    assert request.requested_on < request.current_end
    assert request.decided_on and request.decided_on >= request.requested_on
    assert agreement.end_date == request.new_end
    assert request.new_end.isoformat() == spec["new_end"]
    assert "临床前动物实验周期延长" in request.reason
    amendment = agreement.amendments.get()
    assert request.reason in amendment.reason


def test_the_manager_rated_the_mentor_the_broker_and_a_service_agency(demo):
    ratings = Rating.objects.select_related("server__project", "rated_by")
    roles = set(ratings.values_list("server__role", flat=True))
    assert {Server.Role.MENTOR, Server.Role.BROKER, Server.Role.AGENCY} <= roles
    for rating in ratings:
        assert rating.rated_by.username == "officer"
        assert rating.comment
        assert rating.server.project.manager_id == rating.rated_by.pk
        assert 1 <= rating.stars <= 5
        assert rating.rated_at.date() < TODAY
    rectified = midterms().get(state=CheckState.PASSED_AFTER_RECTIFICATION)
    project = Project.objects.get(declaration=rectified.agreement.declaration)
    assert project.servers.filter(role=Server.Role.MENTOR).exists()
    assert project.servers.filter(role=Server.Role.AGENCY, agency__kind="service_agency").exists()
    assert project.service_logs.filter(logged_by__username="mentor").exists()
