"""Moving models from one app to another without losing their history.

The audit history and the auth permissions point at a model's content type; a migration
that moves models re-labels their content types in place (`content_types_moved`), so
that every entry written before the move stays attached to the same records.
"""

from collections.abc import Iterable
from functools import partial

from django.db import migrations


def _relabel(apps, schema_editor, *, models: tuple[str, ...], source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    for model in models:
        if content_types.filter(app_label=target, model=model).exists():
            continue  # already moved (or created afresh): nothing to carry over
        content_types.filter(app_label=source, model=model).update(app_label=target)


def content_types_moved(source: str, target: str, models: Iterable[str]) -> migrations.RunPython:
    """A migration step that gives the content types of `models` (lower-case model names)
    the app label `target` instead of `source`. Idempotent, and reversed by moving them
    back."""
    models = tuple(models)
    return migrations.RunPython(
        partial(_relabel, models=models, source=source, target=target),
        partial(_relabel, models=models, source=target, target=source),
    )
