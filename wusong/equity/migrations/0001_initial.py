"""The equity ledger's models move here from funding, where they were created
(funding 0002): in the migration state only, on the tables they have (renamed by 0002
of this app). Nothing in the database changes here."""


import django.db.models.deletion
import django_fsm
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('calls', '0003_alter_teammember_title'),
        ('funding', '0002_convertibleposition_equityprofile_captableline_and_more'),
        ('registry', '0003_alter_user_title'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ConvertiblePosition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', django_fsm.FSMField(choices=[('open', 'Open'), ('converted', 'Converted into equity'), ('written_off', 'Written off as a grant'), ('repaid', 'Repaid by the company')], default='open', max_length=50, protected=True, verbose_name='state')),
                        ('instrument', models.CharField(choices=[('grant', 'Grant'), ('investment_first', 'Investment first, shares later'), ('lease_first', 'Lease first, shares later'), ('services_first', 'Services first, shares later'), ('allocation_plus_investment', 'Allocation plus investment')], max_length=32, verbose_name='instrument')),
                        ('claim_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='claim amount (yuan)')),
                        ('amount', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='amount at close (yuan)')),
                        ('written_off_amount', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, verbose_name='written off (yuan)')),
                        ('repayable_amount', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, verbose_name='to be repaid (yuan)')),
                        ('fallback_result', models.JSONField(blank=True, default=dict, verbose_name='deadline fallback, as applied')),
                        ('opened_at', models.DateTimeField(auto_now_add=True)),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='funding.agreement')),
                        ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='convertible_positions', to='registry.organisation', verbose_name='portfolio company')),
                        ('holder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organisation', verbose_name='holder')),
                        ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('residual_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='equity.convertibleposition', verbose_name='residual of')),
                    ],
                    options={
                        'db_table': 'funding_convertibleposition',
                        'verbose_name': 'convertible position',
                        'verbose_name_plural': 'convertible positions',
                        'ordering': ['agreement', 'id'],
                    },
                    bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='EquityProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('form', models.CharField(choices=[('llc', 'Limited liability company (units: yuan of registered capital)'), ('joint_stock', 'Joint-stock company (units: shares)')], max_length=12, verbose_name='company form')),
                        ('units', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='fully diluted units')),
                        ('formation_date', models.DateField(blank=True, null=True, verbose_name='date of incorporation')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('organisation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='equity_profile', to='registry.organisation', verbose_name='company')),
                    ],
                    options={
                        'db_table': 'funding_equityprofile',
                        'verbose_name': 'equity profile',
                        'verbose_name_plural': 'equity profiles',
                    },
                ),
                migrations.CreateModel(
                    name='CapTableLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='holder')),
                        ('units', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='units')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organisation')),
                        ('profile', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='equity.equityprofile')),
                    ],
                    options={
                        'db_table': 'funding_captableline',
                        'verbose_name': 'cap-table line',
                        'verbose_name_plural': 'cap-table lines',
                        'ordering': ['-units', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='FinancingRound',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(blank=True, max_length=60, verbose_name='round')),
                        ('date', models.DateField(verbose_name='closing date')),
                        ('price_per_unit', models.DecimalField(blank=True, decimal_places=6, max_digits=22, null=True, verbose_name='price per unit (yuan)')),
                        ('pre_money_valuation', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='pre-money valuation (yuan)')),
                        ('units_before', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='fully diluted units before the round')),
                        ('round_price', models.DecimalField(decimal_places=6, help_text='As given, or pre-money valuation ÷ units before, to 0.000001 yuan.', max_digits=22, verbose_name='round price per unit (yuan)')),
                        ('cap_table_before', models.JSONField(default=list, help_text="The holders' lines when the round was recorded: conversions use them.", verbose_name='cap table before the round')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='equity.equityprofile')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'funding_financinground',
                        'verbose_name': 'financing round',
                        'verbose_name_plural': 'financing rounds',
                        'ordering': ['-date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Conversion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('round', 'In a qualifying financing round'), ('fallback', 'Deadline fallback at the agreed valuation')], max_length=10, verbose_name='kind')),
                        ('inputs', models.JSONField(verbose_name='kernel inputs')),
                        ('result', models.JSONField(verbose_name='kernel result with its arithmetic')),
                        ('price_rule', models.CharField(max_length=20, verbose_name='price rule')),
                        ('price', models.DecimalField(decimal_places=6, max_digits=22, verbose_name='applicable price per unit (yuan)')),
                        ('units', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='units')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='position amount (yuan)')),
                        ('amount_converted', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='amount converted (yuan)')),
                        ('residual_amount', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='residual (yuan)')),
                        ('residual_treatment', models.CharField(max_length=20, verbose_name='residual treatment')),
                        ('stake_after_percent', models.DecimalField(decimal_places=4, max_digits=7, verbose_name='stake after (%)')),
                        ('confirmed_at', models.DateTimeField(verbose_name='confirmed at')),
                        ('confirmed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('position', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='conversion', to='equity.convertibleposition')),
                        ('financing_round', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='conversions', to='equity.financinground')),
                    ],
                    options={
                        'db_table': 'funding_conversion',
                        'verbose_name': 'conversion',
                        'verbose_name_plural': 'conversions',
                        'ordering': ['confirmed_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Holding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', django_fsm.FSMField(choices=[('held', 'Held'), ('exited', 'Exited')], default='held', max_length=50, protected=True, verbose_name='state')),
                        ('unit_class', models.CharField(max_length=60, verbose_name='class')),
                        ('acquired_on', models.DateField(verbose_name='acquired on')),
                        ('units_acquired', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='units acquired')),
                        ('cost_acquired', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='cost (yuan)')),
                        ('units', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='units held')),
                        ('cost', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='cost of the units held (yuan)')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='holdings', to='registry.organisation')),
                        ('conversion', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='holding', to='equity.conversion')),
                        ('holder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organisation')),
                    ],
                    options={
                        'db_table': 'funding_holding',
                        'verbose_name': 'holding',
                        'verbose_name_plural': 'holdings',
                        'ordering': ['company', 'acquired_on', 'id'],
                    },
                    bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='Exit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('transfer', 'Transfer to another investor'), ('buyback', 'Buy-back by the founding team'), ('listing_sale', 'Sale after listing')], max_length=16, verbose_name='kind')),
                        ('date', models.DateField(verbose_name='date')),
                        ('counterparty', models.CharField(max_length=200, verbose_name='buyer')),
                        ('units', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='units sold')),
                        ('proceeds', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='proceeds (yuan)')),
                        ('cost', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='cost of the units sold (yuan)')),
                        ('realised_gain', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='realised gain (yuan)')),
                        ('team_reward_percent', models.DecimalField(decimal_places=4, max_digits=7, verbose_name="team's reward share (%)")),
                        ('team_reward', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='reward to the team (yuan)')),
                        ('returned_to_pool', models.DecimalField(decimal_places=2, max_digits=16, verbose_name="returned to the programme's pool (yuan)")),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('holding', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exits', to='equity.holding')),
                    ],
                    options={
                        'db_table': 'funding_exit',
                        'verbose_name': 'exit',
                        'verbose_name_plural': 'exits',
                        'ordering': ['date', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='PoolReturn',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('exit', 'Exit proceeds'), ('residual', 'Conversion residual repaid'), ('repayment', 'Repayment at the deadline')], max_length=12, verbose_name='kind')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='amount (yuan)')),
                        ('date', models.DateField(verbose_name='date')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='funding.agreement')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='calls.call')),
                        ('exit', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='pool_return', to='equity.exit')),
                        ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='pool_returns', to='equity.convertibleposition')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='calls.programme')),
                    ],
                    options={
                        'db_table': 'funding_poolreturn',
                        'verbose_name': 'return to the pool',
                        'verbose_name_plural': 'returns to the pool',
                        'ordering': ['date', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='RoundInvestor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='investor')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='new money (yuan)')),
                        ('market', models.BooleanField(help_text='A market investor, not a government or state fund.', verbose_name='market investor')),
                        ('units', models.DecimalField(decimal_places=2, max_digits=20, verbose_name='new units')),
                        ('financing_round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='investors', to='equity.financinground')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organisation')),
                    ],
                    options={
                        'db_table': 'funding_roundinvestor',
                        'verbose_name': 'round investor',
                        'verbose_name_plural': 'round investors',
                        'ordering': ['financing_round', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='convertibleposition',
                    constraint=models.UniqueConstraint(condition=models.Q(('residual_of__isnull', True)), fields=('agreement',), name='position_one_per_agreement'),
                ),
                migrations.AddConstraint(
                    model_name='convertibleposition',
                    constraint=models.CheckConstraint(condition=models.Q(('instrument__in', ['investment_first', 'lease_first', 'services_first', 'allocation_plus_investment'])), name='position_instrument_convertible'),
                ),
                migrations.AddConstraint(
                    model_name='convertibleposition',
                    constraint=models.CheckConstraint(condition=models.Q(('claim_amount__isnull', True), ('claim_amount__gt', 0), _connector='OR'), name='position_claim_positive'),
                ),
                migrations.AddConstraint(
                    model_name='convertibleposition',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__isnull', True), ('amount__gt', 0), _connector='OR'), name='position_amount_positive'),
                ),
                migrations.AddConstraint(
                    model_name='convertibleposition',
                    constraint=models.CheckConstraint(condition=models.Q(('written_off_amount__gte', 0), ('repayable_amount__gte', 0)), name='position_closing_amounts'),
                ),
                migrations.AddConstraint(
                    model_name='equityprofile',
                    constraint=models.CheckConstraint(condition=models.Q(('units__gt', 0)), name='equity_profile_units_positive'),
                ),
                migrations.AddConstraint(
                    model_name='captableline',
                    constraint=models.UniqueConstraint(fields=('profile', 'name'), name='cap_table_line_unique'),
                ),
                migrations.AddConstraint(
                    model_name='captableline',
                    constraint=models.CheckConstraint(condition=models.Q(('units__gte', 0)), name='cap_table_line_units'),
                ),
                migrations.AddConstraint(
                    model_name='financinground',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('price_per_unit__isnull', False), ('pre_money_valuation__isnull', True)), models.Q(('price_per_unit__isnull', True), ('pre_money_valuation__isnull', False)), _connector='OR'), name='round_price_or_valuation'),
                ),
                migrations.AddConstraint(
                    model_name='financinground',
                    constraint=models.CheckConstraint(condition=models.Q(('price_per_unit__isnull', True), ('price_per_unit__gt', 0), _connector='OR'), name='round_price_positive'),
                ),
                migrations.AddConstraint(
                    model_name='financinground',
                    constraint=models.CheckConstraint(condition=models.Q(('pre_money_valuation__isnull', True), ('pre_money_valuation__gt', 0), _connector='OR'), name='round_valuation_positive'),
                ),
                migrations.AddConstraint(
                    model_name='financinground',
                    constraint=models.CheckConstraint(condition=models.Q(('units_before__gt', 0)), name='round_units_positive'),
                ),
                migrations.AddConstraint(
                    model_name='financinground',
                    constraint=models.CheckConstraint(condition=models.Q(('round_price__gt', 0)), name='round_derived_price_positive'),
                ),
                migrations.AddConstraint(
                    model_name='conversion',
                    constraint=models.CheckConstraint(condition=models.Q(('units__gte', 0)), name='conversion_units'),
                ),
                migrations.AddConstraint(
                    model_name='conversion',
                    constraint=models.CheckConstraint(condition=models.Q(('price__gt', 0)), name='conversion_price'),
                ),
                migrations.AddConstraint(
                    model_name='conversion',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='conversion_amount'),
                ),
                migrations.AddConstraint(
                    model_name='conversion',
                    constraint=models.CheckConstraint(condition=models.Q(('amount_converted__gte', 0), ('residual_amount__gte', 0)), name='conversion_parts_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='conversion',
                    constraint=models.CheckConstraint(condition=models.Q(('kind', 'fallback'), ('financing_round__isnull', False), _connector='OR'), name='conversion_round_given'),
                ),
                migrations.AddConstraint(
                    model_name='holding',
                    constraint=models.CheckConstraint(condition=models.Q(('units_acquired__gt', 0), ('cost_acquired__gte', 0)), name='holding_acquired'),
                ),
                migrations.AddConstraint(
                    model_name='holding',
                    constraint=models.CheckConstraint(condition=models.Q(('units__gte', 0), ('units__lte', models.F('units_acquired'))), name='holding_units_within_acquired'),
                ),
                migrations.AddConstraint(
                    model_name='holding',
                    constraint=models.CheckConstraint(condition=models.Q(('cost__gte', 0), ('cost__lte', models.F('cost_acquired'))), name='holding_cost_within_acquired'),
                ),
                migrations.AddConstraint(
                    model_name='exit',
                    constraint=models.CheckConstraint(condition=models.Q(('units__gt', 0)), name='exit_units_positive'),
                ),
                migrations.AddConstraint(
                    model_name='exit',
                    constraint=models.CheckConstraint(condition=models.Q(('proceeds__gt', 0), ('cost__gte', 0)), name='exit_amounts'),
                ),
                migrations.AddConstraint(
                    model_name='exit',
                    constraint=models.CheckConstraint(condition=models.Q(('team_reward_percent__gte', 0), ('team_reward_percent__lte', 100)), name='exit_reward_percent'),
                ),
                migrations.AddConstraint(
                    model_name='exit',
                    constraint=models.CheckConstraint(condition=models.Q(('team_reward__gte', 0), ('team_reward__lte', models.F('proceeds'))), name='exit_reward_within_proceeds'),
                ),
                migrations.AddConstraint(
                    model_name='poolreturn',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='pool_return_positive'),
                ),
                migrations.AddConstraint(
                    model_name='roundinvestor',
                    constraint=models.UniqueConstraint(fields=('financing_round', 'name'), name='round_investor_once'),
                ),
                migrations.AddConstraint(
                    model_name='roundinvestor',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='round_investor_amount'),
                ),
                migrations.AddConstraint(
                    model_name='roundinvestor',
                    constraint=models.CheckConstraint(condition=models.Q(('units__gte', 0)), name='round_investor_units'),
                ),
            ],
            database_operations=[],
        ),
    ]
