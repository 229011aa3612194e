# The links agenda items held (review's check_id column, dropped by review 0006) are
# copied to the check hearings, and back when migrating backwards. Kept apart from the
# schema changes so that no table is altered in the transaction that moves its rows.

from django.db import migrations


def links_copy(apps, schema_editor):
    db = schema_editor.connection.alias
    AgendaItem = apps.get_model('review', 'AgendaItem')
    CheckHearing = apps.get_model('portfolio', 'CheckHearing')
    CheckHearing.objects.using(db).bulk_create(
        CheckHearing(agenda_item_id=item_id, check_record_id=check_id)
        for item_id, check_id in AgendaItem.objects.using(db)
        .filter(check_record__isnull=False)
        .values_list('pk', 'check_record_id')
    )


def links_restore(apps, schema_editor):
    db = schema_editor.connection.alias
    AgendaItem = apps.get_model('review', 'AgendaItem')
    CheckHearing = apps.get_model('portfolio', 'CheckHearing')
    for item_id, check_id in CheckHearing.objects.using(db).values_list('agenda_item_id', 'check_record_id'):
        AgendaItem.objects.using(db).filter(pk=item_id).update(check_record_id=check_id)


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0004_check_hearings'),
    ]

    operations = [
        migrations.RunPython(links_copy, links_restore),
    ]
