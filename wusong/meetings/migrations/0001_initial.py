# Review meetings move here from the review app: their tables and rows stay as they are;
# this migration only declares the models in this app's state (0002 renames the tables).

import django.core.validators
import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('calls', '0003_alter_teammember_title'),
        ('experts', '0001_initial'),
        ('review', '0006_agenda_items_without_checks'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', django_fsm.FSMField(choices=[('scheduled', 'Scheduled'), ('in_session', 'In session'), ('closed', 'Closed'), ('cancelled', 'Cancelled')], db_index=True, default='scheduled', max_length=50, protected=True, verbose_name='state')),
                        ('purpose', models.CharField(choices=[('selection', 'Selection of declarations'), ('check', 'Mid-term check or final acceptance')], db_index=True, default='selection', max_length=10, verbose_name='purpose')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('starts_at', models.DateTimeField(verbose_name='date and time')),
                        ('place', models.CharField(max_length=200, verbose_name='place')),
                        ('quorum_numerator', models.PositiveSmallIntegerField(default=2, validators=[django.core.validators.MinValueValidator(1)], verbose_name='quorum: share of members (numerator)')),
                        ('quorum_denominator', models.PositiveSmallIntegerField(default=3, validators=[django.core.validators.MinValueValidator(1)], verbose_name='quorum: share of members (denominator)')),
                        ('quorum_min_votes', models.PositiveSmallIntegerField(default=3, help_text='An item is decided only when at least this many members vote on it.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='quorum: fewest votes')),
                        ('members_vote_themselves', models.BooleanField(default=False, help_text='Panel members vote on their review desk; officers can still record votes.', verbose_name='members record their own votes')),
                        ('opened_at', models.DateTimeField(blank=True, null=True, verbose_name='opened at')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('closing_note', models.TextField(blank=True, verbose_name='reason given')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='calls.call', verbose_name='call')),
                        ('chair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='experts.expert', verbose_name='chair of the panel')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('draw', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='experts.draw', verbose_name='panel draw')),
                        ('review_round', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='experts.reviewround', verbose_name='review round')),
                    ],
                    options={
                        'verbose_name': 'review meeting',
                        'db_table': 'review_meeting',
                        'verbose_name_plural': 'review meetings',
                        'ordering': ['-starts_at', '-id'],
                    },
                    bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='AgendaItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sitting', models.PositiveSmallIntegerField(blank=True, help_text='1 for the first hearing of a check, 2 after its rectification.', null=True, verbose_name='sitting')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('notes', models.TextField(blank=True, verbose_name='discussion notes')),
                        ('conclusion', models.TextField(blank=True, help_text='What the minutes say the meeting advises, e.g. the amount it supports.', verbose_name='opinion of the meeting')),
                        ('outcome', models.CharField(blank=True, choices=[('approve', 'Approve'), ('candidate', 'Candidate (shortlist)'), ('reject', 'Reject'), ('pass', 'Pass'), ('rectify', 'Pass after rectification'), ('fail', 'Fail')], max_length=10, verbose_name='outcome')),
                        ('flag', models.CharField(blank=True, choices=[('', '—'), ('quorum_not_met', 'Quorum not met: no outcome'), ('no_majority', 'Votes split evenly: no outcome')], default='', max_length=16, verbose_name='flag')),
                        ('quorum_met', models.BooleanField(blank=True, null=True, verbose_name='quorum met')),
                        ('tally', models.JSONField(blank=True, default=dict, help_text='Members who count, votes cast, votes needed and votes per choice.', verbose_name='tally')),
                        ('declaration', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meeting_items', to='calls.declaration', verbose_name='declaration')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='meetings.meeting')),
                    ],
                    options={
                        'verbose_name': 'agenda item',
                        'db_table': 'review_agendaitem',
                        'verbose_name_plural': 'agenda items',
                        'ordering': ['order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('present', models.BooleanField(blank=True, null=True, verbose_name='present')),
                        ('sort', models.PositiveSmallIntegerField(default=0)),
                        ('expert', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meeting_seats', to='experts.expert', verbose_name='expert')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='meetings.meeting')),
                    ],
                    options={
                        'verbose_name': 'panel member',
                        'db_table': 'review_meetingmember',
                        'verbose_name_plural': 'panel members',
                        'ordering': ['sort', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Recusal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reasons', models.JSONField(default=list, verbose_name='reasons')),
                        ('source', models.CharField(choices=[('detected', 'Conflict of interest found by Wusong'), ('declared', 'Declared at the meeting')], max_length=10, verbose_name='source')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recusals', to='meetings.agendaitem')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recusals', to='meetings.meetingmember')),
                    ],
                    options={
                        'verbose_name': 'recusal',
                        'db_table': 'review_recusal',
                        'verbose_name_plural': 'recusals',
                        'ordering': ['item__order', 'item_id', 'member__sort', 'member_id'],
                    },
                ),
                migrations.CreateModel(
                    name='Vote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('choice', models.CharField(choices=[('approve', 'Approve'), ('candidate', 'Candidate (shortlist)'), ('reject', 'Reject'), ('pass', 'Pass'), ('rectify', 'Pass after rectification'), ('fail', 'Fail')], max_length=10, verbose_name='vote')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('recorded_at', models.DateTimeField(auto_now=True, verbose_name='recorded at')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='meetings.agendaitem')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='meetings.meetingmember')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'vote',
                        'db_table': 'review_vote',
                        'verbose_name_plural': 'votes',
                        'ordering': ['member__sort', 'member_id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.CheckConstraint(condition=models.Q(('quorum_denominator__gte', 1), ('quorum_numerator__gte', 1), ('quorum_numerator__lte', models.F('quorum_denominator'))), name='meeting_quorum_share_at_most_one'),
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.CheckConstraint(condition=models.Q(('quorum_min_votes__gte', 1)), name='meeting_quorum_min_votes_positive'),
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'closed'), _negated=True), ('closed_at__isnull', False), _connector='OR'), name='meeting_closed_has_time'),
                ),
                migrations.AddConstraint(
                    model_name='agendaitem',
                    constraint=models.UniqueConstraint(fields=('meeting', 'declaration'), name='declaration_once_per_meeting'),
                ),
                migrations.AddConstraint(
                    model_name='agendaitem',
                    constraint=models.CheckConstraint(condition=models.Q(('outcome', ''), ('flag', ''), _connector='OR'), name='agenda_item_outcome_or_flag'),
                ),
                migrations.AddConstraint(
                    model_name='agendaitem',
                    constraint=models.CheckConstraint(condition=models.Q(('sitting__isnull', True), ('sitting__gte', 1), _connector='OR'), name='agenda_item_sitting_positive'),
                ),
                migrations.AddConstraint(
                    model_name='meetingmember',
                    constraint=models.UniqueConstraint(fields=('meeting', 'expert'), name='one_seat_per_expert'),
                ),
                migrations.AddConstraint(
                    model_name='recusal',
                    constraint=models.UniqueConstraint(fields=('item', 'member'), name='one_recusal_per_item_member'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.UniqueConstraint(fields=('item', 'member'), name='one_vote_per_item_member'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.CheckConstraint(condition=models.Q(('choice__in', ['approve', 'candidate', 'reject', 'pass', 'rectify', 'fail'])), name='vote_choice_known'),
                ),
            ],
            database_operations=[],
        ),
    ]
