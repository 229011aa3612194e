"""Reads of the registry: an organisation's recorded values and its history as rows."""

from wusong.audit.services import audit_history

from .models import Organisation

ORGANISATION_FIELDS = (
    "name",
    "name_en",
    "kind",
    "uscc",
    "parent_id",
    "park_id",
    "address",
    "contact_name",
    "contact_phone",
)


def organisation_values(org: Organisation) -> dict:
    """The values the audit history compares: one per field the services change."""
    return {f: getattr(org, f) for f in ORGANISATION_FIELDS}


def organisation_history(org: Organisation) -> list[dict]:
    """The organisation's audit entries, oldest first, each with its changes as rows of
    (field label, before, after)."""
    labels = {f.name: f.verbose_name for f in Organisation._meta.fields}
    return [
        {
            "entry": entry,
            "rows": [
                (labels.get(k.removesuffix("_id"), k), before, after)
                for k, (before, after) in entry.changes.items()
            ],
        }
        for entry in audit_history(org)
    ]
