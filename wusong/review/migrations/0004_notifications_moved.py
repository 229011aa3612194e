# Notifications are the notifications app's now (see its 0001): gone from this app's
# state only; the table is renamed by the notifications app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
        ('review', '0003_check_meetings'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]
