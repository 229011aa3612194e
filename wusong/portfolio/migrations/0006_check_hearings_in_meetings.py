# Agenda items are the meetings app's now: the link points there (state only; the
# table it points at is the same, renamed by meetings 0002).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
        ('portfolio', '0005_check_hearings_copied'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='checkhearing',
                    name='agenda_item',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='check_hearing', to='meetings.agendaitem', verbose_name='agenda item'),
                ),
            ],
            database_operations=[],
        ),
    ]
