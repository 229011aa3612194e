"""The equity ledger's tables take the equity app's names (funding_conversion becomes
equity_conversion, and so on), and the content types of its models move from the funding
app to this one in place, so the audit history and the permissions that point at them
stay attached. Both run backwards too."""

from django.db import migrations

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


def move_content_types(apps, from_label: str, to_label: str) -> None:
    """Give each model's content type `to_label`. Where one under `to_label` exists
    already (created for the new app before this ran), what points at it moves to the old
    one, which keeps the history, and the new one goes. Running it again changes nothing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=to_label, model=model).first()
        if new is not None:
            AuditEntry.objects.filter(content_type=new).update(content_type=old)
            kept = Permission.objects.filter(content_type=old).values_list("codename", flat=True)
            Permission.objects.filter(content_type=new, codename__in=list(kept)).delete()
            Permission.objects.filter(content_type=new).update(content_type=old)
            new.delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    move_content_types(apps, "funding", "equity")


def backwards(apps, schema_editor):
    move_content_types(apps, "equity", "funding")


class Migration(migrations.Migration):
    dependencies = [
        ("equity", "0001_initial"),
        ("funding", "0003_equity_models_move_to_equity"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("audit", "0002_initial"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=model, table=None) for model in MODELS),
        migrations.RunPython(forwards, backwards),
    ]
