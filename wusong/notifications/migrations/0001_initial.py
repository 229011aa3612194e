# The notification moves here from the review app: its table and its rows stay as they
# are; this migration only declares the model in this app's state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('registry', '0002_role_groups'),
        ('review', '0003_check_meetings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=500, verbose_name='text')),
                        ('link', models.CharField(blank=True, max_length=300, verbose_name='link')),
                        ('read', models.BooleanField(default=False, verbose_name='read')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='sent at')),
                        ('recipient_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='registry.organisation', verbose_name='organisation')),
                        ('recipient_user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'ordering': ['-created_at', '-id'],
                        'db_table': 'review_notification',
                        'constraints': [models.CheckConstraint(condition=models.Q(('recipient_organisation__isnull', False), ('recipient_user__isnull', False), _connector='OR'), name='notification_has_recipient')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
