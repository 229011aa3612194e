"""Moving models from one app to another without losing their history.

The audit history and the auth permissions point at a model's content type; a migration
that moves models re-labels their content types in place (`content_types_moved`), so
that every entry written before the move stays attached to the same records.
"""

from collections.abc import Iterable
from functools import partial

from django.db import migrations

#: What a migration using `content_types_moved` depends on besides its own app.
MOVE_DEPENDENCIES = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("audit", "0002_initial"),
]


def _relabel(apps, schema_editor, *, models: tuple[str, ...], source: str, target: str) -> None:
    """Give each model's content type the label `target`. Where one under `target` exists
    already (created for the new app before this ran), what points at it moves to the old
    one, which keeps the history, and the new one goes. Running it again changes nothing."""
    alias = schema_editor.connection.alias
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
    permissions = apps.get_model("auth", "Permission").objects.using(alias)
    entries = apps.get_model("audit", "AuditEntry").objects.using(alias)
    for model in models:
        old = content_types.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = content_types.filter(app_label=target, model=model).first()
        if new is not None:
            entries.filter(content_type=new).update(content_type=old)
            kept = permissions.filter(content_type=old).values_list("codename", flat=True)
            permissions.filter(content_type=new, codename__in=list(kept)).delete()
            permissions.filter(content_type=new).update(content_type=old)
            new.delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def content_types_moved(source: str, target: str, models: Iterable[str]) -> migrations.RunPython:
    """A migration step that gives the content types of `models` (lower-case model names)
    the app label `target` instead of `source`. Idempotent, and reversed by moving them
    back. The migration depends on `MOVE_DEPENDENCIES`, the models it touches."""
    models = tuple(models)
    return migrations.RunPython(
        partial(_relabel, models=models, source=source, target=target),
        partial(_relabel, models=models, source=target, target=source),
    )
