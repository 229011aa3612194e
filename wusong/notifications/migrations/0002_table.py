# The moved table takes this app's name; the content type follows in place, so that
# permissions granted on notifications stay attached.

from django.db import migrations

from wusong.audit.moves import MOVE_DEPENDENCIES, content_types_moved


class Migration(migrations.Migration):

    dependencies = [
        *MOVE_DEPENDENCIES,
        ('notifications', '0001_initial'),
        ('review', '0004_notifications_moved'),
    ]

    operations = [
        migrations.AlterModelTable(name='notification', table=None),
        content_types_moved('review', 'notifications', ['notification']),
    ]
