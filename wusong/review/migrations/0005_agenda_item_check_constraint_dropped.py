# An agenda item no longer names the check it hears: the portfolio app links the check
# to the item (its CheckHearing). First the constraint that tied the two goes, so that
# the link can move (portfolio 0004, 0005) before the column is dropped (0006).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0004_notifications_moved'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='agendaitem',
            name='agenda_item_check_has_sitting',
        ),
    ]
