from django.db import migrations

ROLES = [
    "applicant",
    "expert",
    "officer",
    "leader",
    "mentor",
    "broker",
    "commissioner",
    "administrator",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
