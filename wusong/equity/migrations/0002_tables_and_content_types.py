"""The equity ledger's tables take the equity app's names (funding_conversion becomes
equity_conversion, and so on), and the content types of its models move from the funding
app to this one in place, so the audit history and the permissions that point at them
stay attached. Both run backwards too."""

from django.db import migrations

from wusong.audit.moves import MOVE_DEPENDENCIES, content_types_moved

MODELS = (
    "captableline",
    "conversion",
    "convertibleposition",
    "equityprofile",
    "exit",
    "financinground",
    "holding",
    "poolreturn",
    "roundinvestor",
)


class Migration(migrations.Migration):
    dependencies = [
        ("equity", "0001_initial"),
        ("funding", "0003_equity_models_move_to_equity"),
        *MOVE_DEPENDENCIES,
    ]

    operations = [
        *(migrations.AlterModelTable(name=model, table=None) for model in MODELS),
        content_types_moved("funding", "equity", MODELS),
    ]
