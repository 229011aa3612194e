"""Reading a declaration's audit history as people read it: labelled actions and
field-by-field changes."""

from django.utils.translation import gettext_lazy as _

from wusong.audit.services import audit_history

from .models import Declaration
from .states import State

ACTION_LABELS = {
    "created": _("Draft created"),
    "edited": _("Edited"),
    "attachment_added": _("Attachment uploaded"),
    "attachment_removed": _("Attachment removed"),
    "submitted": _("Submitted"),
    "resubmitted": _("Resubmitted after revision"),
    "withdraw": _("Withdrawn"),
    "start_formal_review": _("Formal review started"),
    "pass_formal_review": _("Passed formal review"),
    "return_for_revision": _("Returned for revision"),
    "reject": _("Rejected at formal review"),
    "approve": _("Approved"),
    "shortlist": _("Shortlisted as candidate"),
    "not_select": _("Not selected"),
}

EXTRA_LABELS = {
    "team": _("Team"),
    "milestones": _("Expected milestones"),
    "attachments": _("Attachments"),
    "requested_amount": _("Requested amount"),
    "state": _("State"),
}

# Actions that move the declaration along; the applicant's timeline shows these.
TIMELINE_ACTIONS = {
    "created",
    "submitted",
    "resubmitted",
    "withdraw",
    "start_formal_review",
    "pass_formal_review",
    "return_for_revision",
    "reject",
    "approve",
    "shortlist",
    "not_select",
}


def _label_for(key: str, call_fields: dict) -> str:
    if key.startswith("field:"):
        field = call_fields.get(key[6:])
        return field.display_label if field else key[6:]
    if key in EXTRA_LABELS:
        return str(EXTRA_LABELS[key])
    try:
        return str(Declaration._meta.get_field(key).verbose_name)
    except Exception:  # noqa: BLE001 - an unknown key is shown as it is
        return key


def _show(key: str, value):
    if value is None:
        return ""
    if key == "state":
        return str(State(value).label) if value in State.values else value
    if isinstance(value, list):
        return value
    return str(value)


def change_rows(decl: Declaration, changes: dict) -> list[dict]:
    call_fields = {f.key: f for f in decl.call.fields.all()}
    rows = []
    for key, (before, after) in changes.items():
        row = {
            "label": _label_for(key, call_fields),
            "before": _show(key, before),
            "after": _show(key, after),
        }
        if isinstance(before, list) or isinstance(after, list):
            old, new = set(before or []), set(after or [])
            row["removed"] = [x for x in (before or []) if x not in new]
            row["added"] = [x for x in (after or []) if x not in old]
        rows.append(row)
    return rows


def history_entries(decl: Declaration, *, timeline_only: bool = False) -> list[dict]:
    entries = []
    for entry in audit_history(decl):
        if timeline_only and entry.action not in TIMELINE_ACTIONS:
            continue
        entries.append(
            {
                "at": entry.at,
                "actor": entry.actor,
                "action": entry.action,
                "label": ACTION_LABELS.get(entry.action, entry.action),
                "note": entry.note if not entry.action.startswith("attachment") else "",
                "changes": change_rows(decl, entry.changes) if not timeline_only else [],
            }
        )
    return entries


def last_resubmission_changes(decl: Declaration) -> list[dict] | None:
    """What changed between the previous submission and the latest resubmission, or None
    if the declaration was never resubmitted."""
    entry = audit_history(decl).filter(action="resubmitted").last()
    if entry is None:
        return None
    return change_rows(decl, entry.changes)
