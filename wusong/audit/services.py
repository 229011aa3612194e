"""Writing and reading the audit history."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def audit_record(
    obj: models.Model,
    *,
    actor,
    action: str,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to `obj`'s history. Call inside the transaction of the change."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes=dict(changes or {}),
        note=note,
    )


def audit_history(obj: models.Model):
    """Entries about `obj`, oldest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
    ).select_related("actor")


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list]:
    """{field: [before, after]} for every key whose value differs."""
    keys: Iterable[str] = list(before) + [k for k in after if k not in before]
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}
