# Public notices move here from the review app: their tables and rows stay as they are;
# this migration only declares the models in this app's state (0002 renames the tables).

import django.core.validators
import django.db.models.deletion
import django_fsm
import wusong.notices.models
import wusong.registry.validators
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('calls', '0003_alter_teammember_title'),
        ('review', '0007_meetings_moved'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='NoticeItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('proposed_amount', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='proposed amount (yuan)')),
                        ('project_title', models.CharField(blank=True, max_length=200, verbose_name='project title')),
                        ('organisation_name', models.CharField(blank=True, max_length=200, verbose_name='applicant organisation')),
                        ('dropped', models.BooleanField(default=False, verbose_name='removed from the notice')),
                        ('drop_reason', models.TextField(blank=True, verbose_name='reason for removal')),
                        ('sort', models.PositiveSmallIntegerField(default=0)),
                        ('declaration', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notice_items', to='calls.declaration', verbose_name='declaration')),
                    ],
                    options={
                        'verbose_name': 'proposed approval',
                        'db_table': 'review_noticeitem',
                        'verbose_name_plural': 'proposed approvals',
                        'ordering': ['sort', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='PublicNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', django_fsm.FSMField(choices=[('draft', 'Draft'), ('published', 'Published, in its period'), ('period_ended', 'Period ended'), ('approved', 'Approved'), ('withdrawn', 'Withdrawn')], db_index=True, default='draft', max_length=50, protected=True, verbose_name='state')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('body', models.TextField(blank=True, help_text='Shown above the list: what is proposed, on what basis, by whom.', verbose_name='text of the notice')),
                        ('contact', models.TextField(blank=True, help_text="The office's address, telephone and e-mail for objections on paper.", verbose_name='how to object in writing')),
                        ('period_days', models.PositiveSmallIntegerField(default=5, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(30)], verbose_name='period (working days)')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('period_start', models.DateField(blank=True, null=True, verbose_name='period from')),
                        ('period_end', models.DateField(blank=True, null=True, verbose_name='period until')),
                        ('period_estimated', models.BooleanField(default=False, help_text='The official holiday arrangement for a year of the period is not held.', verbose_name='period counted without the holiday calendar')),
                        ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                        ('closing_note', models.TextField(blank=True, verbose_name='reason given')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notices', to='calls.call', verbose_name='call')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'public notice',
                        'db_table': 'review_publicnotice',
                        'verbose_name_plural': 'public notices',
                        'ordering': ['-published_at', '-created_at'],
                    },
                    bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='Objection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', django_fsm.FSMField(choices=[('open', 'Open'), ('upheld', 'Upheld'), ('dismissed', 'Dismissed')], db_index=True, default='open', max_length=50, protected=True, verbose_name='state')),
                        ('reference', models.CharField(max_length=40, unique=True, verbose_name='receipt number')),
                        ('kind', models.CharField(choices=[('person', 'A person'), ('organisation', 'An organisation')], max_length=12, verbose_name='objecting as')),
                        ('name', models.CharField(help_text="Your name, or the organisation's full name.", max_length=200, verbose_name='name')),
                        ('contact_name', models.CharField(blank=True, help_text='For an organisation: who the office may call.', max_length=60, verbose_name='contact person')),
                        ('mobile', models.CharField(max_length=20, validators=[wusong.registry.validators.validate_mobile], verbose_name='mobile')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('evidence', models.TextField(help_text='The facts that support the objection and where they can be checked.', verbose_name='evidence')),
                        ('attachment', models.FileField(blank=True, max_length=300, upload_to=wusong.notices.models.objection_path)),
                        ('attachment_name', models.CharField(blank=True, max_length=200, verbose_name='file name')),
                        ('attachment_type', models.CharField(blank=True, max_length=10)),
                        ('attachment_sha256', models.CharField(blank=True, max_length=64)),
                        ('client_ip', models.GenericIPAddressField(blank=True, null=True)),
                        ('filed_at', models.DateTimeField(verbose_name='filed at')),
                        ('resolution', models.TextField(blank=True, verbose_name='reasons of the decision')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objections', to='notices.noticeitem', verbose_name='project objected to')),
                        ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolved by')),
                        ('notice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objections', to='notices.publicnotice')),
                    ],
                    options={
                        'verbose_name': 'objection',
                        'db_table': 'review_objection',
                        'verbose_name_plural': 'objections',
                        'ordering': ['filed_at', 'id'],
                    },
                    bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
                ),
                migrations.AddField(
                    model_name='noticeitem',
                    name='notice',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='notices.publicnotice'),
                ),
                migrations.AddConstraint(
                    model_name='publicnotice',
                    constraint=models.CheckConstraint(condition=models.Q(('period_days__gte', 1), ('period_days__lte', 30)), name='notice_period_1_to_30_days'),
                ),
                migrations.AddConstraint(
                    model_name='publicnotice',
                    constraint=models.CheckConstraint(condition=models.Q(('state', 'draft'), models.Q(('published_at__isnull', True), ('state', 'withdrawn')), models.Q(('period_end__isnull', False), ('published_at__isnull', False)), _connector='OR'), name='notice_published_has_period'),
                ),
                migrations.AddConstraint(
                    model_name='objection',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('name', ''), _negated=True), models.Q(('mobile', ''), _negated=True), models.Q(('reason', ''), _negated=True), models.Q(('evidence', ''), _negated=True)), name='objection_signed_with_reason_and_evidence'),
                ),
                migrations.AddConstraint(
                    model_name='objection',
                    constraint=models.CheckConstraint(condition=models.Q(('kind', 'person'), models.Q(('contact_name', ''), _negated=True), _connector='OR'), name='objection_organisation_has_contact'),
                ),
                migrations.AddConstraint(
                    model_name='noticeitem',
                    constraint=models.UniqueConstraint(fields=('notice', 'declaration'), name='notice_item_once_per_notice'),
                ),
                migrations.AddConstraint(
                    model_name='noticeitem',
                    constraint=models.CheckConstraint(condition=models.Q(('proposed_amount__gt', 0)), name='notice_item_amount_positive'),
                ),
            ],
            database_operations=[],
        ),
    ]
