"""The conversion deadline gets a date column, filled from each agreement's terms (JSON) as
the terms are read today. An agreement whose terms cannot be read keeps an empty column and
is named in the migration's log; from then on the daily fallback job names it (with the
reason) each day until its terms are amended, rather than passing over it."""

import logging

from django.db import migrations, models

from wusong.funding.terms import terms_deadline
from wusong.kernels.conversion import ConversionInputError

log = logging.getLogger(__name__)


def fill_deadlines(apps, schema_editor) -> list[tuple[str, str]]:
    """Fill `conversion_deadline` from the terms; returns the (reference, reason) of each
    agreement whose terms could not be read, which keeps it empty."""
    Agreement = apps.get_model("funding", "Agreement")
    unread = []
    for agreement in Agreement.objects.order_by("pk").iterator():
        try:
            deadline = terms_deadline(agreement.instrument, agreement.terms, agreement.start_date)
        except ConversionInputError as exc:
            unread.append((agreement.reference, str(exc)))
            log.warning(
                "agreement %s: the conversion deadline cannot be read from its terms (%s); "
                "it is left empty and reported by fallbacks_apply_due until the terms are "
                "amended",
                agreement.reference,
                exc,
            )
            continue
        if deadline != agreement.conversion_deadline:
            Agreement.objects.filter(pk=agreement.pk).update(conversion_deadline=deadline)
    return unread


def forwards(apps, schema_editor):
    fill_deadlines(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_equity_models_move_to_equity"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="conversion_deadline",
            field=models.DateField(
                blank=True,
                db_index=True,
                editable=False,
                null=True,
                verbose_name="Deadline for a qualifying round",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
