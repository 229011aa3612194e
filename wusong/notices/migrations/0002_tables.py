# The moved tables take this app's name; the content types follow in place, so that the
# audit history of every notice and objection stays attached to it.

from django.db import migrations

from wusong.audit.moves import MOVE_DEPENDENCIES, content_types_moved

MODELS = ['publicnotice', 'noticeitem', 'objection']


class Migration(migrations.Migration):

    dependencies = [
        *MOVE_DEPENDENCIES,
        ('notices', '0001_initial'),
        ('review', '0008_notices_moved'),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        content_types_moved('review', 'notices', MODELS),
    ]
