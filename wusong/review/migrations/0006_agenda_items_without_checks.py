# The link from an agenda item to its check now lives in portfolio's CheckHearing
# (portfolio 0005 copied it): the column goes, and a sitting, where given, is at least 1.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0005_check_hearings_copied'),
        ('review', '0005_agenda_item_check_constraint_dropped'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='agendaitem',
            name='check_record',
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(('sitting__isnull', True), ('sitting__gte', 1), _connector='OR'), name='agenda_item_sitting_positive'),
        ),
    ]
