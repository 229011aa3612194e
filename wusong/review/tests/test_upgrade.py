"""A database created before review meetings, public notices and notifications left the
review app upgrades: taken back to the review app's last schema of its own and forward
again, the notices, objections, meetings, check hearings and notifications come through
with their ids, and every audit entry stays attached to its record."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wusong.audit.models import AuditEntry
from wusong.audit.services import audit_history
from wusong.experts.tests.factories import ExpertFactory
from wusong.notices import services as notices
from wusong.notices.tests.helpers import objection_data, published, world
from wusong.notifications.models import Notification
from wusong.portfolio import check_meetings
from wusong.portfolio.services import checks
from wusong.portfolio.services import panel as panels
from wusong.portfolio.tests.conftest import World, signed_agreement

pytestmark = pytest.mark.django_db(transaction=True)

# The review app's schema before its models moved out.
BEFORE = [("review", "0003_check_meetings")]
MOVED = {
    "review_publicnotice": "notices_publicnotice",
    "review_noticeitem": "notices_noticeitem",
    "review_objection": "notices_objection",
    "review_meeting": "meetings_meeting",
    "review_agendaitem": "meetings_agendaitem",
    "review_vote": "meetings_vote",
    "review_notification": "notifications_notification",
}


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()


def _ids(table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 (a name above)
        return [row[0] for row in cursor.fetchall()]


def _history() -> list[tuple]:
    return list(
        AuditEntry.objects.filter(
            content_type__app_label__in=["review", "meetings", "notices", "notifications"]
        )
        .order_by("pk")
        .values_list("pk", "content_type_id", "object_id", "action")
    )


def test_the_moved_records_and_their_history_survive_the_upgrade():
    w = world(2)
    notice, _when = published(w)
    objection = notices.objection_file(notice, objection_data(notice), client_ip="10.0.0.1")
    notices.objection_resolve(w.officer, objection, "dismissed", "经核实不成立")
    care = World()
    check = checks.check_schedule(
        care.manager, signed_agreement(care), "acceptance", timezone.localdate()
    )
    panels.panel_form(care.manager, check, experts=[ExpertFactory() for _ in range(3)])
    meeting = check_meetings.check_meeting_schedule(
        care.manager,
        check,
        {"starts_at": timezone.now() + dt.timedelta(days=3), "place": "宝山区科委三楼会议室"},
    )
    item = meeting.items.get()
    records = {table: _ids(new) for table, new in MOVED.items()}
    history = _history()
    assert records["review_objection"] and records["review_notification"] and history

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(BEFORE)
    try:
        assert {table: _ids(table) for table in MOVED} == records
        with connection.cursor() as cursor:  # the item names its check again
            cursor.execute(
                "SELECT check_id, sitting FROM review_agendaitem WHERE id = %s", [item.pk]
            )
            assert cursor.fetchone() == (check.pk, 1)
        assert set(
            ContentType.objects.filter(model__in=["meeting", "publicnotice", "notification"])
            .values_list("app_label", flat=True)
            .distinct()
        ) == {"review"}
    finally:
        _migrate(leaves)

    assert {table: _ids(new) for table, new in MOVED.items()} == records
    assert _history() == history
    item.refresh_from_db()
    assert item.check_hearing.check_record == check and item.heard.pk == check.pk
    assert Notification.objects.filter(recipient_user=w.officer).exists()
    assert [e.action for e in audit_history(objection)] == ["filed", "dismiss"]
    assert "agenda_set" in [e.action for e in audit_history(meeting)]
