# The moved tables take this app's name; the content types follow in place, so that the
# audit history of every meeting stays attached to it.

from django.db import migrations

from wusong.audit.moves import MOVE_DEPENDENCIES, content_types_moved

MODELS = ['meeting', 'meetingmember', 'agendaitem', 'recusal', 'vote']


class Migration(migrations.Migration):

    dependencies = [
        *MOVE_DEPENDENCIES,
        ('meetings', '0001_initial'),
        ('review', '0007_meetings_moved'),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        content_types_moved('review', 'meetings', MODELS),
    ]
