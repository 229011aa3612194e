# Review meetings are the meetings app's now (see its 0001): gone from this app's state
# only; the tables are renamed by the meetings app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
        ('portfolio', '0006_check_hearings_in_meetings'),
        ('review', '0006_agenda_items_without_checks'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Vote'),
                migrations.DeleteModel(name='Recusal'),
                migrations.DeleteModel(name='MeetingMember'),
                migrations.DeleteModel(name='AgendaItem'),
                migrations.DeleteModel(name='Meeting'),
            ],
            database_operations=[],
        ),
    ]
