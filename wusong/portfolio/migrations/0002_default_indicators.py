from django.db import migrations


def load(apps, schema_editor):
    from wusong.portfolio.defaults import DEFAULT_INDICATORS

    Indicator = apps.get_model("portfolio", "Indicator")
    Anchor = apps.get_model("portfolio", "Anchor")
    for sort, (dimension, code, name, name_en, anchors) in enumerate(DEFAULT_INDICATORS):
        indicator, created = Indicator.objects.get_or_create(
            code=code,
            defaults={"dimension": dimension, "name": name, "name_en": name_en, "sort": sort},
        )
        if created:
            for value, (zh, en) in anchors.items():
                Anchor.objects.create(
                    indicator=indicator, value=value, description=zh, description_en=en
                )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
