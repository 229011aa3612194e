# Public notices are the notices app's now (see its 0001): gone from this app's state
# only; the tables are renamed by the notices app. This app keeps its migration history.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0001_initial'),
        ('review', '0007_meetings_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Objection'),
                migrations.DeleteModel(name='NoticeItem'),
                migrations.DeleteModel(name='PublicNotice'),
            ],
            database_operations=[],
        ),
    ]
