"""The equity ledger's models leave funding for the equity app (equity 0001): in the
migration state only; their tables and rows stay as they are."""


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0002_convertibleposition_equityprofile_captableline_and_more'),
        ('equity', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='conversion',
                    name='confirmed_by',
                ),
                migrations.RemoveField(
                    model_name='conversion',
                    name='financing_round',
                ),
                migrations.RemoveField(
                    model_name='conversion',
                    name='position',
                ),
                migrations.RemoveField(
                    model_name='holding',
                    name='conversion',
                ),
                migrations.RemoveField(
                    model_name='convertibleposition',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='convertibleposition',
                    name='closed_by',
                ),
                migrations.RemoveField(
                    model_name='convertibleposition',
                    name='company',
                ),
                migrations.RemoveField(
                    model_name='convertibleposition',
                    name='holder',
                ),
                migrations.RemoveField(
                    model_name='convertibleposition',
                    name='opened_by',
                ),
                migrations.RemoveField(
                    model_name='convertibleposition',
                    name='residual_of',
                ),
                migrations.RemoveField(
                    model_name='poolreturn',
                    name='position',
                ),
                migrations.RemoveField(
                    model_name='equityprofile',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='financinground',
                    name='company',
                ),
                migrations.RemoveField(
                    model_name='exit',
                    name='holding',
                ),
                migrations.RemoveField(
                    model_name='exit',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='poolreturn',
                    name='exit',
                ),
                migrations.RemoveField(
                    model_name='financinground',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='roundinvestor',
                    name='financing_round',
                ),
                migrations.RemoveField(
                    model_name='holding',
                    name='company',
                ),
                migrations.RemoveField(
                    model_name='holding',
                    name='holder',
                ),
                migrations.RemoveField(
                    model_name='poolreturn',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='poolreturn',
                    name='call',
                ),
                migrations.RemoveField(
                    model_name='poolreturn',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='roundinvestor',
                    name='organisation',
                ),
                migrations.DeleteModel(
                    name='CapTableLine',
                ),
                migrations.DeleteModel(
                    name='Conversion',
                ),
                migrations.DeleteModel(
                    name='ConvertiblePosition',
                ),
                migrations.DeleteModel(
                    name='EquityProfile',
                ),
                migrations.DeleteModel(
                    name='Exit',
                ),
                migrations.DeleteModel(
                    name='FinancingRound',
                ),
                migrations.DeleteModel(
                    name='Holding',
                ),
                migrations.DeleteModel(
                    name='PoolReturn',
                ),
                migrations.DeleteModel(
                    name='RoundInvestor',
                ),
            ],
            database_operations=[],
        ),
    ]
