# A check heard at a review meeting is linked to its agenda item from here, so that the
# meetings app need not know checks; 0005 copies the links agenda items held.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0003_check_panel'),
        ('review', '0005_agenda_item_check_constraint_dropped'),
    ]

    operations = [
        migrations.CreateModel(
            name='CheckHearing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('check_record', models.ForeignKey(db_column='check_id', on_delete=django.db.models.deletion.PROTECT, related_name='hearings', to='portfolio.agreementcheck', verbose_name='mid-term check or acceptance')),
                ('agenda_item', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='check_hearing', to='review.agendaitem', verbose_name='agenda item')),
            ],
            options={
                'verbose_name': 'check hearing',
                'verbose_name_plural': 'check hearings',
            },
        ),
    ]
