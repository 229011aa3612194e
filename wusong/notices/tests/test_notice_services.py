"""The public notice from draft to approval, as the office and the public live it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from wusong.audit.services import audit_history
from wusong.calls import services as call_services
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.factories import PDF_BYTES, applicant, officer
from wusong.kernels import workdays
from wusong.notices import services
from wusong.notices.models import Objection
from wusong.notices.workflow import NoticeState, ObjectionState
from wusong.notifications.models import Notification

from .helpers import draft, objection_data, published, world

pytestmark = pytest.mark.django_db


def test_the_whole_path_publish_object_resolve_period_end_approve():
    w = world(3)
    notice, when = published(w, days_ago=20)
    start = timezone.localdate(when)
    assert notice.state == NoticeState.PUBLISHED
    assert notice.period_start == start
    assert notice.period_end == workdays.period_end(start, 5)
    objection = services.objection_file(
        notice, objection_data(notice), client_ip="10.0.0.1", now=when + dt.timedelta(hours=2)
    )
    assert objection.state == ObjectionState.OPEN and objection.reference
    services.objection_resolve(w.officer, objection, "dismissed", "专利归属清晰，有转让合同为证。")
    other = w.decls[2]
    notice = services.notice_approve(
        w.leader, notice, {other.pk: ("candidate", "排名第三，列入候选库。")}
    )
    assert notice.state == NoticeState.APPROVED and notice.approved_by == w.leader
    for decl in w.decls[:2]:
        decl.refresh_from_db()
        assert decl.state == State.APPROVED
        assert [e.action for e in audit_history(decl)][-1] == "approve"
    other.refresh_from_db()
    assert other.state == State.CANDIDATE and other.decision_reason == "排名第三，列入候选库。"
    assert [e.action for e in audit_history(notice)] == [
        "created",
        "publish",
        "objection_filed",
        "objection_dismissed",
        "end_period",
        "approve",
    ]
    assert [e.action for e in audit_history(objection)] == ["filed", "dismiss"]
    org = w.decls[0].organisation
    texts = list(
        Notification.objects.filter(recipient_organisation=org).values_list("text", flat=True)
    )
    assert len(texts) == 2 and all(w.decls[0].title in t for t in texts)
    assert Notification.objects.filter(recipient_user=w.officer).count() == 1


def test_the_audit_history_never_names_the_objector():
    w = world(2)
    notice, when = published(w)
    objection = services.objection_file(
        notice, objection_data(notice, name="钱七"), client_ip="10.0.0.2"
    )
    entries = list(audit_history(objection)) + list(audit_history(notice))
    text = " ".join(f"{e.object_repr} {e.changes} {e.note}" for e in entries)
    assert "钱七" not in text and "13912345678" not in text
    notes = " ".join(Notification.objects.values_list("text", flat=True))
    assert "钱七" not in notes


def test_an_objection_after_the_period_is_refused():
    w = world(2)
    notice, when = published(w, days_ago=20)
    with pytest.raises(ActionRefused, match="period ended on"):
        services.objection_file(notice, objection_data(notice), client_ip="10.0.0.3")
    # Also on the last minute boundary: the day after the last day is too late.
    closes = notice.period_closes_at()
    with pytest.raises(ActionRefused):
        services.objection_file(notice, objection_data(notice), now=closes)
    services.objection_file(notice, objection_data(notice), now=closes - dt.timedelta(minutes=1))
    assert Objection.objects.count() == 1


def test_approval_while_an_objection_is_open_is_refused():
    w = world(2)
    notice, when = published(w, days_ago=20)
    services.objection_file(notice, objection_data(notice), now=when + dt.timedelta(hours=1))
    with pytest.raises(ActionRefused, match="still open"):
        services.notice_approve(w.leader, notice)
    notice.refresh_from_db()
    assert notice.state == NoticeState.PERIOD_ENDED
    for decl in w.decls:
        decl.refresh_from_db()
        assert decl.state == State.PASSED


def test_approval_before_the_period_ends_is_refused():
    w = world(2)
    notice, _when = published(w)
    with pytest.raises(ActionRefused, match="runs until"):
        services.notice_approve(w.leader, notice)


def test_an_upheld_objection_blocks_approval_until_the_project_is_removed():
    w = world(2)
    notice, when = published(w, days_ago=20)
    objection = services.objection_file(notice, objection_data(notice), now=when)
    services.objection_resolve(w.officer, objection, "upheld", "核实：专利确属他人。")
    with pytest.raises(ActionRefused, match="upheld"):
        services.notice_approve(w.leader, notice)
    item = objection.item
    services.notice_item_drop(w.officer, item, "异议成立，取消拟立项。")
    notice = services.notice_approve(
        w.leader, notice, {item.declaration_id: ("not_selected", "异议成立。")}
    )
    assert notice.state == NoticeState.APPROVED
    item.declaration.refresh_from_db()
    assert item.declaration.state == State.NOT_SELECTED


def test_only_a_leader_approves_and_only_the_programmes_officers_resolve():
    w = world(2)
    notice, when = published(w, days_ago=20)
    objection = services.objection_file(notice, objection_data(notice), now=when)
    with pytest.raises(NotAllowed):
        services.objection_resolve(officer(), objection, "dismissed", "无")
    with pytest.raises(NotAllowed):
        services.objection_resolve(w.leader, objection, "dismissed", "无")
    with pytest.raises(ValidationError):
        services.objection_resolve(w.officer, objection, "dismissed", "  ")
    services.objection_resolve(w.officer, objection, "dismissed", "理由不成立。")
    with pytest.raises(NotAllowed):
        services.notice_approve(w.officer, notice)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"mobile": ""}, "mobile"),
        ({"mobile": "12345"}, "mobile"),
        ({"reason": "  "}, "reason"),
        ({"evidence": ""}, "evidence"),
        ({"kind": "organisation", "name": "某某公司", "contact_name": ""}, "contact_name"),
        ({"kind": ""}, "kind"),
        ({"item": None}, "item"),
    ],
)
def test_anonymous_or_unfounded_objections_are_refused(overrides, field):
    w = world(2)
    notice, _when = published(w)
    with pytest.raises(ValidationError) as info:
        services.objection_file(notice, objection_data(notice, **overrides), client_ip="10.0.0.4")
    assert field in info.value.message_dict
    assert Objection.objects.count() == 0


def test_the_refusal_says_why_in_words_a_person_understands():
    w = world(2)
    notice, _when = published(w)
    with pytest.raises(ValidationError) as info:
        services.objection_file(notice, objection_data(notice, name="", reason="", evidence=""))
    errors = info.value.message_dict
    assert "anonymous objections are not accepted" in errors["name"][0]
    assert "without them is not accepted" in errors["reason"][0]
    assert "without it is not accepted" in errors["evidence"][0]


def test_an_organisation_objects_with_its_name_and_a_contact_and_an_attachment():
    w = world(2)
    notice, _when = published(w)
    objection = services.objection_file(
        notice,
        objection_data(
            notice, kind="organisation", name="上海某某新材料有限公司", contact_name="孙八"
        ),
        SimpleUploadedFile("证据.pdf", PDF_BYTES),
        client_ip="10.0.0.5",
    )
    assert objection.attachment_type == "pdf" and objection.attachment_name == "证据.pdf"
    with pytest.raises(ValidationError) as info:
        services.objection_file(
            notice,
            objection_data(notice),
            SimpleUploadedFile("证据.pdf", b"MZ\x90\x00 not a pdf"),
            client_ip="10.0.0.5",
        )
    assert "attachment" in info.value.message_dict


def test_objections_are_rate_limited_per_address():
    w = world(2)
    notice, _when = published(w)
    for _ in range(3):
        services.objection_file(notice, objection_data(notice), client_ip="10.9.9.9")
    with pytest.raises(services.RateLimited, match="At most 3 objections an hour"):
        services.objection_file(notice, objection_data(notice), client_ip="10.9.9.9")
    services.objection_file(notice, objection_data(notice), client_ip="10.9.9.10")
    assert Objection.objects.count() == 4


def test_a_proposal_beyond_the_budget_or_the_quota_is_refused():
    w = world(3, budget=Decimal("5000000.00"), quota=2)
    with pytest.raises(ValidationError, match="budget"):
        draft(w, amounts=[Decimal("3000000.00"), Decimal("2500000.00")])
    with pytest.raises(ValidationError, match="quota"):
        draft(w, amounts=[Decimal("1000000.00")] * 3)
    notice = draft(w, amounts=[Decimal("3000000.00"), Decimal("2000000.00")])
    assert notice.total() == Decimal("5000000.00")


def test_budget_already_taken_by_a_published_notice_counts():
    w = world(3, budget=Decimal("8000000.00"), quota=None)
    published(w, amounts=[Decimal("3000000.00"), Decimal("3000000.00")])
    with pytest.raises(ValidationError, match="left of the call's budget"):
        services.notice_create(w.officer, w.call, {}, [(w.decls[2], Decimal("2500000.00"))])
    with pytest.raises(ValidationError, match="already in another public notice"):
        services.notice_create(w.officer, w.call, {}, [(w.decls[0], Decimal("1000000.00"))])


def test_only_passed_declarations_with_sensible_amounts_are_proposed():
    w = world(2)
    with pytest.raises(ValidationError, match="more than the"):
        draft(w, amounts=[Decimal("6000000.00"), Decimal("1.00")])
    w.decls[0].refresh_from_db()
    call_services.selection_record(w.leader, w.decls[0], "not_selected", "不符合条件")
    w.decls[0].refresh_from_db()
    with pytest.raises(ValidationError, match="passed formal review"):
        draft(w)


def test_only_the_programmes_officers_draft_and_publish():
    w = world(2)
    with pytest.raises(NotAllowed):
        services.notice_create(officer(), w.call, {}, [(w.decls[0], Decimal("1000000"))])
    notice = draft(w)
    with pytest.raises(NotAllowed):
        services.notice_publish(applicant(w.decls[0].organisation), notice)


def test_a_withdrawn_notice_takes_no_objections_and_cannot_be_approved():
    w = world(2)
    notice, _when = published(w)
    services.notice_withdraw(w.officer, notice, "材料有误，重新公示。")
    with pytest.raises(ActionRefused):
        services.objection_file(notice, objection_data(notice))
    with pytest.raises(ActionRefused):
        services.notice_approve(w.leader, notice)
    # The declarations are free for a new notice.
    draft(w)


def test_a_period_reaching_an_unpublished_year_is_flagged():
    w = world(2)
    notice = draft(w)
    notice = services.notice_publish(
        w.officer, notice, now=timezone.make_aware(dt.datetime(2027, 3, 1, 10, 0))
    )
    assert notice.period_estimated
    assert notice.period_end == dt.date(2027, 3, 5)


def test_the_daily_command_ends_the_periods_that_are_over():
    w = world(4)
    old, _when = published(w, days_ago=20)
    w.decls = w.decls[2:]
    current, _when = published(w)
    call_command("notices_close_periods")
    old.refresh_from_db()
    current.refresh_from_db()
    assert old.state == NoticeState.PERIOD_ENDED
    assert current.state == NoticeState.PUBLISHED
    assert [e.action for e in audit_history(old)][-1] == "end_period"
